package io.qrpush.server.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.protocol.RawJson;
import io.qrpush.server.config.NamespaceSettings;
import io.qrpush.server.core.ChannelKey;
import io.qrpush.server.core.Publication;
import java.time.Duration;

/**
 * Measures the heap a kept publication costs in {@link MemoryHistory}: fills rings, then reads
 * the used heap after GC. A tool for docs/configuration.md, not a test (timings and heap figures
 * vary too much to assert): {@code java -cp <test classpath> io.qrpush.server.history.HistoryFootprint}.
 */
public final class HistoryFootprint {
    private HistoryFootprint() {
    }

    public static void main(String[] args) {
        int channels = args.length > 0 ? Integer.parseInt(args[0]) : 2_500;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        NamespaceSettings ns = new NamespaceSettings("news", size, Duration.ofMinutes(5), false, false);
        ObjectMapper json = new ObjectMapper();
        long before = usedAfterGc();
        MemoryHistory history = new MemoryHistory((e, epoch) -> { });
        for (int c = 0; c < channels; c++) {
            ChannelKey channel = new ChannelKey("app", "news:" + c);
            for (int i = 0; i < size; i++) {
                ObjectNode content = json.createObjectNode().put("price", 1000 + i).put("sym", "ABC");
                history.append(new Publication(channel, "guid-" + c + "-" + i, "user-" + (i % 50),
                        System.currentTimeMillis(), RawJson.of(content), null), ns);
            }
        }
        long after = usedAfterGc();
        long kept = (long) channels * size;
        System.out.printf("%d channels x %d publications: %.1f MB, %d bytes per kept publication%n",
                channels, size, (after - before) / 1e6, (after - before) / kept);
        System.out.println(history.channels());
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
