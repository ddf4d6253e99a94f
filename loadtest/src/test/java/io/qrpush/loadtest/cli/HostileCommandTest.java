package io.qrpush.loadtest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Options that would attack another machine, or the legitimate clients' own address, stop the run before it starts. */
class HostileCommandTest {
    /** Runs {@code hostile} with these options against a closed port; returns what it said on stderr, expecting exit 2. */
    private static String refused(String... options) {
        return Refusals.refused(List.of("hostile", "--secret", "s", "--duration", "30s"), options);
    }

    @Test
    void onlyAServerOnThisMachine() {
        assertThat(refused("--url", "http://10.1.2.3:8080")).contains("only a server on this machine");
    }

    @Test
    void neverFromTheLegitimateClientsOrTheProbesAddress() {
        String local = "http://127.0.0.1:1";
        assertThat(refused("--url", local, "--attack-addresses", "127.0.0.2,127.0.0.1"))
                .contains("must not include 127.0.0.1");
        assertThat(refused("--url", local, "--source-addresses", "127.0.0.9", "--attack-addresses", "127.0.0.9"))
                .contains("must not include");
        assertThat(refused("--url", local, "--probe-address", "127.0.0.3")).contains("must not include");
        assertThat(refused("--url", local, "--attack-addresses", "192.168.1.1")).contains("not in 127.0.0.0/8");
    }

    @Test
    void theMeasuredTimeMustHoldTheBaselineTheAttackAndTheRecovery() {
        assertThat(refused("--url", "http://127.0.0.1:1", "--attack-after", "10s", "--attack-for", "20s"))
                .contains("--duration must cover");
    }

    @Test
    void theAttackMustFitOneProcesssOpenFiles() {
        assertThat(refused("--url", "http://127.0.0.1:1", "--flood", "100000000")).contains("open-file limit");
    }

    @Test
    void theLegitimateLoadStaysInOneProcess() {
        assertThat(refused("--url", "http://127.0.0.1:1", "--processes", "2")).contains("drop --processes");
    }
}
