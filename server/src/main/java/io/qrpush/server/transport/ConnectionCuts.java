package io.qrpush.server.transport;

import io.qrpush.server.metrics.ServerMetrics;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections and requests the node cut or refused to protect itself, by reason: counted in
 * {@code /metrics} as {@code qrpush_connections_cut_total{reason}} and logged as one summary line
 * per interval, never once per socket (a flood of ten thousand would otherwise flood the log too).
 */
public final class ConnectionCuts {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionCuts.class);

    /** Why a connection or request was cut; the metric's tag is the lower-case name. */
    public enum Reason {
        /** No complete request head within {@code limits.httpHeadTimeout}. */
        HEAD_TIMEOUT,
        /** A body slower than {@code limits.httpBodyTimeout} and the minimum rate allow. */
        BODY_TIMEOUT,
        /** A keep-alive connection idle for {@code limits.httpIdleTimeout}: ordinary, so not in the log line. */
        IDLE_TIMEOUT,
        /** Refused at accept: {@code limits.maxConnections} reached and no idle connection to close for it. */
        MAX_CONNECTIONS,
        /** Refused at accept: {@code limits.maxConnectionsPerIp} reached. */
        MAX_CONNECTIONS_PER_IP,
        /** Closed, at {@code limits.maxConnections}, to make room: it had not sent a complete request yet. */
        EVICTED,
        /** A body over its route's limit: 413. */
        BODY_TOO_LARGE,
        /** No room left in {@code limits.maxBodyBytesInFlight}: 503. */
        BODY_BUDGET,
        /** A request the HTTP parser rejected: 400 (or 414 for a long request line). */
        MALFORMED,
        /** A header section over {@code limits.maxHeaderBytes}: 431. */
        HEADER_TOO_LARGE,
        /** accept() failed (out of file descriptors): accepting pauses briefly. */
        ACCEPT_ERROR;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<Reason, LongAdder> totals = new EnumMap<>(Reason.class);
    private final Map<Reason, Long> loggedUpTo = new EnumMap<>(Reason.class);

    public ConnectionCuts(ServerMetrics metrics) {
        for (Reason r : Reason.values()) {
            LongAdder total = new LongAdder();
            totals.put(r, total);
            loggedUpTo.put(r, 0L);
            metrics.counter("qrpush_connections_cut",
                    "Connections and requests cut or refused to protect the node, by reason", "reason", r.tag(),
                    total, LongAdder::sum);
        }
    }

    public void count(Reason reason) {
        totals.get(reason).increment();
    }

    public long total(Reason reason) {
        return totals.get(reason).sum();
    }

    /**
     * Logs, at WARN, what was cut since the last call, in one line; nothing when nothing was (idle
     * keep-alives do not count: closing them is ordinary). Called on one scheduler thread.
     */
    public void logSummary(long intervalSeconds) {
        StringJoiner line = new StringJoiner(", ");
        for (Reason r : Reason.values()) {
            long now = totals.get(r).sum();
            long since = now - loggedUpTo.put(r, now);
            if (since > 0 && r != Reason.IDLE_TIMEOUT) {
                line.add(r.tag() + " " + since);
            }
        }
        if (line.length() > 0) {
            LOG.warn("cut or refused in the last {} s to protect the node: {} (totals in /metrics: "
                    + "qrpush_connections_cut_total)", intervalSeconds, line);
        }
    }
}
