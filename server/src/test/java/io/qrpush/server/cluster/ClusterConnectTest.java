package io.qrpush.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The start-up check that a Redis Cluster can serve sharded pub/sub (Redis 7 or newer). */
class ClusterConnectTest {

    @Test
    void theVersionCheckReadsRedisVersionFromInfo() {
        String info = "# Server\r\nredis_version:6.2.14\r\nredis_mode:cluster\r\n";
        assertThat(ClusterConnect.versionIn(info)).isEqualTo("6.2.14");
        assertThat(ClusterConnect.majorOf("6.2.14")).isLessThan(ClusterConnect.NEEDED_MAJOR_VERSION);
        assertThat(ClusterConnect.majorOf("7.0.15")).isEqualTo(7);
        assertThat(ClusterConnect.versionIn("# Server\r\n")).isEqualTo("unknown");
        assertThat(ClusterConnect.majorOf("unknown")).isZero();
    }
}
