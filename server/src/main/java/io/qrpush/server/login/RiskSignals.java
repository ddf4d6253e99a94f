package io.qrpush.server.login;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The scan answer's {@code client.risk} (docs/protocol.md section 4, "Login safety"): what the
 * server can tell a phone about a login that may not be happening in front of its user. Both
 * addresses come from {@link ClientIpResolver}, so a forwarding header counts only when a trusted
 * proxy wrote it.
 */
public final class RiskSignals {
    /** Bits of an IPv4 address that one home or office network shares. */
    static final int IPV4_PREFIX = 24;
    /** Bits of an IPv6 address that one site shares: a subscriber gets a /48 to a /64. */
    static final int IPV6_PREFIX = 48;

    private RiskSignals() {
    }

    /** {@code {"sameNetwork":..., "scansByUser":...}} for a phone at {@code phoneIp} (null when unknown: then not the same network). */
    static ObjectNode of(PcClient pc, String phoneIp, int scansByUser) {
        return JsonNodeFactory.instance.objectNode().put("sameNetwork", sameNetwork(pc.ip(), phoneIp))
                .put("scansByUser", scansByUser);
    }

    /**
     * Whether two addresses share a /24 (IPv4) or a /48 (IPv6). Two families, an unknown or an
     * unreadable address are not the same network: the phone is then told to look twice.
     */
    public static boolean sameNetwork(String a, String b) {
        byte[] x = ClientAddress.parse(a);
        byte[] y = ClientAddress.parse(b);
        if (x == null || y == null || x.length != y.length) {
            return false;
        }
        int bits = x.length == 4 ? IPV4_PREFIX : IPV6_PREFIX;
        for (int i = 0; i < bits / 8; i++) {
            if (x[i] != y[i]) {
                return false;
            }
        }
        return true;
    }
}
