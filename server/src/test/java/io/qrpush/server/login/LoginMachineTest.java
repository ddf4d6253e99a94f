package io.qrpush.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrpush.protocol.ErrorWord;
import io.qrpush.server.config.LoginSettings;
import io.qrpush.server.login.LoginMachine.Step;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every transition of docs/protocol.md section 4, and every refusal, on the pure state machine. */
class LoginMachineTest {
    private static final LoginSettings SETTINGS = new LoginSettings(Duration.ofSeconds(120), Duration.ofSeconds(60),
            Duration.ofSeconds(30), Duration.ofSeconds(15));
    private static final long T0 = 1_000_000;
    private static final LoginUser ALICE = new LoginUser("alice", "Alice", "https://a/avatar.png");
    private static final LoginUser BOB = new LoginUser("bob", null, null);

    private static final String SECRET = "secret-0123456789abcdef";
    /** The ticket of session k3y with the fixed seed. */
    private static final String TICKET = Tickets.derive(SECRET, "k3y", "R4nd0m");

    private final LoginMachine machine = new LoginMachine(SETTINGS, appkey -> SECRET, () -> "R4nd0m");
    private final PcClient pc = new PcClient("192.0.2.1", "UA", "https://a.example", T0);

    private LoginSession waiting() {
        return machine.create("k3y", "app", pc, null, T0);
    }

    private LoginSession scanned() {
        return machine.act(waiting(), LoginAction.SCAN, null, ALICE, T0 + 10).next();
    }

    private LoginSession confirmed() {
        return machine.act(scanned(), LoginAction.CONFIRM, null, ALICE, T0 + 20).next();
    }

    private static void assertRefused(Step step, ErrorWord word) {
        assertThat(step.refusal()).isEqualTo(word);
        assertThat(step.writes()).isFalse();
    }

    @Test
    void createdSessionWaitsForLoginTtl() {
        LoginSession s = waiting();
        assertThat(s.status()).isEqualTo(LoginStatus.WAITING);
        assertThat(s.until()).isEqualTo(T0 + 120_000);
        assertThat(s.user()).isNull();
        assertThat(s.channel()).isEqualTo("login:k3y");
    }

    @Test
    void firstScanClaimsAndStartsTheConfirmClock() {
        Step step = machine.act(waiting(), LoginAction.SCAN, null, ALICE, T0 + 10);
        assertThat(step.refused()).isFalse();
        LoginSession s = step.next();
        assertThat(s.status()).isEqualTo(LoginStatus.SCANNED);
        assertThat(s.user()).isEqualTo(ALICE);
        assertThat(s.scannedAt()).isEqualTo(T0 + 10);
        assertThat(s.until()).isEqualTo(T0 + 10 + 60_000);
        assertThat(s.version()).isEqualTo(waiting().version() + 1);
    }

    @Test
    void sameUserMayScanAgainWithoutAnyChange() {
        Step again = machine.act(scanned(), LoginAction.SCAN, null, ALICE, T0 + 30);
        assertThat(again.writes()).isFalse();
        assertThat(again.refused()).isFalse();
    }

    @Test
    void anotherUserIsLockedOutOfEveryAction() {
        for (LoginAction a : LoginAction.values()) {
            assertRefused(machine.act(scanned(), a, null, BOB, T0 + 30), ErrorWord.LOCKED);
        }
    }

    @Test
    void confirmOrCancelBeforeScanIsBadState() {
        assertRefused(machine.act(waiting(), LoginAction.CONFIRM, null, ALICE, T0 + 1), ErrorWord.BAD_STATE);
        assertRefused(machine.act(waiting(), LoginAction.CANCEL, null, ALICE, T0 + 1), ErrorWord.BAD_STATE);
    }

    @Test
    void confirmMintsATicketTiedToTheKeyForTicketTtl() {
        LoginSession s = confirmed();
        assertThat(s.status()).isEqualTo(LoginStatus.CONFIRMED);
        assertThat(s.ticketSeed()).isEqualTo("R4nd0m");
        assertThat(s.ticketHash()).as("the store keeps the hash, not the ticket").isEqualTo(Tickets.hash(TICKET))
                .doesNotContain(TICKET.substring(4));
        assertThat(TICKET).startsWith("k3y.").isNotEqualTo("k3y.R4nd0m");
        assertThat(LoginMachine.keyOfTicket(TICKET)).isEqualTo("k3y");
        assertThat(s.confirmedAt()).isEqualTo(T0 + 20);
        assertThat(s.until()).isEqualTo(T0 + 20 + 30_000);
        assertThat(s.ticketUsable(T0 + 21)).isTrue();
        assertThat(s.ticketUsable(T0 + 20 + 30_000)).isFalse();
    }

    @Test
    void cancelByTheScannerEndsIt() {
        LoginSession s = machine.act(scanned(), LoginAction.CANCEL, null, ALICE, T0 + 20).next();
        assertThat(s.status()).isEqualTo(LoginStatus.CANCELLED);
        assertThat(s.until()).as("kept for ticketTtl, then freed").isEqualTo(T0 + 20 + 30_000);
    }

    @Test
    void everyActionOnAFinalSessionIsGoneForEveryone() {
        LoginSession cancelled = machine.act(scanned(), LoginAction.CANCEL, null, ALICE, T0 + 20).next();
        LoginSession revoked = machine.revoke(waiting(), T0 + 5).next();
        LoginSession expired = machine.timeUp(waiting(), T0 + 120_000).next();
        for (LoginSession s : new LoginSession[] {confirmed(), cancelled, revoked, expired}) {
            for (LoginAction a : LoginAction.values()) {
                assertRefused(machine.act(s, a, null, ALICE, T0 + 40), ErrorWord.GONE);
                assertRefused(machine.act(s, a, null, BOB, T0 + 40), ErrorWord.GONE);
            }
        }
    }

