package io.qrpush.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HubTest {
    private static final ChannelKey NEWS_A = new ChannelKey("a", "news");
    private static final ChannelKey NEWS_B = new ChannelKey("b", "news");

    /** A distinct subscriber each call (a non-capturing lambda would be one shared instance). */
    private static Subscriber sub() {
        return new Subscriber() {
            @Override
            public Executor executor() {
                return Runnable::run;
            }

            @Override
            public void deliver(byte[] frame) {
            }
        };
    }

    @Test
    void firstAndLastSubscribersAreReported() {
        Hub hub = new Hub();
        Subscriber s1 = sub();
        Subscriber s2 = sub();
        assertThat(hub.add(NEWS_A, s1)).isTrue();
        assertThat(hub.add(NEWS_A, s2)).isFalse();
        assertThat(hub.add(NEWS_A, s2)).as("adding twice changes nothing").isFalse();
        assertThat(hub.count(NEWS_A)).isEqualTo(2);
        assertThat(hub.subscriptions()).isEqualTo(2);
        assertThat(hub.remove(NEWS_A, s1)).isFalse();
        assertThat(hub.remove(NEWS_A, s1)).as("removing twice changes nothing").isFalse();
        assertThat(hub.remove(NEWS_A, s2)).isTrue();
        assertThat(hub.channels()).isZero();
        assertThat(hub.subscriptions()).isZero();
    }

    @Test
    void appsWithTheSameChannelNameNeverMeet() {
        Hub hub = new Hub();
        Subscriber a = sub();
        Subscriber b = sub();
        hub.add(NEWS_A, a);
        hub.add(NEWS_B, b);
        assertThat(hub.subscribers(NEWS_A)).containsExactly(a);
        assertThat(hub.subscribers(NEWS_B)).containsExactly(b);
    }

    @Test
    void aSnapshotIsNotChangedByLaterSubscribes() {
        Hub hub = new Hub();
        Subscriber s1 = sub();
        hub.add(NEWS_A, s1);
        Subscriber[] before = hub.subscribers(NEWS_A);
        hub.add(NEWS_A, sub());
        hub.remove(NEWS_A, s1);
        assertThat(before).containsExactly(s1);
    }

    @Test
    void concurrentSubscribesAndUnsubscribesKeepExactCounts() throws Exception {
        Hub hub = new Hub();
        int threads = 4;
        int perThread = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch done = new CountDownLatch(threads);
        List<List<Subscriber>> kept = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Subscriber> mine = new ArrayList<>();
            kept.add(mine);
            pool.execute(() -> {
                for (int i = 0; i < perThread; i++) {
                    Subscriber s = sub();
                    ChannelKey ch = new ChannelKey("a", "c" + (i % 50));
                    hub.add(ch, s);
                    if (i % 2 == 0) {
                        hub.remove(ch, s);
                    } else {
                        mine.add(s);
                    }
                }
                done.countDown();
            });
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        pool.shutdown();
        assertThat(hub.subscriptions()).isEqualTo((long) threads * perThread / 2);
        int total = 0;
        for (int c = 0; c < 50; c++) {
            total += hub.count(new ChannelKey("a", "c" + c));
        }
        assertThat(total).isEqualTo(threads * perThread / 2);
    }
}
