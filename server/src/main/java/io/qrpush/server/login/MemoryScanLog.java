package io.qrpush.server.login;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each user's scans on this node, counted per {@link ScanWindow} step: one map of user to count
 * per step, the oldest step dropped as it leaves the window. Memory is bounded by
 * {@link #MAX_ENTRIES}: past it the oldest steps go early, so under a flood of distinct users the
 * ten-minute count covers less time while the budget keeps counting in the newest steps; a flood
 * that fills the bound within one step is let through uncounted rather than refused.
 * One lock for all: a scan's count is a few map look-ups, far from the cost of the scan itself.
 */
final class MemoryScanLog {
    /** Users counted in all steps together; a few megabytes of heap. */
    static final int MAX_ENTRIES = 100_000;

    /** Step to (app and user) to scans in it. */
    private final TreeMap<Long, Map<String, Integer>> steps = new TreeMap<>();
    private final int maxEntries;
    private int entries;

    MemoryScanLog() {
        this(MAX_ENTRIES);
    }

    MemoryScanLog(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** Counts a scan unless the user is over {@code perMinute} in the budget's minute. */
    synchronized ScanCount count(String appkey, String userId, long now, int perMinute) {
        long step = ScanWindow.stepOf(now);
        Map<Long, Map<String, Integer>> expired = steps.headMap(step - ScanWindow.WINDOW_STEPS, true);
        expired.values().forEach(m -> entries -= m.size());
        expired.clear();
        String who = appkey + '\n' + userId;
        int recent = 0;
        int total = 0;
        for (Map.Entry<Long, Map<String, Integer>> e : steps.entrySet()) {
            int n = e.getValue().getOrDefault(who, 0);
            total += n;
            if (e.getKey() > step - ScanWindow.BUDGET_STEPS) {
                recent += n;
            }
        }
        if (recent >= perMinute) {
            return new ScanCount(false, total);
        }
        Map<String, Integer> inStep = steps.computeIfAbsent(step, s -> new HashMap<>());
        if (!inStep.containsKey(who) && !roomForOneMore(step)) {
            return new ScanCount(true, total + 1); // allowed, and forgotten: the bound wins
        }
        if (inStep.merge(who, 1, Integer::sum) == 1) {
            entries++;
        }
        return new ScanCount(true, total + 1);
    }

    /**
     * Drops the oldest steps until one more user fits; false when even the current step alone is
     * full, a flood of distinct users the bound does not let this node remember.
     */
    private boolean roomForOneMore(long current) {
        while (entries >= maxEntries && steps.firstKey() < current) {
            entries -= steps.pollFirstEntry().getValue().size();
        }
        return entries < maxEntries;
    }

    synchronized int entries() {
        return entries;
    }
}
