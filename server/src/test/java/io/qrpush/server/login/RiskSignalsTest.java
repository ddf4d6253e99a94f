package io.qrpush.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The prefix comparison behind {@code client.risk.sameNetwork}: /24 for IPv4, /48 for IPv6. */
class RiskSignalsTest {

    @Test
    void ipv4SharesASlash24() {
        assertThat(RiskSignals.sameNetwork("192.0.2.7", "192.0.2.250")).isTrue();
        assertThat(RiskSignals.sameNetwork("192.0.2.7", "192.0.3.7")).as("next /24").isFalse();
        assertThat(RiskSignals.sameNetwork("10.1.2.3", "11.1.2.3")).isFalse();
        assertThat(RiskSignals.sameNetwork("192.0.2.7", "192.0.2.7")).isTrue();
    }

    @Test
    void ipv6SharesASlash48() {
        assertThat(RiskSignals.sameNetwork("2001:db8:1::1", "2001:db8:1:ffff::9")).isTrue();
        assertThat(RiskSignals.sameNetwork("2001:db8:1::1", "2001:db8:2::1")).as("next /48").isFalse();
        assertThat(RiskSignals.sameNetwork("2001:db8:1:2::1", "[2001:db8:1:3::1]:443")).as("with a port").isTrue();
    }

    @Test
    void familiesAndUnknownsDiffer() {
        assertThat(RiskSignals.sameNetwork("192.0.2.7", "2001:db8::1")).isFalse();
        assertThat(RiskSignals.sameNetwork("::ffff:192.0.2.7", "192.0.2.9")).as("a mapped IPv4 is IPv4").isTrue();
        assertThat(RiskSignals.sameNetwork("192.0.2.7", null)).isFalse();
        assertThat(RiskSignals.sameNetwork("unknown", "unknown")).isFalse();
        assertThat(RiskSignals.sameNetwork(null, null)).isFalse();
    }

    @Test
    void riskCarriesTheCount() {
        PcClient pc = new PcClient("192.0.2.7", "UA", null, 1);
        assertThat(RiskSignals.of(pc, "192.0.2.8", 3).toString()).isEqualTo("{\"sameNetwork\":true,\"scansByUser\":3}");
        assertThat(RiskSignals.of(pc, "198.51.100.8", 1).path("sameNetwork").asBoolean()).isFalse();
    }
}
