package io.qrpush.server.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The keep-alive both transports share, on a real scheduler with a clock the test moves. */
class HeartbeatTest {
    private static final long INTERVAL = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long IDLE = TimeUnit.SECONDS.toNanos(30);

    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong clock = new AtomicLong();
    private final AtomicInteger pings = new AtomicInteger();
    private final AtomicInteger idles = new AtomicInteger();
    private final Heartbeat beat = new Heartbeat(INTERVAL, IDLE, pings::incrementAndGet, idles::incrementAndGet,
            clock::get);

    @AfterEach
    void stop() {
        loop.shutdownNow();
    }

    @Test
    void aLivePeerIsPingedEveryInterval() {
        loop.execute(() -> beat.start(loop));
        await().atMost(Duration.ofSeconds(5)).until(() -> pings.get() >= 3);
        assertThat(idles.get()).isZero();
    }

    @Test
    void activityPutsTheIdleTimeOff() {
        loop.execute(() -> beat.start(loop));
        await().atMost(Duration.ofSeconds(5)).until(() -> pings.get() >= 1);
        clock.addAndGet(IDLE);
        loop.execute(beat::activity);
        clock.addAndGet(IDLE);
        int before = pings.get();
        await().atMost(Duration.ofSeconds(5)).until(() -> pings.get() > before + 1);
        assertThat(idles.get()).isZero();
    }

    @Test
    void aSilentPeerIsReportedIdleOnceAndNoLongerPinged() {
        loop.execute(() -> beat.start(loop));
        await().atMost(Duration.ofSeconds(5)).until(() -> pings.get() >= 1);
        clock.addAndGet(IDLE + 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> idles.get() == 1);
        int after = pings.get();
        await().during(Duration.ofMillis(50)).atMost(Duration.ofSeconds(2))
                .until(() -> pings.get() == after && idles.get() == 1);
    }

    @Test
    void stoppedItTicksNoMore() throws Exception {
        loop.execute(() -> beat.start(loop));
        await().atMost(Duration.ofSeconds(5)).until(() -> pings.get() >= 1);
        loop.submit(beat::stop).get();
        int after = pings.get();
        await().during(Duration.ofMillis(50)).atMost(Duration.ofSeconds(2)).until(() -> pings.get() == after);
    }
}
