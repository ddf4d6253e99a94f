package io.qrpush.loadtest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Options that would stop another machine's node, or a process that is not there, stop the run. */
class AvalancheCommandTest {
    private static final String ME = Long.toString(ProcessHandle.current().pid());

    private static String refused(String... options) {
        return Refusals.refused(List.of("avalanche", "--secret", "s"), options);
    }

    @Test
    void twoNodesOnThisMachine() {
        assertThat(refused("--nodes", "http://127.0.0.1:1", "--stop-pid", ME)).contains("two URLs");
        assertThat(refused("--nodes", "http://127.0.0.1:1,http://10.1.2.3:2", "--stop-pid", ME))
                .contains("127.0.0.0/8");
    }

    @Test
    void theProcessToStopMustExist() {
        assertThat(refused("--nodes", "http://127.0.0.1:1,http://127.0.0.1:2", "--stop-pid", "999999999"))
                .contains("no such process");
    }
}
