package io.qrpush.server.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import io.qrpush.server.core.ChannelKey;
import io.qrpush.server.core.Publication;
import io.qrpush.server.core.Subscriber;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class CatchUpStageTest {
    private static final ChannelKey CHANNEL = new ChannelKey("app", "news:1");

    /** Records the offsets of the frames it is handed. */
    private static final class Connection implements Subscriber {
        final List<Long> sent = new ArrayList<>();

        @Override
        public Executor executor() {
            return Runnable::run;
        }

        @Override
        public void deliver(byte[] frame) {
            sent.add(Long.parseLong(new String(frame)));
        }
    }

    private static void live(CatchUpStage stage, long offset, String epoch) {
        Publication p = new Publication(CHANNEL, "g" + offset, null, 0, IntNode.valueOf(1), null).at(offset, epoch);
        stage.deliver(Long.toString(offset).getBytes(), p);
    }

    @Test
    void liveMessagesWaitForTheReplyAndOnlyThoseAfterItFollow() {
        Connection c = new Connection();
        CatchUpStage stage = new CatchUpStage(c);
        live(stage, 4, "e");
        live(stage, 5, "e");
        live(stage, 6, "e");
        assertThat(c.sent).isEmpty();
        stage.caughtUp(new StreamPosition(5, "e"));
        assertThat(c.sent).containsExactly(6L);
    }

    @Test
    void aRepeatedOffsetIsDroppedAndANewEpochGoesThrough() {
        Connection c = new Connection();
        CatchUpStage stage = new CatchUpStage(c);
        stage.caughtUp(new StreamPosition(2, "e"));
        live(stage, 2, "e");
        live(stage, 3, "e");
        live(stage, 3, "e");
        live(stage, 1, "f");
        assertThat(c.sent).containsExactly(3L, 1L);
    }
}
