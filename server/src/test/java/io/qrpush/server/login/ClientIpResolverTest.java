package io.qrpush.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrpush.server.config.IpRange;
import io.qrpush.server.http.HttpCall;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Which address a request is charged to, for every form a proxy chain writes. */
class ClientIpResolverTest {
    private static final ClientIpResolver XFF = new ClientIpResolver(List.of("10.0.0.0/8", "fd00::/8", "127.0.0.1"),
            "X-Forwarded-For");
    private static final ClientIpResolver RFC7239 = new ClientIpResolver(List.of("10.0.0.0/8", "fd00::/8"),
            "Forwarded");

    private static HttpCall call(String peer, String... headers) {
        Map<String, String> h = new HashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        return new HttpCall("POST", "/", Map.of(), h, new byte[0], peer);
    }

    private static String xff(String peer, String value) {
        return XFF.clientIp(call(peer, "x-forwarded-for", value));
    }

    private static String fwd(String peer, String value) {
        return RFC7239.clientIp(call(peer, "forwarded", value));
    }

    /** A socket's address read as bytes gives what its text gives, for every kind of peer. */
    @Test
    void aSocketsAddressGivesWhatItsTextGives() throws Exception {
        for (String peer : new String[] {"192.0.2.9", "10.1.2.3", "127.0.0.1", "::1", "2001:db8:0:0:0:0:0:7",
            "fd00::5", "::ffff:192.0.2.9", "fe80::1%1"}) {
            InetAddress socket = InetAddress.getByName(peer);
            for (String hops : new String[] {null, "203.0.113.1", "10.0.0.2, 198.51.100.4", "garbage"}) {
                Function<String, String> header = name -> name.equals("x-forwarded-for") ? hops : null;
                assertThat(XFF.clientIp(socket, header)).as("%s behind %s", peer, hops)
                        .isEqualTo(XFF.clientIp(socket.getHostAddress(), header));
            }
        }
        assertThat(XFF.clientIp(InetAddress.getByName("0:0:0:0:0:0:0:1"), name -> null)).isEqualTo("::1");
    }

    @Test
    void forwardedForIsIgnoredWithoutTrustedProxiesOrFromAnUntrustedPeer() {
        ClientIpResolver none = new ClientIpResolver(List.of(), "X-Forwarded-For");
        assertThat(none.clientIp(call("192.0.2.9", "x-forwarded-for", "203.0.113.1"))).isEqualTo("192.0.2.9");
        assertThat(xff("192.0.2.9", "203.0.113.1")).isEqualTo("192.0.2.9");
        assertThat(fwd("192.0.2.9", "for=203.0.113.1")).isEqualTo("192.0.2.9");
    }

    @Test
    void theRightmostUntrustedHopIsTheClient() {
        assertThat(xff("10.1.2.3", "203.0.113.1")).isEqualTo("203.0.113.1");
        // A browser's own forged entries end up on the left; our proxies append on the right.
        assertThat(xff("10.1.2.3", "6.6.6.6, 203.0.113.1, 10.9.9.9")).isEqualTo("203.0.113.1");
        assertThat(xff("fd00::1", "2001:db8::7")).isEqualTo("2001:db8::7");
        assertThat(xff("10.1.2.3", "10.2.2.2, 10.3.3.3")).as("all ours: the farthest").isEqualTo("10.2.2.2");
        assertThat(XFF.clientIp(call("10.1.2.3"))).as("no header").isEqualTo("10.1.2.3");
        assertThat(xff("10.1.2.3", "  ")).isEqualTo("10.1.2.3");
    }

    @Test
    void portsAreStrippedSoOneClientIsNotTheProxy() {
        assertThat(xff("10.1.2.3", "203.0.113.1:4711")).isEqualTo("203.0.113.1");
        assertThat(xff("10.1.2.3", "[2001:db8::1]:4711")).isEqualTo("2001:db8::1");
        assertThat(xff("10.1.2.3", "[2001:db8::1]")).isEqualTo("2001:db8::1");
        assertThat(xff("10.1.2.3", "6.6.6.6, 203.0.113.1:80, 10.9.9.9:443")).isEqualTo("203.0.113.1");
    }

    @Test
    void ipv4MappedAddressesAreTheIpv4ClientTheyCarry() {
        assertThat(xff("10.1.2.3", "::ffff:203.0.113.1")).isEqualTo("203.0.113.1");
        assertThat(xff("10.1.2.3", "::FFFF:cb00:7101")).isEqualTo("203.0.113.1");
        assertThat(xff("10.1.2.3", "[::ffff:203.0.113.1]:80")).isEqualTo("203.0.113.1");
        assertThat(XFF.clientIp(call("::ffff:127.0.0.1", "x-forwarded-for", "203.0.113.5")))
                .as("a dual-stack socket's peer matches the IPv4 proxy it is").isEqualTo("203.0.113.5");
        assertThat(XFF.clientIp(call("::ffff:192.0.2.9"))).isEqualTo("192.0.2.9");
    }

