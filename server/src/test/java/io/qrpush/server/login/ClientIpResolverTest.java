package io.qrpush.server.login;

import io.qrpush.server.config.IpRange;
import static org.assertj.core.api.Assertions.assertThat;

import io.qrpush.server.http.HttpCall;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientIpResolverTest {
    private static HttpCall call(String peer, String forwardedFor) {
        Map<String, String> headers = forwardedFor == null ? Map.of() : Map.of("x-forwarded-for", forwardedFor);
        return new HttpCall("POST", "/", Map.of(), headers, new byte[0], peer);
    }

    @Test
    void forwardedForIsIgnoredWithoutTrustedProxies() {
        ClientIpResolver r = new ClientIpResolver(List.of());
        assertThat(r.clientIp(call("192.0.2.9", "203.0.113.1"))).isEqualTo("192.0.2.9");
    }

    @Test
    void forwardedForIsIgnoredFromAnUntrustedPeer() {
        ClientIpResolver r = new ClientIpResolver(List.of("10.0.0.0/8"));
        assertThat(r.clientIp(call("192.0.2.9", "203.0.113.1"))).isEqualTo("192.0.2.9");
    }

    @Test
    void theNearestUntrustedHopIsTheClient() {
        ClientIpResolver r = new ClientIpResolver(List.of("10.0.0.0/8", "fd00::/8"));
        assertThat(r.clientIp(call("10.1.2.3", "203.0.113.1"))).isEqualTo("203.0.113.1");
        // A browser's own forged header ends up on the left; our proxies append on the right.
        assertThat(r.clientIp(call("10.1.2.3", "6.6.6.6, 203.0.113.1, 10.9.9.9"))).isEqualTo("203.0.113.1");
        assertThat(r.clientIp(call("fd00::1", "2001:db8::7"))).isEqualTo("2001:db8::7");
        assertThat(r.clientIp(call("10.1.2.3", "10.2.2.2, 10.3.3.3"))).as("all ours: the leftmost").isEqualTo("10.2.2.2");
        assertThat(r.clientIp(call("10.1.2.3", null))).isEqualTo("10.1.2.3");
    }

    @Test
    void garbageAndHostNamesAreNeverResolved() {
        ClientIpResolver r = new ClientIpResolver(List.of("127.0.0.1"));
        assertThat(r.clientIp(call("127.0.0.1", "localhost"))).isEqualTo("127.0.0.1");
        assertThat(r.clientIp(call("127.0.0.1", "example.com, 203.0.113.5"))).isEqualTo("203.0.113.5");
    }

    @Test
    void rangesMatchByPrefix() {
        IpRange r = IpRange.parse("192.168.0.0/23");
        assertThat(r.contains(IpRange.literal("192.168.1.255"))).isTrue();
        assertThat(r.contains(IpRange.literal("192.168.2.0"))).isFalse();
        assertThat(r.contains(IpRange.literal("::1"))).isFalse();
        assertThat(IpRange.parse("0.0.0.0/0").contains(IpRange.literal("8.8.8.8"))).isTrue();
        assertThat(IpRange.parse("::1").contains(IpRange.literal("::1"))).isTrue();
        for (String bad : new String[] {"10.0.0.0/33", "example.com", "10.0.0.0/x", "", "1.2.3"}) {
            assertThat(IpRange.parse(bad)).as(bad).isNull();
        }
    }
}
