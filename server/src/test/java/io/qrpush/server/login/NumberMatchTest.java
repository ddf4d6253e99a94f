package io.qrpush.server.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrpush.protocol.ErrorWord;
import io.qrpush.server.config.LoginSettings;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Number matching on the pure state machine, and the numbers themselves. */
class NumberMatchTest {
    private static final LoginSettings SETTINGS = new LoginSettings(Duration.ofSeconds(120), Duration.ofSeconds(60),
            Duration.ofSeconds(30), Duration.ofSeconds(15));
    private static final long T0 = 1_000_000;
    private static final LoginUser ALICE = new LoginUser("alice", "Alice", null);
    private static final NumberMatch NUMBERS = new NumberMatch("42", List.of("17", "42", "88"));

    private final LoginMachine machine = new LoginMachine(SETTINGS, appkey -> "secret-0123456789abcdef", () -> "seed");
    private final PcClient pc = new PcClient("192.0.2.1", "UA", null, T0);

    private LoginSession scanned(NumberMatch numbers) {
        LoginSession waiting = machine.create("k3y", "app", pc, numbers, T0);
        return machine.act(waiting, LoginAction.SCAN, null, ALICE, T0 + 10).next();
    }

    @Test
    void theRightNumberConfirms() {
        LoginSession s = scanned(NUMBERS);
        assertThat(s.numbers()).as("kept through the scan").isEqualTo(NUMBERS);
        LoginMachine.Step step = machine.act(s, LoginAction.CONFIRM, "42", ALICE, T0 + 20);
        assertThat(step.refused()).isFalse();
        assertThat(step.next().status()).isEqualTo(LoginStatus.CONFIRMED);
        assertThat(step.next().numbers()).as("not needed any more").isNull();
    }

    @Test
    void aWrongOrMissingNumberCancelsWithMismatch() {
        for (String picked : new String[] {"17", null, "042", ""}) {
            LoginMachine.Step step = machine.act(scanned(NUMBERS), LoginAction.CONFIRM, picked, ALICE, T0 + 20);
            assertThat(step.refusal()).as("picked %s", picked).isEqualTo(ErrorWord.MISMATCH);
            assertThat(step.next().status()).isEqualTo(LoginStatus.CANCELLED);
            assertThat(step.next().reason()).isEqualTo("mismatch");
            assertThat(step.next().ticketHash()).isNull();
        }
    }

    @Test
    void aMatchIsIgnoredWhereTheAppHasNone() {
        LoginMachine.Step step = machine.act(scanned(null), LoginAction.CONFIRM, "13", ALICE, T0 + 20);
        assertThat(step.refused()).isFalse();
        assertThat(step.next().status()).isEqualTo(LoginStatus.CONFIRMED);
    }

    @Test
    void anOrdinaryCancelHasNoReason() {
        LoginSession s = machine.act(scanned(NUMBERS), LoginAction.CANCEL, null, ALICE, T0 + 20).next();
        assertThat(s.status()).isEqualTo(LoginStatus.CANCELLED);
        assertThat(s.reason()).isNull();
    }

    @Test
    void drawsThreeDistinctTwoDigitNumbersInRandomOrder() {
        Random random = new Random(7);
        Set<Integer> positions = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            NumberMatch n = NumberMatch.draw(random);
            assertThat(n.choices()).hasSize(3).doesNotHaveDuplicates().contains(n.match())
                    .allMatch(c -> c.matches("[1-9][0-9]"));
            positions.add(n.choices().indexOf(n.match()));
        }
        assertThat(positions).as("the match is not always in one place").containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void choicesMustHoldTheMatch() {
        assertThatThrownBy(() -> new NumberMatch("42", List.of("17", "18", "19")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NumberMatch("42", List.of("42", "42", "19")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStoredSessionKeepsItsNumbersAndReason() {
        MemoryLoginStore store = new MemoryLoginStore();
        LoginSession waiting = machine.create("k3y", "app", pc, NUMBERS, T0);
        store.create(waiting).join();
        LoginSession s = machine.act(waiting, LoginAction.SCAN, null, ALICE, T0 + 10).next();
        store.compareAndSet(waiting, s).join();
        assertThat(store.find("k3y").join().numbers()).isEqualTo(NUMBERS);
        LoginSession cancelled = machine.act(s, LoginAction.CONFIRM, "17", ALICE, T0 + 20).next();
        store.compareAndSet(s, cancelled).join();
        assertThat(store.find("k3y").join().reason()).as("read back from its encoding").isEqualTo("mismatch");
    }
}
