package io.qrpush.server.it;

import static io.qrpush.server.it.TestServer.APP_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.server.cluster.RedisProcess;
import io.qrpush.server.config.BrokerSettings;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md section 6: a Redis restart (no persistence) loses every channel's history, so
 * a client recovering from before it is told {@code recovered:false} with a new epoch, never given
 * offsets that now mean other publications.
 */
@Tag(TestServer.SINGLE_NODE)
class HistoryRedisRestartIT {

    @Test
    void aRedisRestartBetweenTwoSubscribesStartsANewEpoch() throws Exception {
        try (RedisProcess redis = RedisProcess.start();
             TestServer server = TestServer.start(c -> HistoryIT.withHistory(
                     c.withBroker(new BrokerSettings("redis", redis.uri()))))) {
            String epoch;
            try (WsClient c = server.anonymous(APP_B)) {
                epoch = c.requestOk("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"news:restart\"}").path("epoch").asText();
                assertThat(c.publish("news:restart", "1").path("offset").asLong()).isEqualTo(1);
            }
            redis.kill();
            redis.startAgain();
            AtomicReference<JsonNode> reply = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                try (WsClient c = server.anonymous(APP_B)) {
                    reply.set(c.request("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"news:restart\","
                            + "\"recover\":{\"offset\":1,\"epoch\":\"" + epoch + "\"}}"));
                    return reply.get().path("code").asInt() == 200;
                }
            });
            assertThat(reply.get().path("recovered").asBoolean()).isFalse();
            assertThat(reply.get().path("epoch").asText()).isNotEqualTo(epoch);
            assertThat(reply.get().path("offset").asLong()).isZero();
        }
    }
}
