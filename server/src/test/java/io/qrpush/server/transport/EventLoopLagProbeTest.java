package io.qrpush.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** On a real event loop: what the probe reports for a backlog, a short pause and a long hold. */
class EventLoopLagProbeTest {
    private static final long MS = 1_000_000;

    private final DefaultEventLoopGroup group = new DefaultEventLoopGroup(1);
    private final EventLoop loop = group.next();
    private final ScheduledExecutorService evaluator = Executors.newSingleThreadScheduledExecutor();
    private final BlockingQueue<Long> windows = new LinkedBlockingQueue<>();
    private EventLoopLagProbe probe;

    private void start(long windowMillis) {
        probe = new EventLoopLagProbe(group, evaluator, windowMillis, windows::add);
    }

    @AfterEach
    void stop() {
        probe.close();
        evaluator.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void aLoopWithABacklogReportsItsLagUntilTheBacklogIsGone() throws Exception {
        start(200);
        // Five tasks that each keep 10 ms of work queued: a probe always waits behind about 40 ms.
        AtomicBoolean busy = new AtomicBoolean(true);
        for (int i = 0; i < 5; i++) {
            loop.execute(new Runnable() {
                @Override
                public void run() {
                    hold(10 * MS);
                    if (busy.get()) {
                        loop.execute(this);
                    }
                }
            });
        }
        assertThat(aWindowWithin(5, lag -> lag > 25 * MS)).as("a window whose least lateness is over 25 ms").isTrue();
        busy.set(false);
        assertThat(aWindowWithin(5, lag -> lag < 5 * MS)).as("caught up: a window with an on-time probe").isTrue();
    }

    @Test
    void aSinglePauseShorterThanTheWindowIsNotSustainedLag() throws Exception {
        start(500);
        assertThat(windows.poll(5, TimeUnit.SECONDS)).isNotNull();
        CountDownLatch paused = new CountDownLatch(1);
        loop.execute(() -> {
            hold(150 * MS);
            paused.countDown();
        });
        assertThat(paused.await(5, TimeUnit.SECONDS)).isTrue();
        windows.clear();
        List<Long> after = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            after.add(windows.poll(5, TimeUnit.SECONDS));
        }
        // The pause fell in the window cleared above or the first of these; probes before and after it ran on time.
        assertThat(after).doesNotContainNull().allMatch(lag -> lag < 100 * MS, "under 100 ms");
    }

    @Test
    void aLoopHeldForWholeWindowsIsBehindEvenThoughNoProbeRan() throws Exception {
        start(100);
        loop.execute(() -> hold(1000 * MS));
        assertThat(aWindowWithin(3, lag -> lag > 300 * MS)).as("the waiting probe's lateness is reported").isTrue();
    }

    /** Whether a window within {@code seconds} reports a lag that passes {@code test}. */
    private boolean aWindowWithin(int seconds, LongPredicate test) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (Long lag; (lag = windows.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null; ) {
            if (test.test(lag)) {
                return true;
            }
        }
        return false;
    }

    private static void hold(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            LockSupport.parkNanos(end - System.nanoTime());
        }
    }
}
