package io.qrpush.server.login;

import io.qrpush.server.config.IpRange;
import io.qrpush.server.config.ServerSettings;
import io.qrpush.server.http.HttpCall;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The address of the browser behind a request, in {@link ClientAddress}'s canonical form. The
 * forwarding header is believed only when the peer is a configured trusted proxy, since anyone
 * else can write it, and only the one header the proxies are configured to write
 * ({@code server.forwardedHeader}): a proxy passes the other through from the client unchanged.
 *
 * <p>The chain is read from the right, the hop nearest us: each trusted proxy vouches for the hop
 * left of it, and the first hop that is not a trusted proxy is the client, so a browser cannot
 * smuggle an address in by sending its own header through the proxy. A hop that names no address
 * (garbage, a host name, {@code unknown}, an obfuscated identifier) ends the walk: the client is
 * then the nearest trusted hop, which puts every such client behind that proxy in one budget
 * rather than letting any of them choose a fresh one.
 */
public final class ClientIpResolver {
    private final List<IpRange> trusted;
    private final boolean rfc7239;

    /**
     * @param trustedProxies  addresses or CIDR ranges, already validated by the config
     * @param forwardedHeader {@code X-Forwarded-For} or {@code Forwarded}
     */
    public ClientIpResolver(List<String> trustedProxies, String forwardedHeader) {
        List<IpRange> ranges = new ArrayList<>();
        for (String p : trustedProxies) {
            IpRange r = IpRange.parse(p);
            if (r == null) {
                throw new IllegalArgumentException("not an IP or CIDR range: " + p);
            }
            ranges.add(r);
        }
        this.trusted = List.copyOf(ranges);
        this.rfc7239 = ServerSettings.FORWARDED.equalsIgnoreCase(forwardedHeader);
    }

    public static ClientIpResolver of(ServerSettings server) {
        return new ClientIpResolver(server.trustedProxies(), server.forwardedHeader());
    }

    public String clientIp(HttpCall call) {
        return clientIp(call.remoteAddress(), call::header);
    }

    /**
     * The client behind a request from {@code peerAddress}, such as a WebSocket upgrade.
     *
     * @param header a header's value by its lower-case name (repeated ones joined with ", "), or null
     */
    public String clientIp(String peerAddress, Function<String, String> header) {
        byte[] peer = ClientAddress.parse(peerAddress);
        if (peer == null) {
            return peerAddress; // not an IP socket: nothing to read a chain against
        }
        return clientIp(peer, header);
    }

    /**
     * The client behind a WebSocket upgrade or a stream from {@code peer}, read from the socket's
     * address bytes as they are: no text to format and parse again. A link-local peer with a zone
     * goes the way of its text, which names no client (see {@link ClientAddress}).
     */
    public String clientIp(InetAddress peer, Function<String, String> header) {
        if (peer instanceof Inet6Address v6 && (v6.getScopeId() != 0 || v6.getScopedInterface() != null)) {
            return clientIp(peer.getHostAddress(), header);
        }
        return clientIp(ClientAddress.unmapped(peer.getAddress()), header);
    }

    private String clientIp(byte[] peer, Function<String, String> header) {
        String value = isTrusted(peer) ? header.apply(rfc7239 ? "forwarded" : "x-forwarded-for") : null;
        if (value == null || value.isBlank()) {
            return ClientAddress.format(peer);
        }
        List<String> hops = rfc7239 ? ForwardingHeaders.forwarded(value) : ForwardingHeaders.xForwardedFor(value);
        byte[] nearestTrusted = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            byte[] hop = ClientAddress.parse(hops.get(i));
            if (hop == null) {
                break;
            }
            if (!isTrusted(hop)) {
                return ClientAddress.format(hop);
            }
            nearestTrusted = hop;
        }
        return ClientAddress.format(nearestTrusted);
    }

    private boolean isTrusted(byte[] address) {
        for (IpRange r : trusted) {
            if (r.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
