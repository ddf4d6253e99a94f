package io.qrpush.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrpush.protocol.RawJson;
import io.qrpush.server.config.NamespaceSettings;
import io.qrpush.server.core.ChannelKey;
import io.qrpush.server.core.Publication;
import io.qrpush.server.history.HistoryEntry;
import io.qrpush.server.history.StreamPosition;
import io.qrpush.server.presence.PresenceClient;
import io.qrpush.server.presence.PresenceEvent;
import io.qrpush.server.presence.PresenceStats;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The history and presence scripts on a real Redis Cluster: each runs on the keys of one channel
 * (one hash tag), so none is refused as cross-slot, whichever node holds the channel.
 */
class RedisStoresClusterModeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final NamespaceSettings NS = new NamespaceSettings("news", 10, Duration.ofSeconds(60), true, true);

    @Test
    void historyAndPresenceWorkOnEveryShard() throws Exception {
        RedisClusterProcesses cluster = RedisClusterProcesses.shared();
        try (RedisConnector redis = RedisConnector.connect(cluster.seeds())) {
            RedisHistory history = new RedisHistory(redis, "A", JSON);
            List<PresenceEvent> events = new CopyOnWriteArrayList<>();
            RedisPresence presence = new RedisPresence(redis, "A", JSON, events::add, Duration.ofSeconds(1));
            presence.tick().join();
            for (int c = 0; c < 8; c++) {
                ChannelKey channel = new ChannelKey("app", "news:" + c);
                for (int n = 1; n <= 3; n++) {
                    StreamPosition at = history.append(new Publication(channel, "g" + n, null, n, RawJson.parse(Integer.toString(n)),
                            null), NS).join();
                    assertThat(at.offset()).isEqualTo(n);
                }
                StreamPosition first = new StreamPosition(1, history.position(channel, NS).join().epoch());
                assertThat(history.recover(channel, NS, first).join().publications())
                        .extracting(HistoryEntry::offset).containsExactly(2L, 3L);

                presence.add(channel, new PresenceClient("s" + c, "u" + c, null)).join();
                assertThat(presence.stats(channel).join()).isEqualTo(new PresenceStats(1, 1));
                presence.remove(channel, "s" + c).join();
            }
            assertThat(events).hasSize(16);
            assertThat(presence.tick().join()).isZero();
        }
    }
}
