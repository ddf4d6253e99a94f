package io.qrpush.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {
    /** Runs loop tasks when told to, like an event loop between reads. */
    private final ArrayDeque<Runnable> loop = new ArrayDeque<>();
    private final List<String> written = new ArrayList<>();
    private int flushes;
    private boolean writable = true;

    private final OutboundQueue.Sink sink = new OutboundQueue.Sink() {
        @Override
        public boolean writable() {
            return writable;
        }

        @Override
        public void write(byte[] frame) {
            written.add(new String(frame));
        }

        @Override
        public void flush() {
            flushes++;
        }
    };

    private OutboundQueue queue(long max) {
        return new OutboundQueue(max, loop::add, sink);
    }

    private void runLoop() {
        while (!loop.isEmpty()) {
            loop.poll().run();
        }
    }

    @Test
    void aBurstIsWrittenInOrderWithOneFlush() {
        OutboundQueue q = queue(1000);
        for (int i = 0; i < 5; i++) {
            q.offer(("m" + i).getBytes());
        }
        assertThat(loop).as("one drain task for the burst").hasSize(1);
        runLoop();
        assertThat(written).containsExactly("m0", "m1", "m2", "m3", "m4");
        assertThat(flushes).isEqualTo(1);
        assertThat(q.queuedBytes()).isZero();
    }

    @Test
    void writingPausesWhileTheSocketIsFullAndResumes() {
        OutboundQueue q = queue(1000);
        writable = false;
        q.offer("a".getBytes());
        q.offer("b".getBytes());
        runLoop();
        assertThat(written).isEmpty();
        assertThat(q.queuedBytes()).isEqualTo(2);
        writable = true;
        q.drain();
        assertThat(written).containsExactly("a", "b");
    }

    @Test
    void passingTheLimitReportsOneOverflowAndDropsTheRest() {
        OutboundQueue q = queue(10);
        writable = false;
        assertThat(q.offer("12345".getBytes())).isTrue();
        assertThat(q.offer("67890".getBytes())).isTrue();
        assertThat(q.offer("x".getBytes())).as("the frame that passes the limit is refused").isFalse();
        assertThat(q.offer("y".getBytes())).as("after the overflow, frames are dropped silently").isTrue();
        runLoop();
        writable = true;
        q.drainAll();
        assertThat(written).isEmpty();
    }

    @Test
    void drainAllIgnoresWritabilityForTheLastFramesBeforeAClose() {
        OutboundQueue q = queue(1000);
        writable = false;
        q.offer("bye".getBytes());
        q.drainAll();
        assertThat(written).containsExactly("bye");
        q.stop();
        q.offer("late".getBytes());
        runLoop();
        assertThat(written).containsExactly("bye");
    }

    @Test
    void onTheLoopAFrameLeavesAtOnceWithItsOwnFlush() {
        OutboundQueue q = queue(1000);
        q.offerOnLoop("a".getBytes());
        q.offerOnLoop("b".getBytes());
        assertThat(loop).as("no drain task").isEmpty();
        assertThat(written).containsExactly("a", "b");
        assertThat(flushes).isEqualTo(2);
        assertThat(q.queuedBytes()).isZero();
    }

    @Test
    void onTheLoopAFrameFollowsTheFramesStillQueued() {
        OutboundQueue q = queue(1000);
        q.offer("queued".getBytes());
        q.offerOnLoop("later".getBytes());
        assertThat(written).as("nothing overtakes the queued frame").isEmpty();
        runLoop();
        assertThat(written).containsExactly("queued", "later");
    }

    @Test
    void onTheLoopAFrameWaitsWhileTheSocketIsFullAndCountsAgainstTheLimit() {
        OutboundQueue q = queue(4);
        writable = false;
        q.offerOnLoop("abc".getBytes());
        assertThat(written).isEmpty();
        assertThat(q.queuedBytes()).isEqualTo(3);
        assertThat(q.offerOnLoop("de".getBytes())).as("the overflow is reported to the caller").isFalse();
        runLoop();
        assertThat(q.offerOnLoop("f".getBytes())).isTrue();
        writable = true;
        q.drainAll();
        assertThat(written).as("nothing after the overflow, even on the loop").isEmpty();
    }

    @Test
    void repliesOnTheLoopAreWrittenAtOnceAndFlushedOnceAfterTheBatch() {
        OutboundQueue q = queue(1000);
        q.offerOnLoopFlushLater("r1".getBytes());
        q.offerOnLoopFlushLater("r2".getBytes());
        assertThat(written).as("written at once, no queue").containsExactly("r1", "r2");
        assertThat(flushes).as("the flush waits for the batch's end").isZero();
        assertThat(loop).as("one flush task for the batch").hasSize(1);
        runLoop();
        assertThat(flushes).isEqualTo(1);
        q.offerOnLoopFlushLater("r3".getBytes());
        runLoop();
        assertThat(flushes).as("a later batch gets its own flush").isEqualTo(2);
        assertThat(q.queuedBytes()).isZero();
    }

    @Test
    void aReplyOnTheLoopFollowsTheFramesStillQueuedAndWaitsForAFullSocket() {
        OutboundQueue q = queue(1000);
        q.offer("queued".getBytes());
        q.offerOnLoopFlushLater("reply".getBytes());
        assertThat(written).as("nothing overtakes the queued frame").isEmpty();
        runLoop();
        assertThat(written).containsExactly("queued", "reply");
        writable = false;
        q.offerOnLoopFlushLater("full".getBytes());
        assertThat(q.queuedBytes()).as("a full socket queues the reply").isEqualTo(4);
        writable = true;
        q.drain();
        assertThat(written).containsExactly("queued", "reply", "full");
    }
}
