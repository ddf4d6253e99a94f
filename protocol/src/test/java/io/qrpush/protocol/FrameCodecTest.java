package io.qrpush.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Round trips, the exact JSON shapes of docs/protocol.md section 3, and the measured content size. */
class FrameCodecTest {
    private static final FrameCodec CODEC = new FrameCodec();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private static JsonNode json(String text) {
        try {
            return CODEC.mapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static ClientFrame decode(String frame) {
        return CODEC.decodeClient(frame.getBytes(UTF_8));
    }

    private static String encoded(ServerFrame frame) {
        return new String(CODEC.encode(frame), UTF_8);
    }

    /** Content exactly as written here, byte for byte. */
    private static RawJson raw(String content) {
        byte[] utf8 = content.getBytes(UTF_8);
        return RawJson.copyOf(utf8, 0, utf8.length);
    }

    private static ClientFrame.Publish publish(long id, String content, String guid, int retried, boolean receipt) {
        return new ClientFrame.Publish(id, "news", raw(content), guid, retried, receipt);
    }

    @Test
    void everyClientFrameSurvivesARoundTrip() {
        List<ClientFrame> frames = List.of(
                new ClientFrame.Authorize(1, "demo", "u17", "a.b.c", "qrpush-js/1.0"),
                new ClientFrame.Authorize(Long.MAX_VALUE, "demo", null, null, null),
                new ClientFrame.Subscribe(2, "login:Vx3-_.@=", "tok.en.sig"),
                new ClientFrame.Subscribe(-3, "news", null),
                new ClientFrame.Unsubscribe(0, "news"),
                publish(4, "{\"a\":[1,2.5,\"\u00e9\u20ac\uD83D\uDE00\",null,true,{}]}", "g-1", 2, true),
                publish(5, "\"text\"", null, 0, false),
                publish(6, "null", null, 0, false),
                publish(7, "[]", "g", Integer.MAX_VALUE, false),
                new ClientFrame.Ack("news", "g-1"),
                new ClientFrame.Ping());
        for (ClientFrame frame : frames) {
            assertThat(CODEC.decodeClient(CODEC.encode(frame))).as("%s", frame).isEqualTo(frame);
        }
    }

    @Test
    void everyServerFrameSurvivesARoundTrip() {
        ObjectNode body = JSON.objectNode().put("sid", "s1").put("canPublish", true).put("pingInterval", 25000);
        body.putObject("state").put("status", "waiting");
        List<ServerFrame> frames = List.of(
                ServerFrame.Reply.ok(1, body),
                ServerFrame.Reply.ok(2, null),
                ServerFrame.Reply.error(3L, ErrorWord.LOCKED, "claimed by another user"),
                ServerFrame.Reply.error(null, ErrorWord.BAD_REQUEST, "frame is not valid JSON"),
                new ServerFrame.Reply(4L, 403, "bad_token", "no", JSON.objectNode().put("channel", "login:k")),
                new ServerFrame.Message("news", "g", "u17", 1763798400000L, raw("{\"x\":[1,\"\u00e9\"]}")),
                new ServerFrame.Message("login:k", "g2", null, 1L, raw("{\"event\":\"scanned\"}")),
                new ServerFrame.Message("news", "g3", null, 1L, raw("null")),
                new ServerFrame.Receipt("news", "g", "u18"),
                new ServerFrame.Pong(),
                new ServerFrame.Disconnect(CloseCodes.SHUTTING_DOWN, "shutting down", true),
                new ServerFrame.Disconnect(CloseCodes.SHUTTING_DOWN, "draining", true, new ReconnectDelay(5, 10000)));
        for (ServerFrame frame : frames) {
            assertThat(CODEC.decodeServer(CODEC.encode(frame))).as("%s", frame).isEqualTo(frame);
        }
    }

    @Test
    void okReplyHasOpIdCodeThenBody() {
        ObjectNode body = JSON.objectNode().put("guid", "g").put("delivered", 3);
        assertThat(encoded(ServerFrame.Reply.ok(4, body)))
                .isEqualTo("{\"op\":\"reply\",\"id\":4,\"code\":200,\"guid\":\"g\",\"delivered\":3}");
    }

    @Test
    void failedReplyHasErrorAndMessageBeforeBody() {
        ServerFrame.Reply reply = new ServerFrame.Reply(2L, 403, "bad_token", "token is for another channel",
                JSON.objectNode().put("channel", "login:k"));
        assertThat(encoded(reply)).isEqualTo("{\"op\":\"reply\",\"id\":2,\"code\":403,\"error\":\"bad_token\","
                + "\"message\":\"token is for another channel\",\"channel\":\"login:k\"}");
    }

    @Test
    void replyToAnUnreadableFrameHasANullId() {
        assertThat(encoded(ServerFrame.Reply.error(null, ErrorWord.BAD_REQUEST, "not JSON")))
                .isEqualTo("{\"op\":\"reply\",\"id\":null,\"code\":400,\"error\":\"bad_request\",\"message\":\"not JSON\"}");
    }

    @Test
    void replyCodeAndErrorWordMustAgree() {
        assertThatThrownBy(() -> new ServerFrame.Reply(1L, 200, "bad_request", "x", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServerFrame.Reply(1L, 400, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServerFrame.Reply(1L, 99, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void messageWithoutSenderHasNoFromField() {
        ServerFrame.Message event = new ServerFrame.Message("login:k", "g", null, 1763798400000L,
                raw("{\"event\":\"scanned\"}"));
        assertThat(encoded(event)).isEqualTo("{\"op\":\"message\",\"channel\":\"login:k\",\"guid\":\"g\","
                + "\"ts\":1763798400000,\"content\":{\"event\":\"scanned\"}}");
    }

    @Test
    void messageWithSenderCarriesFromBeforeTs() {
        ServerFrame.Message message = new ServerFrame.Message("news", "g", "u17", 5L, raw("[1]"));
        assertThat(encoded(message))
                .isEqualTo("{\"op\":\"message\",\"channel\":\"news\",\"guid\":\"g\",\"from\":\"u17\",\"ts\":5,\"content\":[1]}");
    }

    @Test
    void otherServerFramesHaveTheDocumentedShape() {
        assertThat(encoded(new ServerFrame.Pong())).isEqualTo("{\"op\":\"pong\"}");
        assertThat(encoded(new ServerFrame.Receipt("news", "g", "u18")))
                .isEqualTo("{\"op\":\"receipt\",\"channel\":\"news\",\"guid\":\"g\",\"by\":\"u18\"}");
        assertThat(encoded(new ServerFrame.Disconnect(4011, "kicked", false)))
                .isEqualTo("{\"op\":\"disconnect\",\"code\":4011,\"reason\":\"kicked\",\"reconnect\":false}");
        assertThat(encoded(new ServerFrame.Disconnect(1001, "draining", true, new ReconnectDelay(0, 10000))))
                .isEqualTo("{\"op\":\"disconnect\",\"code\":1001,\"reason\":\"draining\",\"reconnect\":true,"
                        + "\"delay\":[0,10000]}");
    }

    @Test
    void publishIsWrittenWithOptionalFieldsOnlyWhenSet() {
        assertThat(new String(CODEC.encode(publish(4, "{\"a\":1}", "g", 2, true)), UTF_8)).isEqualTo(
                "{\"op\":\"publish\",\"id\":4,\"channel\":\"news\",\"content\":{\"a\":1},\"guid\":\"g\",\"retried\":2,\"receipt\":true}");
        assertThat(new String(CODEC.encode(publish(5, "1", null, 0, false)), UTF_8))
                .isEqualTo("{\"op\":\"publish\",\"id\":5,\"channel\":\"news\",\"content\":1}");
    }

    @Test
    void decodesTheProtocolExamples() {
        assertThat(decode("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"demo\",\"userId\":\"u17\",\"sdk\":\"qrpush-js/1.0\"}"))
                .isEqualTo(new ClientFrame.Authorize(1, "demo", "u17", null, "qrpush-js/1.0"));
        assertThat(decode("{\"op\":\"unsubscribe\",\"id\":3,\"channel\":\"news\"}"))
                .isEqualTo(new ClientFrame.Unsubscribe(3, "news"));
        assertThat(decode("{\"op\":\"ack\",\"channel\":\"news\",\"guid\":\"g\"}")).isEqualTo(new ClientFrame.Ack("news", "g"));
        assertThat(decode(" {\"op\":\"ping\"}\n")).isEqualTo(new ClientFrame.Ping());
        assertThat(decode("{\"op\":\"publish\",\"id\":4,\"channel\":\"news\",\"content\":{},\"guid\":\"g\",\"retried\":0,"
                + "\"receipt\":true,\"extra\":[1]}")).isEqualTo(new ClientFrame.Publish(4, "news", raw("{}"), "g", 0, true));
    }

    @Test
    void jsonNullContentIsTheValueNull() {
        ClientFrame.Publish p = (ClientFrame.Publish) decode("{\"op\":\"publish\",\"id\":1,\"channel\":\"a\",\"content\":null}");
        assertThat(p.content().tree()).isEqualTo(NullNode.getInstance());
        assertThat(p.contentBytes()).isEqualTo(4);
    }

    /** Content exactly as a client sent it, whitespace, escapes and multi-byte characters included. */
    @ParameterizedTest
    @ValueSource(strings = {
        "0", "-12.5e3", "true", "null", "\"\"", "12345678901234567890123",
        "\"h\u00e9 \u20ac \uD83D\uDE00\"",
        "\"\\u00e9\\n\\\"\"",
        "[1, 2 ,3 ]",
        "{ \"a\" : [ 1 , { } ] ,\n\t\"\u65e5\u672c\" : \"\u00ff\" }",
        "{\"action\":\"scan\"}"})
    void contentBytesIsTheUtf8SizeOfTheContentAsSent(String content) {
        int expected = content.getBytes(UTF_8).length;
        String first = "{\"op\":\"publish\",\"content\":   " + content + "  ,\"id\":1,\"channel\":\"a\"}";
        String middle = "{\"op\":\"publish\",\"id\":1,\"content\":" + content + ",\"channel\":\"a\"}";
        String last = "{\"op\":\"publish\",\"id\":1,\"channel\":\"a\",\"content\":" + content + "}";
        String lastSpaced = "{\"op\":\"publish\",\"id\":1,\"channel\":\"\u0061\",\"content\" :\n" + content + "\r\n}";
        for (String frame : List.of(first, middle, last, lastSpaced)) {
            ClientFrame.Publish p = (ClientFrame.Publish) decode(frame);
            assertThat(p.contentBytes()).as(frame).isEqualTo(expected);
            assertThat(p.content().toString()).as(frame).isEqualTo(content);
            assertThat(p.content().tree()).as(frame).isEqualTo(json(content));
        }
    }

    @Test
    void contentBytesCountsTheLastContentWhenRepeated() {
        ClientFrame.Publish p = (ClientFrame.Publish) decode(
                "{\"op\":\"publish\",\"id\":1,\"channel\":\"a\",\"content\":\"long long\",\"content\":\"\u00e9\"}");
        assertThat(p.content().tree().asText()).isEqualTo("\u00e9");
        assertThat(p.contentBytes()).isEqualTo(4);
    }

    /** Content is relayed as sent: decimals beyond double precision or range, and emoji as 4 UTF-8 bytes. */
    @Test
    void contentIsRelayedExactly() {
        FrameCodec codec = new FrameCodec();
        String sent = "{\"op\":\"publish\",\"id\":7,\"channel\":\"a\",\"content\":"
                + "[1e999,0.10000000000000000001,-1E-400,\"\uD83D\uDE00\"]}";
        ClientFrame.Publish p = (ClientFrame.Publish) codec.decodeClient(sent.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        byte[] out = codec.encode(new ServerFrame.Message("a", "g", null, 1, p.content()));
        ServerFrame.Message back = (ServerFrame.Message) codec.decodeServer(out);
        JsonNode content = back.content().tree();
        assertThat(content.get(0).decimalValue()).isEqualByComparingTo("1e999");
        assertThat(content.get(1).decimalValue()).isEqualByComparingTo("0.10000000000000000001");
        assertThat(content.get(2).decimalValue()).isEqualByComparingTo("-1E-400");
        assertThat(new String(out, java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"content\":[1e999,0.10000000000000000001,-1E-400,\"\uD83D\uDE00\"]}")
                .doesNotContain("\\uD83D");
    }
}
