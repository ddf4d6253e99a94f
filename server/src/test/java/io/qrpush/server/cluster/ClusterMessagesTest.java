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
                new ReceiptTarget("node1", "sid1"), 7);
        assertThat(messages.publication(messages.read(messages.publication("node1", p)))).isEqualTo(p);
        Publication plain = new Publication(new ChannelKey("app", "news"), "g2", null, 43, TextNode.valueOf("x"), null);
        assertThat(messages.publication(messages.read(messages.publication("node1", plain)))).isEqualTo(plain);
    }
}
