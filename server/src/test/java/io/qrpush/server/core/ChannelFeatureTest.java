package io.qrpush.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.qrpush.protocol.RawJson;
import io.qrpush.protocol.ClientFrame;
import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.ProtocolException;
import io.qrpush.server.config.AppConfig;
import io.qrpush.server.config.QrpushConfig;
import io.qrpush.server.metrics.ServerMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The seams a feature plugs into, with a made-up feature on {@code room:} channels and none elsewhere. */
class ChannelFeatureTest {
    private final QrpushConfig config = QrpushConfig.of(List.of(new AppConfig("a", "0123456789abcdef0123",
            "apikey-0123456789abc", List.of("https://a.example"), null, true, false)));
    private final RoomFeature rooms = new RoomFeature();
    private final Node node = Node.inMemory(config.limits(), new Apps(config.apps()), new ServerMetrics(),
            Clock.systemUTC(), rooms);
    private final FakeTransport transport = new FakeTransport();
    private final Session session = new Session("sid1", transport, node);

    /** Records every hook; answers {@code presence}, refuses subscribes to {@code room:closed}. */
    private static final class RoomFeature implements ChannelFeature {
        final List<String> events = new ArrayList<>();
        FeatureHost host;
        long offset;

        @Override
        public boolean claims(String channel) {
            return channel.startsWith("room:");
        }

        @Override
        public void start(FeatureHost node) {
            host = node;
        }

        @Override
        public CompletableFuture<Void> subscribed(Caller caller, ClientFrame.Subscribe request, ObjectNode reply) {
            events.add("subscribed " + request.channel() + " by " + caller.identity().userId());
            if (request.channel().equals("room:closed")) {
                return CompletableFuture.failedFuture(new ProtocolException(ErrorWord.FORBIDDEN, "closed"));
            }
            reply.put("members", 1);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Publication> publishes(Publication p) {
            events.add("publishes " + p.channel().channel());
            return CompletableFuture.completedFuture(new Publication(p.channel(), p.guid(), p.from(), p.ts(),
                    RawJson.of(TextNode.valueOf("decorated " + p.content().tree().asText())), p.receiptTo()).at(++offset, "e1"));
        }

        @Override
        public CompletableFuture<ObjectNode> query(Caller caller, ClientFrame.ChannelQuery request) {
            return request.op().equals("presence")
                    ? CompletableFuture.completedFuture(request.params().objectNode().put("users", 1)) : null;
        }

        @Override
        public void acked(Caller caller, ChannelKey channel, String guid) {
            events.add("acked " + channel.channel());
        }

        @Override
        public void left(Caller caller, ChannelKey channel) {
            events.add("left " + channel.channel());
        }
    }

    @AfterEach
    void close() {
        node.close();
    }

    private JsonNode send(String json) {
        session.onText(json.getBytes(StandardCharsets.UTF_8));
        return transport.last();
    }

    private void authorize() {
        session.start();
        send("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"a\"}");
    }

    @Test
    void aClaimedSubscribeGetsTheFeaturesFieldsAndItsLeave() {
        authorize();
        JsonNode reply = send("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"room:1\"}");
        assertThat(reply.path("members").asInt()).isEqualTo(1);
        assertThat(send("{\"op\":\"subscribe\",\"id\":3,\"channel\":\"news\"}").has("members")).isFalse();
        session.onClosed();
        assertThat(rooms.events).containsExactly("subscribed room:1 by anon-sid1", "left room:1");
    }

    @Test
    void aRefusedSubscribeLeavesTheChannelAgain() {
        authorize();
        JsonNode reply = send("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"room:closed\"}");
        assertThat(reply.path("error").asText()).isEqualTo("forbidden");
        assertThat(node.localSubscribers(new ChannelKey("a", "room:closed"))).isZero();
    }

    @Test
    void everyPublicationOnAClaimedChannelPassesTheFeatureFirst() {
        authorize();
        send("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"room:1\"}");
        assertThat(send("{\"op\":\"publish\",\"id\":3,\"channel\":\"room:1\",\"content\":\"hi\"}")
                .path("offset").asLong()).as("the publish reply carries the feature's offset").isEqualTo(1);
        assertThat(rooms.host.publish(new ChannelKey("a", "room:1"), TextNode.valueOf("from the server")).join()
                .offset()).isEqualTo(2);
        assertThat(transport.sent).filteredOn(f -> f.path("op").asText().equals("message"))
                .extracting(f -> f.path("content").asText() + " @" + f.path("offset").asLong())
                .containsExactly("decorated hi @1", "decorated from the server @2");
        assertThat(send("{\"op\":\"publish\",\"id\":4,\"channel\":\"news\",\"content\":1}").has("offset"))
                .as("no offset where no feature keeps history").isFalse();
        send("{\"op\":\"ack\",\"channel\":\"room:1\",\"guid\":\"g\"}");
        assertThat(rooms.events).contains("publishes room:1", "acked room:1");
    }

    @Test
    void aFeatureTellsItsChannelsSubscribersOfAnEventWithAFrameOfItsOwn() {
        authorize();
        send("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"room:1\"}");
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        fields.putObject("user").put("userId", "u9");
        assertThat(rooms.host.tell(new ChannelKey("a", "room:1"), "join", fields).join()).isEqualTo(1);
        assertThat(transport.last().path("op").asText()).isEqualTo("join");
        assertThat(transport.last().path("channel").asText()).isEqualTo("room:1");
        assertThat(transport.last().path("user").path("userId").asText()).isEqualTo("u9");
        assertThat(rooms.host.tell(new ChannelKey("a", "room:2"), "leave", fields).join()).isZero();
    }

    @Test
    void aQueryNoFeatureAnswersIsNotEnabled() {
        authorize();
        assertThat(send("{\"op\":\"presence\",\"id\":2,\"channel\":\"room:1\"}").path("users").asInt()).isEqualTo(1);
        JsonNode history = send("{\"op\":\"history\",\"id\":3,\"channel\":\"room:1\"}");
        assertThat(history.path("code").asInt()).isEqualTo(400);
        assertThat(history.path("error").asText()).isEqualTo("not_enabled");
        assertThat(send("{\"op\":\"presence_stats\",\"id\":4,\"channel\":\"news\"}").path("error").asText())
                .isEqualTo("not_enabled");
    }
}
