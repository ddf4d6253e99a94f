package io.qrpush.server.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import io.qrpush.server.core.ChannelKey;
import io.qrpush.server.core.Publication;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class CatchUpStageTest {
    private static final ChannelKey CHANNEL = new ChannelKey("app", "news:1");

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
        return new Publication(CHANNEL, "g" + offset, null, 0, IntNode.valueOf(1), null);
    }

    private static void live(CatchUpStage stage, long offset, String epoch) {
        Publication p = publication(offset).at(offset, epoch);
        stage.deliver(Long.toString(offset).getBytes(), p);
    }

    @Test
    void liveMessagesWaitForTheReplyAndOnlyThoseAfterItFollow() {
        RecordingConnection c = new RecordingConnection();
        CatchUpStage stage = new CatchUpStage(c, history, 100, null);
        live(stage, 4, "e");
        live(stage, 5, "e");
        live(stage, 6, "e");
        assertThat(c.sent).isEmpty();
        stage.caughtUp(new StreamPosition(5, "e"));
        assertThat(c.sent).containsExactly(6L);
    }

    @Test
    void aRepeatedOffsetIsDroppedAndANewEpochGoesThrough() {
        RecordingConnection c = new RecordingConnection();
        CatchUpStage stage = new CatchUpStage(c, history, 100, null);
        stage.caughtUp(new StreamPosition(2, "e"));
        live(stage, 2, "e");
        live(stage, 3, "e");
        live(stage, 3, "e");
        live(stage, 1, "f");
        assertThat(c.sent).containsExactly(3L, 1L);
    }

    @Test
    void aLiveGapIsReadBackFromTheHistoryWhileLaterMessagesWait() {
        RecordingConnection c = new RecordingConnection();
        CatchUpStage stage = new CatchUpStage(c, history, 100, null);
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
        RecordingConnection c = new RecordingConnection();
        CatchUpStage stage = new CatchUpStage(c, history, 100, null);
        stage.caughtUp(new StreamPosition(2, "e"));
        live(stage, 9, "e");
        history.holds(5, 9);
        live(stage, 10, "e");
        assertThat(c.sent).isEmpty();
        assertThat(c.missed).isTrue();
    }

    @Test
    void pastItsCapTheStageLetsHeldMessagesGoAndReadsThemBack() {
        RecordingConnection c = new RecordingConnection();
        CatchUpStage stage = new CatchUpStage(c, history, 2, null);
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

    @Test
    void aTopAheadOfWhatWasSentIsReadBackAndNotedForTheNode() {
        RecordingConnection c = new RecordingConnection();
        ChannelWatch watch = new ChannelWatch();
        CatchUpStage stage = new CatchUpStage(c, history, 100, watch);
        stage.caughtUp(new StreamPosition(2, "e"));
        live(stage, 3, "e");
        assertThat(watch.behind(new StreamPosition(4, "e"))).isTrue();
        stage.checkTop(new StreamPosition(4, "e"));
        assertThat(history.asked).containsExactly(new StreamPosition(3, "e"));
        history.holds(1, 4);
        assertThat(c.sent).containsExactly(3L, 4L);
        assertThat(watch.behind(new StreamPosition(4, "e"))).isFalse();
        live(stage, 4, "e");
        live(stage, 5, "e");
        assertThat(c.sent).containsExactly(3L, 4L, 5L);
    }

    @Test
    void aTopNotAheadOrOfAnotherEpochOrDuringACatchUpReadsNothing() {
        RecordingConnection c = new RecordingConnection();
        CatchUpStage stage = new CatchUpStage(c, history, 100, null);
        stage.checkTop(new StreamPosition(9, "e"));
        stage.caughtUp(new StreamPosition(5, "e"));
        stage.checkTop(new StreamPosition(5, "e"));
        stage.checkTop(new StreamPosition(9, "f"));
        assertThat(history.asked).isEmpty();
        stage.checkTop(new StreamPosition(7, "e"));
        stage.checkTop(new StreamPosition(8, "e"));
        assertThat(history.asked).containsExactly(new StreamPosition(5, "e"));
    }

    @Test
    void aTopTheHistoryNoLongerHoldsEndsTheConnection() {
        RecordingConnection c = new RecordingConnection();
        CatchUpStage stage = new CatchUpStage(c, history, 100, null);
        stage.caughtUp(new StreamPosition(2, "e"));
        stage.checkTop(new StreamPosition(9, "e"));
        history.holds(6, 9);
        assertThat(c.sent).isEmpty();
        assertThat(c.missed).isTrue();
    }
}