    @Test
    void ipv6IsWrittenOneWay() {
        assertThat(xff("10.1.2.3", "2001:DB8:0:0:0:0:0:1")).isEqualTo("2001:db8::1");
        assertThat(xff("10.1.2.3", "2001:db8:0:1:0:0:0:1")).isEqualTo("2001:db8:0:1::1");
        assertThat(xff("10.1.2.3", "2001:0:0:1:0:0:0:1")).as("the longest run").isEqualTo("2001:0:0:1::1");
        assertThat(xff("10.1.2.3", "2001:0:0:1:0:0:1:1")).as("the first of equal runs").isEqualTo("2001::1:0:0:1:1");
        assertThat(XFF.clientIp(call("0:0:0:0:0:0:0:1"))).isEqualTo("::1");
        assertThat(xff("10.1.2.3", "2001:db8:1:2:3:4:0:6")).as("one zero group stays").isEqualTo("2001:db8:1:2:3:4:0:6");
    }

    @Test
    void rfc7239ForwardedInEveryForm() {
        assertThat(fwd("10.1.2.3", "for=203.0.113.43")).isEqualTo("203.0.113.43");
        assertThat(fwd("10.1.2.3", "For=\"[2001:db8:cafe::17]:4711\"")).isEqualTo("2001:db8:cafe::17");
        assertThat(fwd("10.1.2.3", "for=\"203.0.113.43:47011\";proto=https;by=10.1.2.3")).isEqualTo("203.0.113.43");
        assertThat(fwd("10.1.2.3", "proto=http;for=192.0.2.60;by=203.0.113.43")).isEqualTo("192.0.2.60");
        assertThat(fwd("10.1.2.3", "for=6.6.6.6, for=198.51.100.17, for=10.9.9.9")).isEqualTo("198.51.100.17");
        assertThat(fwd("10.1.2.3", "for=\"[2001:db8::1]:_port\"")).as("obfuscated port").isEqualTo("2001:db8::1");
        assertThat(fwd("10.1.2.3", "for=\"6.6.6.6, for=7.7.7.7\", for=192.0.2.1"))
                .as("a comma inside quotes splits nothing").isEqualTo("192.0.2.1");
    }

    @Test
    void unknownObfuscatedAndMissingHopsStopAtTheNearestTrustedHop() {
        assertThat(fwd("10.1.2.3", "for=unknown")).isEqualTo("10.1.2.3");
        assertThat(fwd("10.1.2.3", "for=_hidden")).isEqualTo("10.1.2.3");
        assertThat(fwd("10.1.2.3", "for=\"_gazonk\", for=10.7.7.7")).isEqualTo("10.7.7.7");
        assertThat(fwd("10.1.2.3", "for=192.0.2.1, proto=https")).as("an element naming nobody").isEqualTo("10.1.2.3");
        assertThat(fwd("10.1.2.3", "for=192.0.2.1, for=unknown, for=10.7.7.7"))
                .as("nothing left of an unknown hop is believed").isEqualTo("10.7.7.7");
    }

    @Test
    void onlyTheConfiguredHeaderIsRead() {
        // Behind nginx writing X-Forwarded-For, a client's own Forwarded passes through untouched.
        assertThat(XFF.clientIp(call("10.1.2.3", "forwarded", "for=6.6.6.6", "x-forwarded-for", "203.0.113.1")))
                .isEqualTo("203.0.113.1");
        assertThat(XFF.clientIp(call("10.1.2.3", "forwarded", "for=6.6.6.6"))).isEqualTo("10.1.2.3");
        assertThat(RFC7239.clientIp(call("10.1.2.3", "x-forwarded-for", "6.6.6.6", "forwarded", "for=203.0.113.1")))
                .isEqualTo("203.0.113.1");
    }

    @Test
    void garbageNeverThrowsAndHostNamesAreNeverResolved() {
        assertThat(xff("127.0.0.1", "localhost")).isEqualTo("127.0.0.1");
        assertThat(xff("127.0.0.1", "example.com, 203.0.113.5")).isEqualTo("203.0.113.5");
        String[] garbage = {",,,", "\"", "[", "[]", "[::1", "[1.2.3.4]", "1.2.3.4:", "1.2.3.4:99999", "1.2.3.4:x",
            "fe80::1%eth0", "::ffff:1.2.3.4.5", "1.2.3", "999.1.1.1", "\u0000", "for=", "x".repeat(10_000),
            "2001:db8::1::2", "[2001:db8::1]:80:80", "\"\"", "for=\"", "for=\"\\", "a=b=c;;;for"};
        for (String g : garbage) {
            assertThat(xff("10.1.2.3", g)).as(g).isEqualTo("10.1.2.3");
            assertThat(fwd("10.1.2.3", g)).as(g).isEqualTo("10.1.2.3");
            assertThat(fwd("10.1.2.3", "for=" + g)).as(g).isEqualTo("10.1.2.3");
        }
        assertThat(XFF.clientIp(call("unknown"))).as("not an IP socket").isEqualTo("unknown");
    }

    @Test
    void aLongChainIsReadFromItsRightEndOnly() {
        String chain = "10.0.0.1, ".repeat(100_000) + "203.0.113.9";
        assertThat(xff("10.1.2.3", chain)).isEqualTo("203.0.113.9");
        assertThat(xff("10.1.2.3", "203.0.113.9, " + "10.0.0.1, ".repeat(40) + "10.0.0.2"))
                .as("past 32 trusted hops nothing is believed").isEqualTo("10.0.0.1");
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
