package io.qrpush.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrpush.protocol.RawJson;
import io.qrpush.server.config.NamespaceSettings;
import io.qrpush.server.core.ChannelKey;
import io.qrpush.server.core.Publication;
import io.qrpush.server.history.HistoryEntry;
import io.qrpush.server.history.HistoryQuery;
import io.qrpush.server.history.Recovery;
import io.qrpush.server.history.StreamPosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** History in Redis Streams against a real redis-server: offsets, order, restarts and the ttl. */
class RedisHistoryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ChannelKey NEWS = new ChannelKey("app", "news:1");
    private static final NamespaceSettings FIVE = new NamespaceSettings("news", 5, Duration.ofSeconds(60), false, false);

    private RedisPair pair;
    private RedisProcess redis;
    private RedisConnector nodeA;
    private RedisHistory historyA;
    private RedisHistory historyB;

    @BeforeEach
    void start() throws Exception {
        pair = RedisPair.start();
        redis = pair.redis;
        nodeA = pair.a;
        historyA = new RedisHistory(pair.a, "A", JSON);
        historyB = new RedisHistory(pair.b, "B", JSON);
    }

    @AfterEach
    void stop() throws Exception {
        pair.close();
    }

    private static Publication pub(int n) {
        return new Publication(NEWS, "g" + n, "u1", 1_000L + n, RawJson.parse(Integer.toString(n)), null);
    }

    private static List<Long> offsets(List<HistoryEntry> entries) {
        return entries.stream().map(HistoryEntry::offset).toList();
    }

    @Test
    void appendsFromTwoNodesGetGaplessOffsetsPublishedInThatOrder() throws Exception {
        List<JsonNode> heard = new CopyOnWriteArrayList<>();
        nodeA.pubsub().start((channel, message) -> {
            try {
                heard.add(JSON.readTree(message));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }, ChannelLayout.PER_CHANNEL.pubsubChannel(NEWS));
        NamespaceSettings ns = new NamespaceSettings("news", 1000, Duration.ofSeconds(60), false, false);
        int each = 300;
        List<CompletableFuture<StreamPosition>> appends = new ArrayList<>();
        for (int i = 0; i < each; i++) {
            appends.add(historyA.append(pub(i), ns));
            appends.add(historyB.append(pub(each + i), ns));
        }
        List<Long> given = appends.stream().map(f -> f.join().offset()).sorted().toList();
        assertThat(given).containsExactlyElementsOf(LongStream.rangeClosed(1, 2L * each).boxed().toList());
        assertThat(appends.stream().map(f -> f.join().epoch()).distinct()).hasSize(1);

        await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() == 2 * each);
        assertThat(heard.stream().map(m -> m.path("o").asLong()).toList())
                .as("every node hears the publications in offset order")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 2L * each).boxed().toList());
        Publication decoded = new ClusterMessages(JSON).publication(heard.get(0).toString(), null, key -> true);
        assertThat(decoded.channel()).isEqualTo(NEWS);
        assertThat(heard.get(0).path("e").asText()).isEqualTo(appends.get(0).join().epoch());
        assertThat(offsets(historyB.read(NEWS, ns, HistoryQuery.all()).join().publications()))
                .containsExactlyElementsOf(given);
    }

    @Test
    void readsAndRecoveryKeepTheSameRulesAsTheMemoryRing() {
        for (int n = 1; n <= 8; n++) {
            historyA.append(pub(n), FIVE).join();
        }
        String epoch = historyB.position(NEWS, FIVE).join().epoch();
        assertThat(historyB.position(NEWS, FIVE).join().offset()).isEqualTo(8);
        assertThat(offsets(historyB.read(NEWS, FIVE, HistoryQuery.all()).join().publications()))
                .containsExactly(4L, 5L, 6L, 7L, 8L);
        assertThat(offsets(historyB.read(NEWS, FIVE, new HistoryQuery(null, 2, true)).join().publications()))
                .containsExactly(8L, 7L);
        assertThat(offsets(historyB.read(NEWS, FIVE, new HistoryQuery(new StreamPosition(5, epoch), 2, false))
                .join().publications())).containsExactly(6L, 7L);
        assertThat(offsets(historyB.read(NEWS, FIVE, new HistoryQuery(new StreamPosition(7, epoch), 99, true))
                .join().publications())).containsExactly(6L, 5L, 4L);
        assertThat(historyB.read(NEWS, FIVE, new HistoryQuery(new StreamPosition(5, "other"), 0, false))
                .join().publications()).isEmpty();

        Recovery atOldest = historyB.recover(NEWS, FIVE, new StreamPosition(3, epoch)).join();
        assertThat(atOldest.recovered()).isTrue();
        assertThat(offsets(atOldest.publications())).containsExactly(4L, 5L, 6L, 7L, 8L);
        assertThat(atOldest.publications().get(0).publication().content().tree().asInt()).isEqualTo(4);
        assertThat(historyB.recover(NEWS, FIVE, new StreamPosition(2, epoch)).join().recovered()).isFalse();
        assertThat(historyB.recover(NEWS, FIVE, new StreamPosition(8, epoch)).join().recovered()).isTrue();
    }

    @Test
    void aRedisRestartWithoutPersistenceStartsANewEpochAndRefusesRecovery() throws Exception {
        historyA.append(pub(1), FIVE).join();
        StreamPosition before = historyA.append(pub(2), FIVE).join();

        redis.kill();
        redis.startAgain();
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
                .until(() -> historyA.position(NEWS, FIVE).join() != null);

        Recovery r = historyA.recover(NEWS, FIVE, before).join();
        assertThat(r.recovered()).isFalse();
        assertThat(r.position().offset()).isZero();
        assertThat(r.position().epoch()).isNotEqualTo(before.epoch());
        assertThat(historyB.append(pub(3), FIVE).join()).isEqualTo(new StreamPosition(1, r.position().epoch()));
    }

    @Test
    void historyExpiresTtlAfterTheLastPublishWithANewEpoch() {
        NamespaceSettings brief = new NamespaceSettings("news", 5, Duration.ofSeconds(1), false, false);
        StreamPosition before = historyA.append(pub(1), brief).join();
        String[] keys = RedisHistory.keys(ChannelLayout.PER_CHANNEL, NEWS);
        assertThat(nodeA.commands().pttl(keys[0]).toCompletableFuture().join()).isBetween(1L, 1000L);
        assertThat(nodeA.commands().pttl(keys[1]).toCompletableFuture().join()).isBetween(1L, 1000L);

        await().atMost(Duration.ofSeconds(5))
                .until(() -> !historyB.position(NEWS, brief).join().epoch().equals(before.epoch()));
        assertThat(historyB.recover(NEWS, brief, before).join().recovered()).isFalse();
        assertThat(historyA.append(pub(2), brief).join().offset()).isEqualTo(1);
    }

    @Test
    void aRecoveryWhileAnotherNodePublishesSeesEveryOffsetOnceInOrder() throws Exception {
        NamespaceSettings ns = new NamespaceSettings("news", 10_000, Duration.ofSeconds(60), false, false);
        for (int i = 0; i < 100; i++) {
            historyB.append(pub(i), ns).join();
        }
        StreamPosition client = new StreamPosition(50, historyA.position(NEWS, ns).join().epoch());
        // What a subscribing node sees: live offsets from pub/sub, joined before the recovery is read.
        List<Long> live = java.util.Collections.synchronizedList(new ArrayList<>());
        nodeA.pubsub().start((channel, message) -> {
            try {
                live.add(JSON.readTree(message).path("o").asLong());
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread publisher = new Thread(() -> {
            for (int i = 0; !stop.get() || i < 500; i++) {
                historyB.append(pub(i), ns).join();
            }
        });
        publisher.start();
        nodeA.pubsub().follow(NEWS).join();
        Recovery r = historyA.recover(NEWS, ns, client).join();
        stop.set(true);
        publisher.join();

        long last = historyA.position(NEWS, ns).join().offset();
        assertThat(r.recovered()).isTrue();
        assertThat(r.position().offset()).as("publishing went on during the read").isLessThan(last);
        await().atMost(Duration.ofSeconds(10)).until(() -> !live.isEmpty() && live.get(live.size() - 1) == last);
        List<Long> sent = new ArrayList<>();
        r.publications().forEach(e -> sent.add(e.offset()));
        synchronized (live) {
            live.stream().filter(o -> o > r.position().offset()).forEach(sent::add);
        }
        assertThat(sent).containsExactlyElementsOf(LongStream.rangeClosed(51, last).boxed().toList());
    }

    @Test
    void aChannelsKeysShareOneHashTag() {
        String[] keys = RedisHistory.keys(ChannelLayout.PER_CHANNEL, NEWS);
        assertThat(keys).containsExactly("qrpush:h:{app:news:1}:s", "qrpush:h:{app:news:1}:m");
        assertThat(io.lettuce.core.cluster.SlotHash.getSlot(keys[0])).isEqualTo(io.lettuce.core.cluster.SlotHash.getSlot(keys[1]));
    }
}
