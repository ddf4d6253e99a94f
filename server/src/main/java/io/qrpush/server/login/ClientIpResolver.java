package io.qrpush.server.login;

import io.qrpush.server.config.IpRange;
import io.qrpush.server.http.HttpCall;
import java.util.ArrayList;
import java.util.List;

/**
 * The IP of the browser behind a request. {@code X-Forwarded-For} is believed only when the
 * peer is a configured trusted proxy, since anyone else can write that header; the list is read
 * from the right (the hop nearest us) and the first address that is not a trusted proxy is the
 * client, so a browser cannot smuggle an address in by sending its own header through the proxy.
 */
public final class ClientIpResolver {
    private final List<IpRange> trusted;

    /** @param trustedProxies addresses or CIDR ranges, already validated by the config */
    public ClientIpResolver(List<String> trustedProxies) {
        List<IpRange> ranges = new ArrayList<>();
        for (String p : trustedProxies) {
            IpRange r = IpRange.parse(p);
            if (r == null) {
                throw new IllegalArgumentException("not an IP or CIDR range: " + p);
            }
            ranges.add(r);
        }
        this.trusted = List.copyOf(ranges);
    }

    public String clientIp(HttpCall call) {
        String peer = call.remoteAddress();
        if (trusted.isEmpty() || !isTrusted(peer)) {
            return peer;
        }
        String forwarded = call.header("x-forwarded-for");
        if (forwarded == null || forwarded.isBlank()) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        String leftmostValid = null;
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (IpRange.literal(hop) == null) {
                // Garbage in the chain: nothing left of it can be trusted either.
                break;
            }
            leftmostValid = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return leftmostValid != null ? leftmostValid : peer;
    }

    private boolean isTrusted(String ip) {
        byte[] address = IpRange.literal(ip);
        if (address == null) {
            return false;
        }
        for (IpRange r : trusted) {
            if (r.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
