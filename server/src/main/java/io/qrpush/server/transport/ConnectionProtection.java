package io.qrpush.server.transport;

import com.sun.management.UnixOperatingSystemMXBean;
import io.netty.channel.ChannelHandler;
import io.qrpush.server.config.HttpLimits;
import io.qrpush.server.config.IpRange;
import io.qrpush.server.metrics.ServerMetrics;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Objects;

/**
 * The node-wide parts that protect it from hostile clients (docs/security.md): admission on the
 * listening socket, the budget of request body bytes, the out-of-memory watch, and the tally of
 * what was cut. One per node, shared by every connection's pipeline.
 */
public final class ConnectionProtection {
    private final HttpLimits limits;
    private final ConnectionCuts cuts;
    private final BodyBudget bodyBudget;
    private final OutOfMemoryWatch memory;
    private final ConnectionAdmission admission;
    private final int maxConnections;

    /** @param trustedProxies addresses whose connections the per-address limit does not count */
    public ConnectionProtection(HttpLimits limits, List<String> trustedProxies, ServerMetrics metrics) {
        this.limits = limits;
        this.cuts = new ConnectionCuts(metrics);
        this.bodyBudget = new BodyBudget(limits.maxBodyBytesInFlight());
        this.memory = new OutOfMemoryWatch(metrics);
        this.maxConnections = limits.maxConnectionsToAdmit(openFileLimit());
        this.admission = new ConnectionAdmission(maxConnections, limits.maxConnectionsPerIp(),
                trustedProxies.stream().map(IpRange::parse).filter(Objects::nonNull).toList(), cuts);
        metrics.gauge("qrpush_http_body_bytes_in_flight",
                "Request body bytes the node has taken room for (limits.maxBodyBytesInFlight)", bodyBudget::used);
        metrics.gauge("qrpush_open_connections", "Open TCP connections, HTTP and WebSocket", admission::open);
    }

    /** The handler for the listening socket: admits or refuses each accepted connection. */
    public ChannelHandler admission() {
        return admission;
    }

    /** The connections {@link #admission()} lets in at once. */
    public int maxConnections() {
        return maxConnections;
    }

    /** Logs what was cut since the last call, in one line; see {@link ConnectionCuts#logSummary}. */
    public void logSummary(long intervalSeconds) {
        cuts.logSummary(intervalSeconds);
    }

    HttpLimits limits() {
        return limits;
    }

    ConnectionCuts cuts() {
        return cuts;
    }

    BodyBudget bodyBudget() {
        return bodyBudget;
    }

    OutOfMemoryWatch memory() {
        return memory;
    }

    /** The process's open-file limit, or -1 where the OS does not tell. */
    private static long openFileLimit() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : -1;
    }
}
