package io.qrpush.loadtest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Options that would cut another machine's connections, or split a subscription's books, stop the run. */
class JitterCommandTest {
    private static String refused(String... options) {
        return Refusals.refused(List.of("jitter", "--secret", "s"), options);
    }

    @Test
    void onlyServersOnThisMachine() {
        assertThat(refused("--url", "http://10.1.2.3:8080")).contains("127.0.0.0/8");
        assertThat(refused("--url", "http://127.0.0.1:1", "--nodes", "http://127.0.0.1:2,http://192.168.1.1:2"))
                .contains("127.0.0.0/8");
    }

    @Test
    void oneProcessKeepsEverySubscriptionsOffsets() {
        assertThat(refused("--url", "http://127.0.0.1:1", "--processes", "2")).contains("drop --processes");
    }

    @Test
    void aCutPeriodOfZeroIsRefused() {
        assertThat(refused("--url", "http://127.0.0.1:1", "--cut-every", "0s")).contains("--cut-every");
    }
}
