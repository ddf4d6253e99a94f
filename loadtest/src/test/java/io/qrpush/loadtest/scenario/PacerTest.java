package io.qrpush.loadtest.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.util.concurrent.DefaultEventExecutor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PacerTest {
    private final DefaultEventExecutor loop = new DefaultEventExecutor();

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void lateEventsFireAtOnceWithTheirIntendedTimes() throws Exception {
        // A schedule that began 1 s ago at 10/s is 10 events behind: they must all go out now,
        // each carrying the time it was meant for (coordinated omission), and stop at the end.
        long first = System.nanoTime() - TimeUnit.SECONDS.toNanos(1);
        long end = first + TimeUnit.MILLISECONDS.toNanos(1050);
        List<long[]> fired = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(11);
        Pacer.start(loop, first, 10, first, end, (k, due) -> {
            fired.add(new long[] {k, due});
            all.countDown();
        });
        assertThat(all.await(5, TimeUnit.SECONDS)).isTrue();
        for (int k = 0; k < fired.size(); k++) {
            assertThat(fired.get(k)[0]).isEqualTo(k);
            assertThat(fired.get(k)[1]).isEqualTo(first + k * 100_000_000L);
        }
        assertThat(fired).hasSize(11);
    }

    @Test
    void aStoppedPacerFiresNoMore() throws Exception {
        CountDownLatch one = new CountDownLatch(1);
        long now = System.nanoTime();
        Pacer p = Pacer.start(loop, now, 1, now, now + TimeUnit.HOURS.toNanos(1),
                (k, due) -> one.countDown());
        assertThat(one.await(5, TimeUnit.SECONDS)).isTrue();
        p.stop();
        assertThat(p.fired()).isEqualTo(1);
    }

    @Test
    void aRampClimbsLinearlyToTheFullRateAndThenHoldsIt() {
        double period = 1e9 / 100; // 100 events a second
        long ramp = TimeUnit.SECONDS.toNanos(10);
        // Over the ramp 100 * 10 / 2 = 500 events; in its first half a quarter of them.
        assertThat(Pacer.offsetNanos(0, period, ramp)).isZero();
        assertThat(Pacer.offsetNanos(125, period, ramp)).isEqualTo(TimeUnit.SECONDS.toNanos(5));
        assertThat(Pacer.offsetNanos(500, period, ramp)).isEqualTo(ramp);
        // Then one event every period.
        assertThat(Pacer.offsetNanos(600, period, ramp) - Pacer.offsetNanos(599, period, ramp))
                .isEqualTo((long) period);
        // Gaps shrink all through the ramp.
        long previousGap = Long.MAX_VALUE;
        for (int k = 1; k < 500; k++) {
            long gap = Pacer.offsetNanos(k, period, ramp) - Pacer.offsetNanos(k - 1, period, ramp);
            assertThat(gap).isLessThanOrEqualTo(previousGap);
            previousGap = gap;
        }
        assertThat(Pacer.offsetNanos(7, period, 0)).as("no ramp").isEqualTo(7 * (long) period);
    }

    @Test
    void aRampedScheduleFiresItsPlannedCountWithTheRampedTimes() throws Exception {
        // Ramped over the whole 1 s that has already passed, at 20/s: 10 events, all due at once.
        long first = System.nanoTime() - TimeUnit.SECONDS.toNanos(1);
        long end = first + TimeUnit.SECONDS.toNanos(1);
        List<long[]> fired = new CopyOnWriteArrayList<>();
        Pacer p = Pacer.start(loop, first, 20, end, end, (k, due) -> fired.add(new long[] {k, due}));
        assertThat(p.planned()).isEqualTo(10);
        await().atMost(Duration.ofSeconds(5)).until(p::finished);
        assertThat(fired).hasSize(10);
        for (long[] f : fired) {
            assertThat(f[1]).isEqualTo(first + Pacer.offsetNanos(f[0], 1e9 / 20, end - first));
        }
    }
}