    @Test
    void anOverdueSessionExpiresOnTheSpotWhenAPhoneActs() {
        Step late = machine.act(waiting(), LoginAction.SCAN, null, ALICE, T0 + 120_000);
        assertThat(late.refusal()).isEqualTo(ErrorWord.GONE);
        assertThat(late.next().status()).isEqualTo(LoginStatus.EXPIRED);
        Step lateConfirm = machine.act(scanned(), LoginAction.CONFIRM, null, ALICE, T0 + 10 + 60_000);
        assertThat(lateConfirm.refusal()).isEqualTo(ErrorWord.GONE);
        assertThat(lateConfirm.next().status()).isEqualTo(LoginStatus.EXPIRED);
    }

    @Test
    void timerExpiresOnlyWhenDue() {
        assertThat(machine.timeUp(waiting(), T0 + 119_999).writes()).isFalse();
        LoginSession expired = machine.timeUp(waiting(), T0 + 120_000).next();
        assertThat(expired.status()).isEqualTo(LoginStatus.EXPIRED);
        assertThat(expired.freeable(T0 + 120_000 + 29_999)).isFalse();
        assertThat(expired.freeable(T0 + 120_000 + 30_000)).isTrue();
        assertThat(machine.timeUp(scanned(), T0 + 10 + 60_000).next().status()).isEqualTo(LoginStatus.EXPIRED);
        assertThat(machine.timeUp(confirmed(), T0 + 10_000_000).writes()).as("final sessions are only freed").isFalse();
    }

    @Test
    void revokeEndsLiveSessionsOnlyAndKeepsAConfirmedTicket() {
        assertThat(machine.revoke(waiting(), T0 + 1).next().status()).isEqualTo(LoginStatus.REVOKED);
        assertThat(machine.revoke(scanned(), T0 + 11).next().status()).isEqualTo(LoginStatus.REVOKED);
        Step onConfirmed = machine.revoke(confirmed(), T0 + 21);
        assertThat(onConfirmed.writes()).isFalse();
        assertThat(onConfirmed.refused()).isFalse();
        assertThat(machine.revoke(waiting(), T0 + 120_000).next().status()).as("already overdue")
                .isEqualTo(LoginStatus.EXPIRED);
    }

    @Test
    void ticketRedeemsOnceInTimeWithTheExactSecret() {
        LoginSession s = confirmed();
        assertRefused(machine.redeem(s, "k3y.wrong", T0 + 21), ErrorWord.GONE);
        assertRefused(machine.redeem(s, null, T0 + 21), ErrorWord.GONE);
        assertRefused(machine.redeem(s, "k3y.R4nd0m", T0 + 21), ErrorWord.GONE);
        assertRefused(machine.redeem(s, s.ticketHash(), T0 + 21), ErrorWord.GONE);
        assertRefused(machine.redeem(s, TICKET, T0 + 20 + 30_000), ErrorWord.GONE);
        LoginSession redeemed = machine.redeem(s, TICKET, T0 + 21).next();
        assertThat(redeemed.ticketRedeemed()).isTrue();
        assertThat(redeemed.ticketUsable(T0 + 22)).isFalse();
        assertThat(redeemed.ticketSeed()).isNull();
        assertThat(redeemed.ticketHash()).isNull();
        assertRefused(machine.redeem(redeemed, TICKET, T0 + 22), ErrorWord.GONE);
        assertRefused(machine.redeem(scanned(), TICKET, T0 + 21), ErrorWord.GONE);
    }

    @Test
    void ticketsNameTheirKeyAndNothingElseParses() {
        assertThat(LoginMachine.keyOfTicket("abc.def")).isEqualTo("abc");
        assertThat(LoginMachine.keyOfTicket(".def")).isNull();
        assertThat(LoginMachine.keyOfTicket("nodot")).isNull();
        assertThat(LoginMachine.keyOfTicket(null)).isNull();
    }

    @Test
    void printedSessionsNeverShowTheTicket() {
        LoginSession s = confirmed();
        assertThat(s.toString()).doesNotContain("R4nd0m").doesNotContain(s.ticketHash());
    }

    @Test
    void productionTicketsCarry128BitsDerivedFromARandomSeedAndTheSecret() {
        LoginMachine real = new LoginMachine(SETTINGS, appkey -> SECRET);
        LoginSession s1 = real.act(scanned(), LoginAction.CONFIRM, null, ALICE, T0 + 20).next();
        LoginSession s2 = real.act(scanned(), LoginAction.CONFIRM, null, ALICE, T0 + 20).next();
        assertThat(s1.ticketSeed()).matches("[A-Za-z0-9_-]{22}").isNotEqualTo(s2.ticketSeed());
        String ticket = Tickets.derive(SECRET, "k3y", s1.ticketSeed());
        assertThat(ticket.substring("k3y.".length())).matches("[A-Za-z0-9_-]{22}");
        assertThat(Tickets.matches(ticket, s1.ticketHash())).isTrue();
        assertThat(Tickets.derive("another-secret-0123456789", "k3y", s1.ticketSeed())).as("the secret counts")
                .isNotEqualTo(ticket);
        assertThat(Tickets.derive(SECRET, "k3z", s1.ticketSeed())).as("the key counts").isNotEqualTo(ticket);
    }
}
