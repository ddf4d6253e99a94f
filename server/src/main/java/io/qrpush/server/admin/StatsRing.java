package io.qrpush.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;

/**
 * The last {@link #CAPACITY} samples of the node's figures, one per reading, so a page opened now
 * shows the last minutes at once and then polls for what is new. Rates come from two readings in
 * a row; login sessions per minute from the readings of the last minute, so one login shows as 1
 * a minute for a minute rather than as a spike of 60 for one second.
 */
final class StatsRing {
    /** Five minutes at one sample a second. */
    static final int CAPACITY = 300;
    private static final long MINUTE_MILLIS = 60_000;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** The JSON columns, in {@link Sample#values} order after {@code t}. */
    static final String[] COLUMNS = {"connections", "subscriptions", "framesInPerSecond", "framesOutPerSecond",
            "deliverP50Ms", "deliverP99Ms", "loginsCreatedPerMinute", "loginsScannedPerMinute",
            "loginsConfirmedPerMinute", "loginsExpiredPerMinute", "eventLoopLagMs"};

    /** One point of every chart; a null value is a gap (no delivery to measure in that second). */
    private record Sample(long atMillis, Double[] values) {
    }

    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    /** The readings of the last minute and one more, oldest first. */
    private final ArrayDeque<MeterReadings> lastMinute = new ArrayDeque<>();

    /** Adds a reading; the first one only sets the baseline for the rates. */
    synchronized void add(MeterReadings now) {
        MeterReadings previous = lastMinute.peekLast();
        while (lastMinute.size() > 1 && now.atMillis() - lastMinute.peekFirst().atMillis() > MINUTE_MILLIS) {
            lastMinute.removeFirst();
        }
        lastMinute.addLast(now);
        if (previous == null || now.atMillis() <= previous.atMillis()) {
            return;
        }
        double seconds = (now.atMillis() - previous.atMillis()) / 1000.0;
        MeterReadings minuteAgo = lastMinute.peekFirst();
        double minutes = Math.max(1, now.atMillis() - minuteAgo.atMillis()) / (double) MINUTE_MILLIS;
        Double[] v = {
            now.connections(), now.subscriptions(),
            (now.framesIn() - previous.framesIn()) / seconds,
            (now.framesOut() - previous.framesOut()) / seconds,
            LatencyWindow.percentile(previous.latency(), now.latency(), 0.50),
            LatencyWindow.percentile(previous.latency(), now.latency(), 0.99),
            perMinute(now, minuteAgo, 0, minutes), perMinute(now, minuteAgo, 1, minutes),
            perMinute(now, minuteAgo, 2, minutes), perMinute(now, minuteAgo, 3, minutes),
            now.lagSeconds() * 1000,
        };
        samples.addLast(new Sample(now.atMillis(), v));
        if (samples.size() > CAPACITY) {
            samples.removeFirst();
        }
    }

    private static Double perMinute(MeterReadings now, MeterReadings then, int event, double minutes) {
        return (now.loginTotals()[event] - then.loginTotals()[event]) / minutes;
    }

    /**
     * The samples taken after {@code sinceMillis} as columns, as uPlot takes them:
     * {@code {"t":[ms...],"connections":[...],...}}.
     */
    synchronized ObjectNode since(long sinceMillis) {
        ObjectNode out = JSON.objectNode();
        ArrayNode t = out.putArray("t");
        ArrayNode[] columns = new ArrayNode[COLUMNS.length];
        for (int i = 0; i < COLUMNS.length; i++) {
            columns[i] = out.putArray(COLUMNS[i]);
        }
        for (Sample s : samples) {
            if (s.atMillis() <= sinceMillis) {
                continue;
            }
            t.add(s.atMillis());
            for (int i = 0; i < COLUMNS.length; i++) {
                Double v = s.values()[i];
                if (v == null) {
                    columns[i].addNull();
                } else {
                    columns[i].add(Math.round(v * 100) / 100.0);
                }
            }
        }
        return out;
    }
}
