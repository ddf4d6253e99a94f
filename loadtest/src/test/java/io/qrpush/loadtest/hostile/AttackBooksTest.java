package io.qrpush.loadtest.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrpush.loadtest.cli.AttackOptions;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The attack's own books: how each socket's end is sorted, status lines, and the plan handed to the child. */
class AttackBooksTest {
    @Test
    void eachEndIsSortedIntoRefusedCutOrHeld() {
        AttackTally t = new AttackTally(4);
        for (int i = 0; i < 5; i++) {
            t.opened();
        }
        t.connectFailed("connect:refused");
        t.ended(20, false, 0, true);        // closed at once with a reset: refused at admission
        t.ended(10_000, false, 408, false); // cut by a timeout, with a 408 first
        t.ended(12_000, false, 0, false);   // cut silently
        t.ended(30_000, true, 0, false);    // still open when the attack let go
        t.sent(100);
        KindResult r = t.result();
        assertThat(r.opened()).isEqualTo(5);
        assertThat(t.open()).isEqualTo(1);
        assertThat(r.connectFailures()).isEqualTo(1);
        assertThat(r.endedByServer()).isEqualTo(3);
        assertThat(r.endedAtOnce()).isEqualTo(1);
        assertThat(r.cut()).isEqualTo(2);
        assertThat(r.reset()).isEqualTo(1);
        assertThat(r.heldToEnd()).isEqualTo(1);
        assertThat(r.answers()).isEqualTo(Map.of("408", 1L));
        assertThat(r.cutAfterP50Ms()).isBetween(9_990.0, 10_010.0);
        assertThat(r.cutAfterMaxMs()).isBetween(11_990.0, 12_010.0);
        assertThat(r.bytesSent()).isEqualTo(100);
    }

    @Test
    void theStatusComesFromAnHttpStatusLineOnly() {
        assertThat(AttackSocket.statusOf("HTTP/1.1 408 Request Timeout\r\n")).isEqualTo(408);
        assertThat(AttackSocket.statusOf("HTTP/1.0 503 x")).isEqualTo(503);
        assertThat(AttackSocket.statusOf("HTTP/1.1 20")).isZero();
        assertThat(AttackSocket.statusOf("HTTP/1.1 2x0 bad")).isZero();
        assertThat(AttackSocket.statusOf("SSH-2.0-OpenSSH")).isZero();
        assertThat(AttackSocket.statusOf("")).isZero();
    }

    @Test
    void theSlowHeadNeverEndsItsHeaderSection() {
        String head = new String(AttackKind.slowHead("127.0.0.1:8080"), java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(head).startsWith("GET ").doesNotContain("\r\n\r\n").endsWith(": ");
        String body = new String(AttackKind.bodyHead("h:1", 1000), java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(body).startsWith("POST /api/login/sessions HTTP/1.1\r\n").contains("Content-Length: 1000\r\n")
                .endsWith("\r\n\r\n");
    }

    /** The child gets the plan as options: what it parses back must be the same plan. */
    @Test
    void aPlanSurvivesTheTripToTheAttackingProcess() throws Exception {
        AttackPlan plan = new AttackPlan(Map.of(AttackKind.SLOWLORIS, 7, AttackKind.HALF_BODY, 3, AttackKind.FLOOD, 11),
                5000, Duration.ofMillis(250), Duration.ofSeconds(12), null,
                List.of(InetAddress.getByName("127.0.0.7"), InetAddress.getByName("127.0.0.8")), 9);
        AttackOptions o = new AttackOptions();
        new CommandLine(o).parseArgs(plan.toArgs().toArray(String[]::new));
        assertThat(o.plan()).isEqualTo(plan);
        AttackPlan reopening = new AttackPlan(plan.sockets(), 5000, Duration.ofMillis(250), Duration.ofSeconds(12),
                Duration.ofMillis(1500), plan.addresses(), 9);
        AttackOptions o2 = new AttackOptions();
        new CommandLine(o2).parseArgs(reopening.toArgs().toArray(String[]::new));
        assertThat(o2.plan()).isEqualTo(reopening);
    }

    @Test
    void theAttackStaysOnThisMachine() throws Exception {
        assertThatThrownBy(() -> new AttackPlan(Map.of(AttackKind.FLOOD, 1), 10, Duration.ofSeconds(1),
                Duration.ofSeconds(1), null, List.of(InetAddress.getByName("10.0.0.2")), 1))
                .hasMessageContaining("not in 127.0.0.0/8");
    }
}
