package io.qrpush.server.cluster;

import static io.qrpush.server.it.TestServer.APP_A;
import static io.qrpush.server.it.TestServer.API_KEY_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.server.config.BrokerSettings;
import io.qrpush.server.it.TestServer;
import io.qrpush.server.it.WsClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis dies mid-flow and comes back: nodes fail closed (503) while it is gone, keep their
 * clients connected, and serve again by themselves once it is back.
 */
class RedisOutageIT {
    private RedisProcess redis;
    private TestServer a;
    private TestServer b;

    @BeforeEach
    void start() throws Exception {
        redis = RedisProcess.start();
        a = TestServer.start(cfg -> cfg.withBroker(new BrokerSettings("redis", redis.uri())));
        b = TestServer.start(cfg -> cfg.withBroker(new BrokerSettings("redis", redis.uri())));
    }

    @AfterEach
    void stop() throws Exception {
        a.close();
        b.close();
        redis.close();
    }

    @Test
    void nodesFailClosedWhileRedisIsDownAndRecoverWithoutARestart() throws Exception {
        try (WsClient sub = a.anonymous(APP_A); WsClient pub = b.user(APP_A, "u1", "news")) {
            sub.subscribe("news", null);
            pub.publish("news", "0");
            assertThat(sub.next("message").path("content").asInt()).isZero();

            redis.kill();
            await().atMost(Duration.ofSeconds(10)).until(() -> a.api("GET", "/healthz", null, null).statusCode() == 503);
            JsonNode refused = pub.publish("news", "1");
            assertThat(refused.path("code").asInt()).isEqualTo(503);
            assertThat(refused.path("error").asText()).isEqualTo("unavailable");
            var api = b.api("POST", "/api/v1/publish", API_KEY_A, "{\"channel\":\"news\",\"content\":2}");
            assertThat(api.statusCode()).isEqualTo(503);
            assertThat(api.body()).contains("\"error\":\"unavailable\"");
            String otp = TestServer.otp(TestServer.SECRET_A, "u2");
            try (WsClient late = b.connect()) {
                JsonNode auth = late.request("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + APP_A
                        + "\",\"otp\":\"" + otp + "\"}");
                assertThat(auth.path("code").asInt()).as("no otp accepted unchecked").isEqualTo(503);
            }
            assertThat(sub.isClosed()).isFalse();
            assertThat(pub.isClosed()).isFalse();

            redis.startAgain();
            await().atMost(Duration.ofSeconds(15)).until(() -> a.api("GET", "/healthz", null, null).statusCode() == 200
                    && b.api("GET", "/healthz", null, null).statusCode() == 200);
            AtomicInteger n = new AtomicInteger(100);
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300)).until(() -> {
                int marker = n.incrementAndGet();
                pub.publish("news", Integer.toString(marker));
                return sub.drain().stream().anyMatch(f -> f.path("content").asInt() == marker);
            });
            assertThat(sub.drain()).noneMatch(f -> f.path("content").asInt() == 1 || f.path("content").asInt() == 2);
        }
    }
}
