package io.qrpush.loadtest.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.qrpush.protocol.FrameCodec;
import io.qrpush.protocol.RawJson;
import io.qrpush.protocol.ServerFrame;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProbeMessageTest {
    private final FrameCodec codec = new FrameCodec();

    private byte[] message(String channel, com.fasterxml.jackson.databind.JsonNode content) {
        return codec.encode(new ServerFrame.Message(channel, "g-1", "user-1", 1_700_000_000_000L, RawJson.of(content)));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsWhatAPublisherSentAsTheServerFramesIt() {
        byte[] frame = message("load.c7", ProbeMessage.content(42, 1_700_000_000_123_456L, 1, "xxxx"));
        assertThat(ProbeMessage.read(frame)).isEqualTo(new ProbeMessage("load.c7", 42, 1_700_000_000_123_456L, 1, -1));
    }

    /** Warm-up and measured content have the same shape: no number with a leading zero appears only after warm-up. */
    @Test
    void theWarmUpFlagKeepsTheContentsShapeAcrossTheEndOfTheWarmUp() {
        assertThat(ProbeMessage.content(3, 5, 1, "").toString()).isEqualTo("{\"seq\":3,\"t\":5,\"w\":1}");
        assertThat(ProbeMessage.content(3, 5, 0, "").toString()).isEqualTo("{\"seq\":3,\"t\":5,\"w\":2}");
        assertThat(ProbeMessage.read(message("c", ProbeMessage.content(3, 5, 0, "")))).isEqualTo(new ProbeMessage("c", 3, 5, 0, -1));
    }

    @Test
    void fieldOrderAndUnknownFieldsDoNotMatter() {
        byte[] frame = utf8("{\"content\":{\"extra\":{\"a\":[1,2]},\"t\":5,\"seq\":3},\"x\":[{}],"
                + "\"channel\":\"c\",\"op\":\"message\"}");
        assertThat(ProbeMessage.read(frame)).isEqualTo(new ProbeMessage("c", 3, 5, 0, -1));
    }

    @Test
    void readsTheOffsetOfAHistoryChannel() {
        byte[] frame = codec.encode(new ServerFrame.Message("jitter:a", "g-1", "user-1", 1_700_000_000_000L,
                RawJson.of(ProbeMessage.content(3, 5, 0, "")), 17));
        assertThat(ProbeMessage.read(frame)).isEqualTo(new ProbeMessage("jitter:a", 3, 5, 0, 17));
    }

    @Test
    void anythingElseIsLeftToTheFullDecoder() {
        assertThat(ProbeMessage.read(utf8("{\"op\":\"reply\",\"id\":1,\"code\":0}"))).isNull();
        assertThat(ProbeMessage.read(message("c", JsonNodeFactory.instance.objectNode().put("event", "scan"))))
                .as("a message without probe content").isNull();
        assertThat(ProbeMessage.read(utf8("{\"op\":\"message\",\"channel\":\"c\",\"content\":{\"seq\":1}}")))
                .as("no send time").isNull();
        assertThat(ProbeMessage.read(utf8("{\"op\":\"message\",\"channel\":\"c\",\"content\":{\"seq\":\"1\",\"t\":2}}")))
                .as("a seq that is not a number").isNull();
        assertThat(ProbeMessage.read(utf8("{\"op\":\"message\",\"content\":{\"seq\":1,\"t\":2}}")))
                .as("no channel").isNull();
        assertThat(ProbeMessage.read(utf8("{\"op\":\"message\",\"channel\":\"c\",\"content\":[1]}"))).isNull();
        assertThat(ProbeMessage.read(utf8("{\"op\":\"message\",\"channel\":\"c\",\"content\":{\"seq\":1,"))).isNull();
        assertThat(ProbeMessage.read(utf8("[]"))).isNull();
    }
}
