package io.qrpush.loadtest.report;

import io.qrpush.loadtest.scenario.MemorySnapshot;
import java.util.List;

/**
 * The server's memory around a run, and what it means per connection.
 *
 * @param snapshots          baseline (before connecting), loaded (connections held), after (all closed)
 * @param connections        connections held at the loaded snapshot (the server's own count)
 * @param heapPerConnection  (loaded - baseline) heap / connections, bytes
 * @param rssPerConnection   (loaded - baseline) resident set / connections, bytes
 * @param nonHeapPerConnection (loaded - baseline) non-heap / connections, bytes
 * @param rssBesideHeapPerConnection (loaded - baseline) of RSS minus committed heap, / connections: the
 *                           native memory a connection costs, apart from heap the JVM grew and keeps
 * @param heapLeftAfter      after - baseline heap, bytes: what the run left behind
 * @param rssLeftAfter       after - baseline RSS, bytes (the JVM rarely gives RSS back: not a leak by itself)
 * @param connectionsLeftAfter the server's connection count after minus baseline (0: nothing leaked)
 */
public record ServerMemory(List<MemorySnapshot> snapshots, double connections, double heapPerConnection,
                           double rssPerConnection, double nonHeapPerConnection,
                           double rssBesideHeapPerConnection, double heapLeftAfter,
                           double rssLeftAfter, double connectionsLeftAfter) {

    /** Works the figures out of the snapshots taken (any may be missing: NaN). */
    public static ServerMemory of(List<MemorySnapshot> snaps) {
        MemorySnapshot base = find(snaps, "baseline");
        MemorySnapshot loaded = find(snaps, "loaded");
        MemorySnapshot after = find(snaps, "after");
        double conns = loaded == null || base == null ? Double.NaN : loaded.connections() - base.connections();
        return new ServerMemory(List.copyOf(snaps), conns,
                per(base, loaded, conns, MemorySnapshot::heapBytes), per(base, loaded, conns, MemorySnapshot::rssBytes),
                per(base, loaded, conns, MemorySnapshot::nonHeapBytes),
                per(base, loaded, conns, s -> s.rssBytes() - s.heapCommittedBytes()),
                diff(base, after, MemorySnapshot::heapBytes), diff(base, after, MemorySnapshot::rssBytes),
                diff(base, after, MemorySnapshot::connections));
    }

    private static MemorySnapshot find(List<MemorySnapshot> snaps, String phase) {
        return snaps.stream().filter(s -> s.phase().equals(phase)).findFirst().orElse(null);
    }

    private static double per(MemorySnapshot a, MemorySnapshot b, double n,
                              java.util.function.ToDoubleFunction<MemorySnapshot> f) {
        return a == null || b == null || !(n > 0) ? Double.NaN : (f.applyAsDouble(b) - f.applyAsDouble(a)) / n;
    }

    private static double diff(MemorySnapshot a, MemorySnapshot b, java.util.function.ToDoubleFunction<MemorySnapshot> f) {
        return a == null || b == null ? Double.NaN : f.applyAsDouble(b) - f.applyAsDouble(a);
    }
}
