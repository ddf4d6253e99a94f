package io.qrpush.server.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrpush.protocol.RawJson;
import io.qrpush.server.core.ChannelKey;
import io.qrpush.server.core.Publication;
import io.qrpush.server.core.Subscriber;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class CatchUpStageTest {
    private static final ChannelKey CHANNEL = new ChannelKey("app", "news:1");

    /** Records the offsets of the frames it is handed, and whether it was told messages are lost. */
    private static final class Connection implements Subscriber {
        final List<Long> sent = new ArrayList<>();
        boolean missed;

        @Override
        public void missedMessages() {
            missed = true;
        }

        @Override
        public Executor executor() {
            return Runnable::run;
        }

        @Override
        public void deliver(byte[] frame) {
            sent.add(Long.parseLong(new String(frame)));
        }
    }

    /** A history whose reads the test answers by hand: each asked-for position, and the answer to come. */
    private static final class History implements GapFill {
        final List<StreamPosition> asked = new ArrayList<>();
        CompletableFuture<Recovery> answer = new CompletableFuture<>();

        @Override
        public CompletableFuture<Recovery> after(StreamPosition sent) {
            asked.add(sent);
            return answer;
        }

        @Override
        public byte[] frame(HistoryEntry e) {
            return Long.toString(e.offset()).getBytes();
        }

        /** The history holds {@code from..to}, and {@code to} is the latest. */
        void holds(long from, long to) {
            List<HistoryEntry> kept = new ArrayList<>();
            for (long o = from; o <= to; o++) {
                kept.add(new HistoryEntry(o, publication(o)));
            }
            StreamPosition client = asked.get(asked.size() - 1);
            CompletableFuture<Recovery> now = answer;
            answer = new CompletableFuture<>();
            now.complete(Recovery.decide(client, new StreamPosition(to, "e"),
                    kept.stream().filter(k -> k.offset() > client.offset()).toList()));
        }
    }

    private final History history = new History();

    private static Publication publication(long offset) {
        return new Publication(CHANNEL, "g" + offset, null, 0, RawJson.parse("1"), null);
    }

    private static void live(CatchUpStage stage, long offset, String epoch) {
        Publication p = publication(offset).at(offset, epoch);
        stage.deliver(Long.toString(offset).getBytes(), p);
    }

    @Test
    void liveMessagesWaitForTheReplyAndOnlyThoseAfterItFollow() {
        Connection c = new Connection();
        CatchUpStage stage = new CatchUpStage(c, history, 100);
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
        CatchUpStage stage = new CatchUpStage(c, history, 100);
        stage.caughtUp(new StreamPosition(2, "e"));
        live(stage, 2, "e");
        live(stage, 3, "e");
        live(stage, 3, "e");
        live(stage, 1, "f");
        assertThat(c.sent).containsExactly(3L, 1L);
    }

    @Test
    void aLiveGapIsReadBackFromTheHistoryWhileLaterMessagesWait() {
        Connection c = new Connection();
        CatchUpStage stage = new CatchUpStage(c, history, 100);
        stage.caughtUp(new StreamPosition(2, "e"));
        live(stage, 3, "e");
        live(stage, 6, "e");
        live(stage, 7, "e");
        assertThat(c.sent).containsExactly(3L);
        assertThat(history.asked).containsExactly(new StreamPosition(3, "e"));
        history.holds(1, 6);
        live(stage, 8, "e");
        assertThat(c.sent).containsExactly(3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(c.missed).isFalse();
    }

    @Test
    void aGapTheHistoryNoLongerHoldsEndsTheConnectionInsteadOfHidingIt() {
        Connection c = new Connection();
        CatchUpStage stage = new CatchUpStage(c, history, 100);
        stage.caughtUp(new StreamPosition(2, "e"));
        live(stage, 9, "e");
        history.holds(5, 9);
        live(stage, 10, "e");
        assertThat(c.sent).isEmpty();
        assertThat(c.missed).isTrue();
    }

    @Test
    void pastItsCapTheStageLetsHeldMessagesGoAndReadsThemBack() {
        Connection c = new Connection();
        CatchUpStage stage = new CatchUpStage(c, history, 2);
        for (long o = 4; o <= 7; o++) {
            live(stage, o, "e");
        }
        stage.caughtUp(new StreamPosition(3, "e"));
        assertThat(c.sent).isEmpty();
        assertThat(history.asked).containsExactly(new StreamPosition(3, "e"));
        history.holds(1, 7);
        live(stage, 8, "e");
        assertThat(c.sent).containsExactly(4L, 5L, 6L, 7L, 8L);
    }
}
