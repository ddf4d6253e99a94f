package io.qrpush.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class FanoutTest {
    /** A connection thread that runs its tasks when told to and knows when it is running them. */
    private static final class Loop implements Executor {
        final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
        boolean running;

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            running = true;
            while (!tasks.isEmpty()) {
                tasks.poll().run();
            }
            running = false;
        }
    }

    private record Sub(Loop thread, List<String> got) implements Subscriber {
        @Override
        public Executor executor() {
            return thread;
        }

        @Override
        public void deliver(byte[] frame) {
            assertThat(thread.running).as("delivered on the subscriber's own thread").isTrue();
            got.add(new String(frame));
        }
    }

    /** A subscriber whose connection throws, as a bug in one session's send path would. */
    private record Broken(Loop thread) implements Subscriber {
        @Override
        public Executor executor() {
            return thread;
        }

        @Override
        public void deliver(byte[] frame) {
            throw new IllegalStateException("broken on purpose");
        }
    }

    @Test
    void eachSubscriberGetsTheFrameOnceOnItsThreadInChunkedTasks() {
        Loop a = new Loop();
        Loop b = new Loop();
        List<Sub> subs = new ArrayList<>();
        int perThread = Fanout.CHUNK + 1;
        for (int i = 0; i < 2 * perThread; i++) {
            subs.add(new Sub(i % 2 == 0 ? a : b, new ArrayList<>()));
        }
        Fanout.deliver(subs.toArray(Subscriber[]::new), "m".getBytes(), null);
        assertThat(a.tasks).as("a full chunk and the rest").hasSize(2);
        assertThat(b.tasks).hasSize(2);
        assertThat(subs).allSatisfy(s -> assertThat(s.got()).as("nothing before its thread runs").isEmpty());
        a.runAll();
        b.runAll();
        assertThat(subs).allSatisfy(s -> assertThat(s.got()).containsExactly("m"));
    }

    @Test
    void framesReachEachSubscriberInTheOrderTheyWereFannedOut() {
        Loop a = new Loop();
        Sub s = new Sub(a, new ArrayList<>());
        Fanout.deliver(new Subscriber[] {s}, "1".getBytes(), null);
        Fanout.deliver(new Subscriber[] {s}, "2".getBytes(), null);
        a.runAll();
        assertThat(s.got()).containsExactly("1", "2");
    }

    @Test
    void aSubscriberThatThrowsDoesNotCostTheRestOfItsChunkTheMessage() {
        Loop a = new Loop();
        List<Subscriber> subs = new ArrayList<>();
        List<Sub> healthy = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Sub s = new Sub(a, new ArrayList<>());
            healthy.add(s);
            subs.add(s);
        }
        subs.add(5, new Broken(a));
        Fanout.deliver(subs.toArray(Subscriber[]::new), "m".getBytes(), null);
        assertThat(a.tasks).as("one chunk").hasSize(1);
        a.runAll();
        assertThat(healthy).allSatisfy(s -> assertThat(s.got()).containsExactly("m"));
    }
}
