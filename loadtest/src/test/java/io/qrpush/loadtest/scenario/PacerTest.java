package io.qrpush.loadtest.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.concurrent.DefaultEventExecutor;
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
        Pacer.start(loop, first, 10, end, (k, due) -> {
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
        Pacer p = Pacer.start(loop, System.nanoTime(), 1, System.nanoTime() + TimeUnit.HOURS.toNanos(1),
                (k, due) -> one.countDown());
        assertThat(one.await(5, TimeUnit.SECONDS)).isTrue();
        p.stop();
        assertThat(p.fired()).isEqualTo(1);
    }
}
