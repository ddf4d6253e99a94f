package io.qrpush.server.it;

import static io.qrpush.server.it.TestServer.APP_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md section 2 and 3: frames that are not JSON or lack {@code op} get a reply with id null and
 * 400, and the tenth closes with 4000; unknown ops with an id are 400 {@code unknown_op};
 * binary frames are 400; frames and fragmented messages over {@code maxFrameBytes} close with 1009.
 */
class MalformedFrameIT {
    private static final int MAX_FRAME = 4096;
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(LimitsBuilder.limits(l -> {
            l.maxFrameBytes = MAX_FRAME;
            l.maxContentBytes = 2048;
        }));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static void assertMalformedReply(JsonNode r, String what) {
        assertThat(r.path("op").asText()).as(what).isEqualTo("reply");
        assertThat(r.has("id")).as(what).isTrue();
        assertThat(r.get("id").isNull()).as(what + ": id null").isTrue();
        assertThat(r.path("code").asInt()).as(what).isEqualTo(400);
        assertThat(r.path("error").asText()).as(what).isEqualTo("bad_request");
        assertThat(r.path("message").asText()).as(what).isNotBlank();
    }

    @Test
    void theTenthUnreadableFrameClosesWith4000() throws Exception {
        String[] bad = {"hello", "{", "[1,2]", "{}", "{\"id\":5}", "{\"op\":5,\"id\":6}", "null", "\"op\"",
            "{\"op\":\"subscribe\",\"channel\":\"news\"}", "{\"op\":\"publish\",\"id\":\"7\",\"channel\":\"x\"}"};
        try (WsClient c = server.anonymous(APP_A)) {
            for (int i = 0; i < 9; i++) {
                c.send(bad[i]);
                assertMalformedReply(c.next("reply"), bad[i]);
                c.requestOk("{\"op\":\"subscribe\",\"id\":" + c.nextId() + ",\"channel\":\"news\"}");
                assertThat(c.isClosed()).as("after %d malformed frames", i + 1).isFalse();
            }
            c.send(bad[9]);
            assertMalformedReply(c.next("reply"), bad[9]);
            JsonNode d = c.next("disconnect");
            assertThat(d.path("code").asInt()).isEqualTo(4000);
            assertThat(d.path("reconnect").asBoolean(true)).isFalse();
            assertThat(c.awaitClose()).isEqualTo(4000);
        }
    }

    @Test
    void unknownOpsWithAnIdAre400UnknownOpAndDoNotCount() throws Exception {
        try (WsClient c = server.anonymous(APP_A)) {
            for (int i = 0; i < 25; i++) {
                long id = c.nextId();
                JsonNode r = c.request("{\"op\":\"frobnicate\",\"id\":" + id + "}");
                assertThat(r.path("id").asLong()).isEqualTo(id);
                assertThat(r.path("code").asInt()).isEqualTo(400);
                assertThat(r.path("error").asText()).isEqualTo("unknown_op");
            }
            JsonNode badField = c.request("{\"op\":\"publish\",\"id\":3,\"channel\":\"news\",\"content\":1,"
                    + "\"receipt\":\"yes\"}");
            assertThat(badField.path("id").asLong()).isEqualTo(3);
            assertThat(badField.path("error").asText()).isEqualTo("bad_request");
            c.send("{\"op\":\"ping\"}");
            c.next("pong");
            assertThat(c.isClosed()).isFalse();
        }
    }

