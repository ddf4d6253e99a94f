package io.qrpush.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * Heap each pool held right after its last collection: the live data, which heap "used" (garbage
 * included) is not. Lets an operator, or the load tester's {@code idle} scenario, read memory per
 * connection from {@code /metrics} without shell access to force a GC.
 */
final class HeapAfterGcMetrics implements MeterBinder {

    @Override
    public void bindTo(MeterRegistry registry) {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                Gauge.builder("jvm_memory_used_after_gc", pool, HeapAfterGcMetrics::usedAfterGc)
                        .tag("pool", pool.getName())
                        .description("Heap the pool held after its last garbage collection")
                        .baseUnit("bytes").register(registry);
            }
        }
    }

    private static double usedAfterGc(MemoryPoolMXBean pool) {
        MemoryUsage after = pool.getCollectionUsage();
        return after == null ? Double.NaN : after.getUsed();
    }
}
