package io.qrpush.server.admin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What the node's own meters say at one moment: the gauges as they stand and the counters as
 * totals since start; {@link StatsRing} turns two readings into rates. Read by meter name from the
 * registry {@code /metrics} serves, so the page and Prometheus can never disagree.
 *
 * @param loginTotals sessions created, scanned, confirmed and expired since start, in that order
 */
record MeterReadings(long atMillis, double connections, double subscriptions, double framesIn, double framesOut,
                     LatencyWindow.Counts latency, double[] loginTotals, double lagSeconds) {
    /** The {@code event} tags of {@code qrpush_login_sessions} the page charts, in {@link #loginTotals} order. */
    static final String[] LOGIN_EVENTS = {"created", "scanned", "confirmed", "expired"};

    static MeterReadings read(MeterRegistry registry, long atMillis) {
        double[] logins = new double[LOGIN_EVENTS.length];
        for (int i = 0; i < logins.length; i++) {
            logins[i] = counterTotal(registry, "qrpush_login_sessions", "event", LOGIN_EVENTS[i]);
        }
        return new MeterReadings(atMillis,
                gauge(registry, "qrpush_connections"),
                gauge(registry, "qrpush_subscriptions"),
                counterTotal(registry, "qrpush_frames_in", null, null),
                counterTotal(registry, "qrpush_frames_out", null, null),
                LatencyWindow.Counts.of(registry.find("qrpush_publish_to_deliver").timer()),
                logins,
                gauge(registry, "qrpush_event_loop_lag_seconds"));
    }

    private static double gauge(MeterRegistry registry, String name) {
        Gauge g = registry.find(name).gauge();
        return g == null ? 0 : g.value();
    }

    /** The sum of every counter of the name (each op, say), or of those with the tag. */
    private static double counterTotal(MeterRegistry registry, String name, String tag, String value) {
        var search = registry.find(name);
        if (tag != null) {
            search = search.tag(tag, value);
        }
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }
}
