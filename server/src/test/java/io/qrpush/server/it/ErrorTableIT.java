package io.qrpush.server.it;

import static io.qrpush.server.it.TestServer.APP_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.protocol.Channels;
import io.qrpush.protocol.ClientFrame;
import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.ProtocolException;
import io.qrpush.server.core.BrokerUnavailableException;
import io.qrpush.server.core.Caller;
import io.qrpush.server.core.ChannelFeature;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rows of docs/protocol.md section 3's error table that the other ITs do not meet: 404, 409 and 410 from
 * the scan-to-login service, 500 and 503 from a service in trouble; and replies that stay in
 * request order while one of them waits for its answer.
 */
@ParameterizedClass
@EnumSource(Wire.class)
class ErrorTableIT extends DefaultServerIT {
    @Parameter
    Wire wire;

    private static final ObjectMapper JSON = new ObjectMapper();
    private String newLoginChannel() throws Exception {
        var res = server.api("POST", "/api/login/sessions", null, "{\"appkey\":\"" + APP_A + "\"}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
        return JSON.readTree(res.body()).path("channel").asText();
    }

    private static JsonNode act(FrameClient phone, String channel, String action) throws Exception {
        return phone.publish(channel, "{\"action\":\"" + action + "\"}");
    }

    private static void assertRefused(JsonNode reply, int code, String word) {
        assertThat(reply.path("code").asInt()).as("%s", reply).isEqualTo(code);
        assertThat(reply.path("error").asText()).isEqualTo(word);
        assertThat(reply.path("message").asText()).isNotBlank();
    }

    @Test
    void unknownLoginSessionIs404NotFound() throws Exception {
        try (FrameClient phone = server.user(wire, APP_A, "u1", "login:*")) {
            assertRefused(act(phone, "login:AAAAAAAAAAAAAAAAAAAAAA", "scan"), 404, "not_found");
        }
    }

    @Test
    void anotherUsersScanIs409LockedAndConfirmBeforeScanIs409BadState() throws Exception {
        try (FrameClient first = server.user(wire, APP_A, "u1", "login:*"); FrameClient second = server.user(wire, APP_A, "u2", "login:*")) {
            String channel = newLoginChannel();
            assertRefused(act(first, channel, "confirm"), 409, "bad_state");
            assertThat(act(first, channel, "scan").path("code").asInt()).isEqualTo(200);
            assertRefused(act(second, channel, "scan"), 409, "locked");
            assertRefused(act(second, channel, "confirm"), 409, "locked");
        }
    }

    @Test
    void anyActionAfterConfirmIs410Gone() throws Exception {
        try (FrameClient phone = server.user(wire, APP_A, "u1", "login:*")) {
            String channel = newLoginChannel();
            act(phone, channel, "scan");
            assertThat(act(phone, channel, "confirm").path("code").asInt()).isEqualTo(200);
            assertRefused(act(phone, channel, "cancel"), 410, "gone");
            assertRefused(act(phone, channel, "scan"), 410, "gone");
        }
    }

    /** A login service that fails as the content asks, or answers after a delay. */
    private static final class TroubledLogin implements ChannelFeature {
        @Override
        public boolean claims(String channel) {
            return Channels.isLogin(channel);
        }

        @Override
        public CompletableFuture<ObjectNode> publishing(Caller phone, ClientFrame.Publish request) {
            switch (request.content().tree().path("action").asText()) {
                case "crash":
                    throw new IllegalStateException("a bug in the login service");
                case "broker-down":
                    return CompletableFuture.failedFuture(new BrokerUnavailableException("redis is down", null));
                case "late-refusal":
                    return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(300,
                            TimeUnit.MILLISECONDS)).thenCompose(x -> CompletableFuture.failedFuture(
                                    new ProtocolException(ErrorWord.GONE, "too late")));
                default:
                    return CompletableFuture.supplyAsync(() -> JSON.createObjectNode().put("slow", true),
                            CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
            }
        }
    }

    /** This test's server, with the troubled service on the login channels. */
    private void serveLoginWith(ChannelFeature login) throws Exception {
        server.close();
        server = TestServer.withFeatures(login);
    }

    @Test
    void serverTroubleIs500InternalOr503UnavailableAndTheConnectionStays() throws Exception {
        serveLoginWith(new TroubledLogin());
        try (FrameClient phone = server.user(wire, APP_A, "u1", "login:*")) {
            assertRefused(act(phone, "login:k1", "crash"), 500, "internal");
            assertRefused(act(phone, "login:k1", "broker-down"), 503, "unavailable");
            assertRefused(act(phone, "login:k1", "late-refusal"), 410, "gone");
            assertThat(act(phone, "login:k1", "slow").path("slow").asBoolean()).isTrue();
            assertThat(phone.isClosed()).isFalse();
        }
    }

    @Test
    void repliesKeepRequestOrderWhileOneWaits() throws Exception {
        serveLoginWith(new TroubledLogin());
        try (FrameClient phone = server.user(wire, APP_A, "u1", "login:*", "news")) {
            phone.send("{\"op\":\"publish\",\"id\":10,\"channel\":\"login:k1\",\"content\":{\"action\":\"slow\"}}");
            phone.send("{\"op\":\"publish\",\"id\":11,\"channel\":\"bad channel\",\"content\":1}");
            phone.send("{\"op\":\"frobnicate\",\"id\":12}");
            phone.send("{\"op\":\"publish\",\"id\":13,\"channel\":\"news\",\"content\":1}");
            phone.send("{\"op\":\"publish\",\"id\":14,\"channel\":\"login:k1\",\"content\":{\"action\":\"late-refusal\"}}");
            phone.send("{\"op\":\"subscribe\",\"id\":15,\"channel\":\"news\",\"receipt\":\"x\"}");
            phone.send("{\"op\":\"subscribe\",\"id\":16,\"channel\":\"news\"}");
            long[] expected = {10, 11, 12, 13, 14, 15, 16};
            for (long id : expected) {
                JsonNode r = phone.next("reply");
                assertThat(r.path("id").asLong()).as("replies in the order the requests arrived: %s", r).isEqualTo(id);
            }
        }
    }
}
