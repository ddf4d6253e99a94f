package io.qrpush.server.it;

import static io.qrpush.server.it.TestServer.APP_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.server.cluster.NodeProcess;
import io.qrpush.server.cluster.RedisProcess;
import io.qrpush.server.config.BrokerSettings;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md section 7: a node killed with SIGKILL takes its presence entries with it
 * within three ping intervals, and the channel's subscribers on the other nodes are told
 * {@code leave}.
 */
@Tag(TestServer.SINGLE_NODE)
class PresenceNodeKillIT {
    private static final Duration PING = Duration.ofSeconds(1);

    @Test
    void aDeadNodesUsersLeaveWithinThreePingIntervals() throws Exception {
        try (RedisProcess redis = RedisProcess.start();
             NodeProcess doomed = NodeProcess.start(redis.uri(), """
                     limits: {pingInterval: 1s, idleTimeout: 5s}
                     namespaces:
                       - {name: room, presence: true, joinLeave: true}
                     """);
             TestServer survivor = TestServer.start(c -> PresenceIT.withPresence(LimitsBuilder.limits(l -> {
                 l.pingInterval = PING;
                 l.idleTimeout = Duration.ofSeconds(5);
             }).apply(c.withBroker(new BrokerSettings("redis", redis.uri())))));
             WsClient watcher = survivor.anonymous(APP_A);
             WsClient ghost = WsClient.connect(doomed.wsUri(), null)) {
            watcher.requestOk("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"room:k\"}");
            ghost.requestOk("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + APP_A + "\",\"otp\":\""
                    + TestServer.otp(TestServer.SECRET_A, "u9") + "\"}");
            ghost.requestOk("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"room:k\"}");
            watcher.next(f -> "join".equals(f.path("op").asText()) && "u9".equals(f.path("user").path("userId").asText()));
            assertThat(stats(watcher).path("users").asInt()).isEqualTo(2);

            doomed.kill();
            long killedAt = System.nanoTime();
            JsonNode leave = watcher.next(f -> "leave".equals(f.path("op").asText()));
            assertThat(leave.path("user").path("userId").asText()).isEqualTo("u9");
            assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(PING.multipliedBy(3).plusSeconds(1));
            await().atMost(PING.multipliedBy(3)).untilAsserted(() ->
                    assertThat(stats(watcher).path("users").asInt()).isEqualTo(1));
        }
    }

    private static JsonNode stats(WsClient c) throws Exception {
        return c.requestOk("{\"op\":\"presence_stats\",\"id\":" + c.nextId() + ",\"channel\":\"room:k\"}");
    }
}
