package io.qrpush.loadtest.scenario;

/**
 * The server's memory and sizes at one moment, from its {@code /metrics}. Bytes; NaN where the
 * server does not expose a meter.
 *
 * @param heapCommittedBytes heap the JVM has taken from the OS (part of RSS once touched)
 * @param gcForced whether a full GC ran just before (heap is then live data, not garbage)
 */
public record MemorySnapshot(String phase, double heapBytes, double heapCommittedBytes, double nonHeapBytes,
                             double directBytes, double rssBytes, double connections, double subscriptions,
                             double channels, boolean gcForced) {
    static MemorySnapshot of(String phase, PrometheusText m, boolean gcForced) {
        return new MemorySnapshot(phase, m.sum("jvm_memory_used_bytes", "area=heap"),
                m.sum("jvm_memory_committed_bytes", "area=heap"), m.sum("jvm_memory_used_bytes", "area=nonheap"),
                m.sum("jvm_buffer_memory_used_bytes", "id=direct"), m.sum("process_resident_memory_bytes"),
                m.sum("qrpush_connections"), m.sum("qrpush_subscriptions"), m.sum("qrpush_channels"), gcForced);
    }
}
