package io.qrpush.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrpush.protocol.FrameCodec;
import io.qrpush.protocol.RawJson;
import io.qrpush.server.core.ChannelKey;
import io.qrpush.server.core.Publication;
import io.qrpush.server.core.ReceiptTarget;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A publication crosses Redis whole: every field, the history offset included, the content byte for byte. */
class ClusterMessagesTest {
    private final ClusterMessages messages = new ClusterMessages(new FrameCodec().mapper());

    private Publication read(String json) throws Exception {
        return messages.publication(json, "other-node", key -> true);
    }

    @Test
    void aPublicationRoundTrips() throws Exception {
        Publication p = new Publication(new ChannelKey("app", "news:1"), "g1", "u1", 42, RawJson.parse("\"hi\""),
                new ReceiptTarget("node1", "sid1"));
        String json = messages.publication("node1", p);
        assertThat(read(json)).isEqualTo(p);
        // The history append script splices the offset and epoch in front of the other fields.
        String placed = "{\"o\":7,\"e\":\"E1\"," + json.substring(1);
        assertThat(read(placed)).isEqualTo(p.at(7, "E1"));
        Publication join = Publication.event(new ChannelKey("app", "room:1"), "join",
                new FrameCodec().mapper().createObjectNode().put("x", 1), 44);
        assertThat(read(messages.publication("node1", join))).isEqualTo(join);
        Publication plain = new Publication(new ChannelKey("app", "news"), "g2", null, 43, RawJson.parse("1"), null);
        assertThat(read(messages.publication("node1", plain))).isEqualTo(plain);
    }

    @Test
    void contentCrossesAsTheBytesThePublisherSent() throws Exception {
        String sent = "{ \"a\" : [1e999, 0.10000000000000000001], \"s\":\"caf\\u00e9 \u00e9 \uD83D\uDE00\" }";
        byte[] utf8 = ("{\"op\":\"publish\",\"id\":1,\"channel\":\"c\",\"content\":" + sent + "}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        RawJson content = ((io.qrpush.protocol.ClientFrame.Publish) new FrameCodec().decodeClient(utf8)).content();
        Publication p = new Publication(new ChannelKey("app", "c"), "g", null, 1, content, null);
        String json = messages.publication("node1", p);
        assertThat(json).endsWith("\"x\":" + sent + "}");
        assertThat(read(json).content().toString()).isEqualTo(sent);
    }

    /** The channel decides before the content is read; a node's own live messages come back from pub/sub and are dropped. */
    @Test
    void unwantedChannelsAndOwnLiveMessagesAreDropped() throws Exception {
        Publication p = new Publication(new ChannelKey("app", "news"), "g", null, 1, RawJson.parse("[1]"), null);
        String json = messages.publication("node1", p);
        List<ChannelKey> asked = new ArrayList<>();
        assertThat(messages.publication(json, "node2", key -> asked.add(key) && false)).isNull();
        assertThat(asked).containsExactly(new ChannelKey("app", "news"));
        assertThat(messages.publication(json, "node1", key -> true)).isNull();
        assertThat(messages.publication("{\"o\":3,\"e\":\"E\"," + json.substring(1), "node1", key -> true))
                .isEqualTo(p.at(3, "E"));
    }
}
