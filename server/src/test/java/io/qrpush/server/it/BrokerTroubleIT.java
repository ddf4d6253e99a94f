package io.qrpush.server.it;

import static io.qrpush.server.it.TestServer.API_KEY_A;
import static io.qrpush.server.it.TestServer.APP_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.protocol.ServerFrame;
import io.qrpush.server.Nodes;
import io.qrpush.server.PushServer;
import io.qrpush.server.config.QrpushConfig;
import io.qrpush.server.core.Broker;
import io.qrpush.server.core.BrokerHandler;
import io.qrpush.server.core.BrokerUnavailableException;
import io.qrpush.server.core.ChannelKey;
import io.qrpush.server.core.MemoryBroker;
import io.qrpush.server.core.MemoryOnceStore;
import io.qrpush.server.core.NodeBacking;
import io.qrpush.server.core.Publication;
import io.qrpush.server.core.ReceiptTarget;
import io.qrpush.server.login.MemoryLoginStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md section 3 (503 {@code unavailable}, "safe to retry") and 5 ({@code /healthz} 503 while the
 * broker is unreachable), on a node whose broker the test can take down and bring back.
 */
@Tag(TestServer.SINGLE_NODE)
class BrokerTroubleIT {
    private final FlakyBroker broker = new FlakyBroker();
    private TestServer server;

    /** The memory broker, except that publishing fails and health is false while {@link #down}. */
    static final class FlakyBroker implements Broker {
        private final MemoryBroker memory = new MemoryBroker();
        volatile boolean down;

        private <T> CompletableFuture<T> unlessDown(CompletableFuture<T> f) {
            return down ? CompletableFuture.failedFuture(new BrokerUnavailableException("broker down", null)) : f;
        }

        @Override
        public void start(BrokerHandler handler) {
            memory.start(handler);
        }

        @Override
        public CompletableFuture<Integer> publish(Publication p) {
            return unlessDown(down ? null : memory.publish(p));
        }

        @Override
        public CompletableFuture<Void> subscribe(ChannelKey channel) {
            return memory.subscribe(channel);
        }

        @Override
        public CompletableFuture<Void> unsubscribe(ChannelKey channel) {
            return memory.unsubscribe(channel);
        }

        @Override
        public CompletableFuture<Void> sendReceipt(ReceiptTarget target, ServerFrame.Receipt receipt) {
            return memory.sendReceipt(target, receipt);
        }

        @Override
        public CompletableFuture<Integer> disconnectUser(String appkey, String userId) {
            return memory.disconnectUser(appkey, userId);
        }

        @Override
        public CompletableFuture<Long> subscriberCount(ChannelKey channel) {
            return memory.subscriberCount(channel);
        }

        @Override
        public boolean isHealthy() {
            return !down;
        }

        @Override
        public void close() {
            memory.close();
        }
    }

    @BeforeEach
    void start() throws Exception {
        QrpushConfig config = TestServer.config();
        Clock clock = Clock.systemUTC();
        Duration window = config.limits().dedupeWindow();
        NodeBacking node = new NodeBacking(NodeBacking.newNodeId(), broker, MemoryOnceStore.forTtl(clock::millis, window),
                MemoryOnceStore.forTtl(clock::millis, window), MemoryOnceStore.forTtl(clock::millis, window));
        server = TestServer.of(new PushServer(config, new Nodes.Backing(node, new MemoryLoginStore()), List.of()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void healthIs503WhileTheBrokerIsDown() throws Exception {
        assertThat(server.api("GET", "/healthz", null, null).statusCode()).isEqualTo(200);
        assertThat(Prometheus.scrape(server).value("qrpush_broker_up")).isEqualTo(1);
        broker.down = true;
        var res = server.api("GET", "/healthz", null, null);
        assertThat(res.statusCode()).isEqualTo(503);
        assertThat(res.body()).contains("status");
        assertThat(Prometheus.scrape(server).value("qrpush_broker_up")).as("what QrpushBrokerUnreachable reads").isZero();
        broker.down = false;
        assertThat(server.api("GET", "/healthz", null, null).statusCode()).isEqualTo(200);
        assertThat(Prometheus.scrape(server).value("qrpush_broker_up")).isEqualTo(1);
    }

    @Test
    void aPublishThatFailed503IsDeliveredWhenRetriedWithItsGuid() throws Exception {
        try (WsClient sub = server.anonymous(APP_A); WsClient pub = server.user(APP_A, "u1", "news")) {
            sub.subscribe("news", null);
            broker.down = true;
            JsonNode failed = pub.request("{\"op\":\"publish\",\"id\":5,\"channel\":\"news\",\"content\":1,"
                    + "\"guid\":\"g-retry\"}");
            assertThat(failed.path("code").asInt()).isEqualTo(503);
            assertThat(failed.path("error").asText()).isEqualTo("unavailable");
            broker.down = false;
            JsonNode retried = pub.request("{\"op\":\"publish\",\"id\":6,\"channel\":\"news\",\"content\":1,"
                    + "\"guid\":\"g-retry\",\"retried\":1}");
            assertThat(retried.path("code").asInt()).isEqualTo(200);
            assertThat(retried.has("duplicate")).as("the failed attempt delivered nothing: %s", retried).isFalse();
            assertThat(retried.path("delivered").asInt()).isEqualTo(1);
            assertThat(sub.next("message").path("guid").asText()).isEqualTo("g-retry");
            JsonNode again = pub.request("{\"op\":\"publish\",\"id\":7,\"channel\":\"news\",\"content\":1,"
                    + "\"guid\":\"g-retry\",\"retried\":2}");
            assertThat(again.path("duplicate").asBoolean()).as("the delivered one is remembered").isTrue();
        }
    }

    @Test
    void theServerApiAnswers503AndARetryGoesThrough() throws Exception {
        try (WsClient sub = server.anonymous(APP_A)) {
            sub.subscribe("orders", null);
            String body = "{\"channel\":\"orders\",\"content\":7,\"guid\":\"o-1\"}";
            broker.down = true;
            var res = server.api("POST", "/api/v1/publish", API_KEY_A, body);
            assertThat(res.statusCode()).isEqualTo(503);
            assertThat(res.body()).contains("\"error\":\"unavailable\"");
            broker.down = false;
            var retry = server.api("POST", "/api/v1/publish", API_KEY_A, body);
            assertThat(retry.body()).contains("\"delivered\":1").doesNotContain("duplicate");
            assertThat(sub.next("message").path("content").asInt()).isEqualTo(7);
        }
    }
}
