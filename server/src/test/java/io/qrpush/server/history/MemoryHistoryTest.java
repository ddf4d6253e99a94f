package io.qrpush.server.history;

import static io.qrpush.server.history.HistoryFixtures.NEWS;
import static io.qrpush.server.history.HistoryFixtures.keeping;
import static io.qrpush.server.history.HistoryFixtures.pub;
import static org.assertj.core.api.Assertions.assertThat;

import io.qrpush.server.config.NamespaceSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The memory ring: offsets, the bound, reads, recovery and the ttl. */
class MemoryHistoryTest {
    private static final NamespaceSettings FIVE = keeping(5, Duration.ofSeconds(60));

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final AtomicInteger epochs = new AtomicInteger();
    private final List<HistoryEntry> delivered = new ArrayList<>();
    private final MemoryHistory history = new MemoryHistory((e, epoch) -> delivered.add(e), clock::get,
            () -> "E" + epochs.incrementAndGet());

    private void publish(int from, int to) {
        for (int n = from; n <= to; n++) {
            history.append(pub(NEWS, n), FIVE).join();
        }
    }

    private static List<Long> offsets(List<HistoryEntry> entries) {
        return entries.stream().map(HistoryEntry::offset).toList();
    }

    @Test
    void offsetsStartAtOneAndGoUpByOneInOneEpoch() {
        assertThat(history.position(NEWS, FIVE).join()).isEqualTo(new StreamPosition(0, "E1"));
        assertThat(history.append(pub(NEWS, 1), FIVE).join()).isEqualTo(new StreamPosition(1, "E1"));
        assertThat(history.append(pub(NEWS, 2), FIVE).join()).isEqualTo(new StreamPosition(2, "E1"));
        assertThat(offsets(delivered)).containsExactly(1L, 2L);
        assertThat(delivered.get(1).publication().guid()).isEqualTo("g2");
    }

    @Test
    void theRingKeepsOnlyTheLastHistorySize() {
        publish(1, 8);
        HistoryPage page = history.read(NEWS, FIVE, HistoryQuery.all()).join();
        assertThat(offsets(page.publications())).containsExactly(4L, 5L, 6L, 7L, 8L);
        assertThat(page.position()).isEqualTo(new StreamPosition(8, "E1"));
    }

    @Test
    void readsGoForwardOrBackFromSinceAndClampTheLimit() {
        publish(1, 8);
        assertThat(offsets(history.read(NEWS, FIVE, new HistoryQuery(null, 2, true)).join().publications()))
                .containsExactly(8L, 7L);
        assertThat(offsets(history.read(NEWS, FIVE, new HistoryQuery(new StreamPosition(5, "E1"), 2, false))
                .join().publications())).containsExactly(6L, 7L);
        assertThat(offsets(history.read(NEWS, FIVE, new HistoryQuery(new StreamPosition(7, "E1"), 0, true))
                .join().publications())).containsExactly(6L, 5L, 4L);
        assertThat(history.read(NEWS, FIVE, new HistoryQuery(null, 1000, false)).join().publications())
                .as("a limit over historySize is clamped").hasSize(5);
        assertThat(history.read(NEWS, FIVE, new HistoryQuery(new StreamPosition(5, "E0"), 0, false))
                .join().publications()).as("offsets of another epoch mean nothing").isEmpty();
    }

    @Test
    void recoveryAtTheOldestKeptBoundary() {
        publish(1, 8);
        assertThat(offsets(history.recover(NEWS, FIVE, new StreamPosition(3, "E1")).join().publications()))
                .containsExactly(4L, 5L, 6L, 7L, 8L);
        assertThat(history.recover(NEWS, FIVE, new StreamPosition(2, "E1")).join().recovered()).isFalse();
        assertThat(history.recover(NEWS, FIVE, new StreamPosition(8, "E1")).join().recovered()).isTrue();
    }

    @Test
    void historyExpiresTtlAfterTheLastPublishAndOffsetsRestartInANewEpoch() {
        publish(1, 3);
        clock.addAndGet(59_999);
        assertThat(history.recover(NEWS, FIVE, new StreamPosition(1, "E1")).join().recovered()).isTrue();
        publish(4, 4);
        clock.addAndGet(59_999);
        assertThat(history.position(NEWS, FIVE).join()).as("the ttl runs from the last publish")
                .isEqualTo(new StreamPosition(4, "E1"));
        clock.addAndGet(1);
        Recovery r = history.recover(NEWS, FIVE, new StreamPosition(4, "E1")).join();
        assertThat(r.recovered()).isFalse();
        assertThat(r.position()).isEqualTo(new StreamPosition(0, "E2"));
        assertThat(history.append(pub(NEWS, 5), FIVE).join()).isEqualTo(new StreamPosition(1, "E2"));
    }

    @Test
    void theSweeperFreesExpiredChannelsOnly() {
        publish(1, 1);
        history.position(new io.qrpush.server.core.ChannelKey("app", "news:2"), FIVE).join();
        clock.addAndGet(30_000);
        publish(2, 2);
        clock.addAndGet(30_000);
        assertThat(history.sweep()).isEqualTo(1);
        assertThat(history.channels()).isEqualTo(1);
        assertThat(history.position(NEWS, FIVE).join()).isEqualTo(new StreamPosition(2, "E1"));
        clock.addAndGet(60_000);
        assertThat(history.sweep()).isEqualTo(1);
        assertThat(history.channels()).isZero();
    }

    @Test
    void concurrentAppendsAreDeliveredInOffsetOrderWithoutGaps() throws Exception {
        List<Long> order = new ArrayList<>();
        MemoryHistory shared = new MemoryHistory((e, epoch) -> order.add(e.offset()));
        NamespaceSettings ns = keeping(100, Duration.ofSeconds(60));
        int threads = 4;
        int each = 2_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < each; i++) {
                    shared.append(pub(NEWS, i), ns).join();
                }
            });
            th.start();
            started.add(th);
        }
        go.countDown();
        for (Thread th : started) {
            th.join();
        }
        assertThat(order).hasSize(threads * each);
        for (int i = 0; i < order.size(); i++) {
            assertThat(order.get(i)).isEqualTo(i + 1L);
        }
        assertThat(offsets(shared.read(NEWS, ns, HistoryQuery.all()).join().publications()))
                .first().isEqualTo(threads * each - 99L);
    }
}
