package io.qrpush.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import io.qrpush.protocol.FrameCodec;
import io.qrpush.server.core.ChannelKey;
import io.qrpush.server.core.Publication;
import io.qrpush.server.core.ReceiptTarget;
import org.junit.jupiter.api.Test;

/** A publication crosses Redis whole: every field, the history offset included. */
class ClusterMessagesTest {
    private final ClusterMessages messages = new ClusterMessages(new FrameCodec().mapper());

    @Test
    void aPublicationRoundTrips() throws Exception {
        Publication p = new Publication(new ChannelKey("app", "news:1"), "g1", "u1", 42, TextNode.valueOf("hi"),
                new ReceiptTarget("node1", "sid1"));
        String json = messages.publication("node1", p);
        assertThat(messages.publication(messages.read(json))).isEqualTo(p);
        // The history append script splices the offset and epoch in front of the other fields.
        String placed = "{\"o\":7,\"e\":\"E1\"," + json.substring(1);
        assertThat(messages.publication(messages.read(placed))).isEqualTo(p.at(7, "E1"));
        assertThat(ClusterMessages.hasOffset(messages.read(placed))).isTrue();
        Publication join = Publication.event(new ChannelKey("app", "room:1"), "join",
                new FrameCodec().mapper().createObjectNode().put("x", 1), 44);
        assertThat(messages.publication(messages.read(messages.publication("node1", join)))).isEqualTo(join);
        Publication plain = new Publication(new ChannelKey("app", "news"), "g2", null, 43, TextNode.valueOf("x"), null);
        assertThat(messages.publication(messages.read(messages.publication("node1", plain)))).isEqualTo(plain);
    }
}
