package io.qrpush.server.it;

import static io.qrpush.server.it.TestServer.APP_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.qrpush.server.cluster.RedisProcess;
import io.qrpush.server.config.BrokerSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md section 6, "live messages then follow with no gap": on Redis a publication
 * reaches a node over its pub/sub connection, and whatever Redis publishes while that connection
 * is being re-established never arrives. The subscriber's stage sees the skipped offsets and reads
 * them back from the history, so the client still gets every offset once, in order.
 */
@Tag(TestServer.SINGLE_NODE)
class HistoryGapIT {
    private static final int MESSAGES = 120;

    @Test
    void publicationsLostWithTheNodesPubSubConnectionAreReadBackFromTheHistory() throws Exception {
        RedisClient admin = null;
        try (RedisProcess redis = RedisProcess.start();
             TestServer server = TestServer.start(c -> HistoryIT.withHistory(
                     c.withBroker(new BrokerSettings("redis", redis.uri()))));
             WsClient subscriber = server.anonymous(APP_B);
             WsClient publisher = server.anonymous(APP_B)) {
            admin = RedisClient.create(redis.uri());
            StatefulRedisConnection<String, String> cli = admin.connect();
            long base = subscriber.requestOk("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"race:gap\"}")
                    .path("offset").asLong();
            long kills = 0;
            for (int n = 1; n <= MESSAGES; n++) {
                // The node's pub/sub connection drops; Lettuce reconnects and resubscribes by itself.
                if (n % 20 == 0 && n <= MESSAGES - 20) {
                    kills += cli.sync().clientKill(KillArgs.Builder.typePubsub());
                }
                if (n == MESSAGES - 10) {
                    // A loss is seen at the channel's next publication: the last ones go once the node
                    // listens again, so the stage gets to see the gap.
                    await().atMost(Duration.ofSeconds(20)).until(() -> !cli.sync().pubsubChannels().isEmpty());
                }
                publisher.publish("race:gap", Integer.toString(n));
            }
            assertThat(kills).isPositive();
            List<Long> offsets = new ArrayList<>();
            while (offsets.size() < MESSAGES) {
                JsonNode m = subscriber.next("message");
                offsets.add(m.path("offset").asLong() - base);
                assertThat(m.path("content").asInt()).isEqualTo(offsets.size());
            }
            assertThat(offsets).hasSize(MESSAGES).isSorted().doesNotHaveDuplicates();
            assertThat(offsets.get(MESSAGES - 1)).isEqualTo(MESSAGES);
            assertThat(subscriber.isClosed()).isFalse();
        } finally {
            if (admin != null) {
                admin.shutdown();
            }
        }
    }

    /**
     * docs/protocol.md section 6, "Live gaps": the last publication before a quiet spell is lost on
     * its way to the node, and no later one comes to show the gap. The node's gap check compares
     * what it delivered with the stream's top and reads the missing one back within the check
     * interval (here right after its pub/sub connection is back).
     */
    @Test
    void aLostPublicationThatNothingFollowsArrivesWithinTheCheckInterval() throws Exception {
        Duration every = Duration.ofSeconds(1);
        RedisClient admin = null;
        try (RedisProcess redis = RedisProcess.start();
             TestServer server = TestServer.start(c -> HistoryIT.withHistory(c.withBroker(
                     new BrokerSettings("redis", redis.uri()).withGapCheckInterval(every))));
             WsClient subscriber = server.anonymous(APP_B);
             WsClient publisher = server.anonymous(APP_B)) {
            admin = RedisClient.create(redis.uri());
            StatefulRedisConnection<String, String> cli = admin.connect();
            long base = subscriber.requestOk("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"race:quiet\"}")
                    .path("offset").asLong();
            publisher.publish("race:quiet", "1");
            assertThat(subscriber.next("message").path("offset").asLong()).isEqualTo(base + 1);

            assertThat(cli.sync().clientKill(KillArgs.Builder.typePubsub())).isPositive();
            assertThat(publisher.publish("race:quiet", "2").path("offset").asLong()).isEqualTo(base + 2);
            long published = System.nanoTime();
            // Lettuce waits at least 50 ms before it reconnects: nobody listened when Redis published 2.
            assertThat(cli.sync().pubsubChannels()).as("the node's pub/sub is still down").isEmpty();

            JsonNode m = subscriber.next("message");
            assertThat(m.path("offset").asLong()).isEqualTo(base + 2);
            assertThat(m.path("content").asInt()).isEqualTo(2);
            assertThat(Duration.ofNanos(System.nanoTime() - published)).isLessThan(every.plusSeconds(2));
            assertThat(subscriber.isClosed()).isFalse();
        } finally {
            if (admin != null) {
                admin.shutdown();
            }
        }
    }
}