    @Test
    void binaryFramesAre400() throws Exception {
        try (WsClient c = server.anonymous(APP_A)) {
            c.sendBinary("{\"op\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
            assertMalformedReply(c.next("reply"), "binary");
            c.requestOk("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"news\"}");
        }
    }

    @Test
    void aFrameOverMaxFrameBytesClosesWith1009() throws Exception {
        try (WsClient c = server.anonymous(APP_A)) {
            c.send("{\"op\":\"ping\",\"pad\":\"" + "x".repeat(MAX_FRAME) + "\"}");
            JsonNode d = c.next("disconnect");
            assertThat(d.path("code").asInt()).isEqualTo(1009);
            assertThat(d.path("reconnect").asBoolean(true)).isFalse();
            assertThat(c.awaitClose()).isEqualTo(1009);
        }
        try (RawWs raw = RawWs.open(server.port(), 0)) {
            raw.sendText("{\"op\":\"publish\",\"id\":1,\"pad\":\"" + "x".repeat(3 * MAX_FRAME) + "\"}");
            assertCloses1009AfterDisconnect(raw.readToEnd(Duration.ofSeconds(5)));
        }
    }

    /** A disconnect then exactly one close frame, 1009: never a second close frame after it. */
    private static void assertCloses1009AfterDisconnect(List<RawWs.Frame> frames) {
        List<RawWs.Frame> closes = frames.stream().filter(f -> f.opcode() == RawWs.CLOSE).toList();
        assertThat(closes).as("close frames").hasSize(1);
        assertThat(closes.get(0).closeCode()).isEqualTo(1009);
        assertThat(frames.get(frames.size() - 1).opcode()).isEqualTo(RawWs.CLOSE);
        assertThat(frames.get(frames.size() - 2).text()).contains("\"op\":\"disconnect\"").contains("\"code\":1009");
    }

    @Test
    void aFrameOfExactlyMaxFrameBytesIsServed() throws Exception {
        try (WsClient c = server.anonymous(APP_A)) {
            String head = "{\"op\":\"subscribe\",\"id\":2,\"channel\":\"news\",\"pad\":\"";
            String frame = head + "x".repeat(MAX_FRAME - head.length() - 2) + "\"}";
            assertThat(frame.getBytes(StandardCharsets.UTF_8)).hasSize(MAX_FRAME);
            c.requestOk(frame);
        }
    }

    @Test
    void aFragmentedMessageOverMaxFrameBytesClosesWith1009() throws Exception {
        try (RawWs raw = RawWs.open(server.port(), 0)) {
            raw.sendText("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + APP_A + "\"}");
            assertThat(raw.nextText(Duration.ofSeconds(5))).contains("\"code\":200");
            byte[] part = "x".repeat(MAX_FRAME / 2).getBytes(StandardCharsets.UTF_8);
            raw.sendFrame(RawWs.TEXT, false, "{\"op\":\"ping\",\"pad\":\"".getBytes(StandardCharsets.UTF_8));
            raw.sendFrame(RawWs.CONTINUATION, false, part);
            raw.sendFrame(RawWs.CONTINUATION, false, part);
            raw.sendFrame(RawWs.CONTINUATION, true, "\"}".getBytes(StandardCharsets.UTF_8));
            assertCloses1009AfterDisconnect(raw.readToEnd(Duration.ofSeconds(5)));
        }
    }

    @Test
    void aTextFrameThatIsNotUtf8ClosesWith1007Once() throws Exception {
        try (RawWs raw = RawWs.open(server.port(), 0)) {
            raw.sendFrame(RawWs.TEXT, true, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
            List<RawWs.Frame> closes = raw.readToEnd(Duration.ofSeconds(5)).stream()
                    .filter(f -> f.opcode() == RawWs.CLOSE).toList();
            assertThat(closes).hasSize(1);
            assertThat(closes.get(0).closeCode()).isEqualTo(1007);
        }
    }

    @Test
    void aFragmentedMessageUnderTheLimitIsReassembled() throws Exception {
        try (WsClient pub = server.user(APP_A, "u1", "news"); RawWs raw = RawWs.open(server.port(), 0)) {
            raw.sendText("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + APP_A + "\"}");
            raw.nextText(Duration.ofSeconds(5));
            raw.sendFrame(RawWs.TEXT, false, "{\"op\":\"subscr".getBytes(StandardCharsets.UTF_8));
            raw.sendFrame(RawWs.CONTINUATION, false, "ibe\",\"id\":2,\"chan".getBytes(StandardCharsets.UTF_8));
            raw.sendFrame(RawWs.PING, true, new byte[0]); // control frames may come between fragments
            raw.sendFrame(RawWs.CONTINUATION, true, "nel\":\"news\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(raw.nextText(Duration.ofSeconds(5))).contains("\"id\":2").contains("\"code\":200");
            assertThat(pub.publish("news", "1").path("delivered").asInt()).isEqualTo(1);
        }
    }
}
