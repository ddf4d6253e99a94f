package io.qrpush.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemoryOnceStoreTest {
    private static final Duration SLOT = Duration.ofSeconds(10);
    private static final Duration TTL = Duration.ofSeconds(60);

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final MemoryOnceStore store = new MemoryOnceStore(now::get, SLOT);

    private boolean first(String key) {
        return store.firstUse(key, TTL).join();
    }

    @Test
    void theFirstUseIsNewAndEveryLaterOneIsNot() {
        assertThat(first("app\0news\0g1")).isTrue();
        assertThat(first("app\0news\0g1")).isFalse();
        assertThat(first("app\0news\0g1")).isFalse();
        assertThat(first("app\0news\0g2")).isTrue();
        assertThat(first("app\0sport\0g1")).as("another channel, same guid").isTrue();
    }

    @Test
    void aKeyIsRememberedForItsWholeTtlAndForgottenWithinOneSlotAfter() {
        assertThat(first("k")).isTrue();
        now.addAndGet(TTL.toMillis() - 1);
        assertThat(first("k")).as("just before the ttl ends").isFalse();
        now.addAndGet(SLOT.toMillis() + 1);
        assertThat(first("k")).as("a slot after the ttl").isTrue();
    }

    @Test
    void forgetMakesAKeyNewAgain() {
        assertThat(first("k")).isTrue();
        store.forget("k").join();
        assertThat(first("k")).isTrue();
        assertThat(first("k")).isFalse();
    }

    /** Dropped slots' tables are reused: a reused one must not remember the keys it held before. */
    @Test
    void theSameKeysAreNewOnceInEveryWindowAsSlotsAreReused() {
        for (int window = 0; window < 5; window++) {
            for (int i = 0; i < 3_000; i++) {
                assertThat(first("guid-" + i)).as("window %d, key %d", window, i).isTrue();
            }
            for (int i = 0; i < 3_000; i += 7) {
                assertThat(first("guid-" + i)).as("window %d, key %d again", window, i).isFalse();
            }
            now.addAndGet(TTL.toMillis() + SLOT.toMillis());
            store.expire();
        }
    }

    @Test
    void expiredSlotsAreDroppedWhole() {
        for (int i = 0; i < 10_000; i++) {
            first("guid-" + i);
        }
        assertThat(store.size()).isEqualTo(10_000);
        now.addAndGet(TTL.toMillis() + SLOT.toMillis());
        store.expire();
        assertThat(store.size()).isZero();
    }

    @Test
    void aPublishAllocatesNoAnswer() {
        assertThat(store.firstUse("a", TTL)).isSameAs(store.firstUse("b", TTL)).isDone();
        assertThat(store.firstUse("a", TTL)).isSameAs(store.firstUse("b", TTL));
    }

    @Test
    void keysOfDifferentTtlsExpireOnTheirOwn() {
        assertThat(store.firstUse("short", Duration.ofSeconds(5)).join()).isTrue();
        assertThat(store.firstUse("long", Duration.ofSeconds(600)).join()).isTrue();
        now.addAndGet(Duration.ofSeconds(30).toMillis());
        assertThat(store.firstUse("short", Duration.ofSeconds(5)).join()).isTrue();
        assertThat(store.firstUse("long", Duration.ofSeconds(600)).join()).isFalse();
    }

    @Test
    void aMillionDistinctKeysAreAllNew() {
        for (int i = 0; i < 1_000_000; i++) {
            assertThat(first("app\0news\0" + i)).isTrue();
        }
        assertThat(store.size()).isEqualTo(1_000_000);
    }

    @Test
    void racingThreadsGetExactlyOneFirstUsePerKey() throws Exception {
        int threads = 4;
        int keys = 20_000;
        AtomicInteger firsts = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> racers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread racer = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int k = 0; k < keys; k++) {
                    if (first("key-" + k)) {
                        firsts.incrementAndGet();
                    }
                }
            });
            racer.start();
            racers.add(racer);
        }
        go.countDown();
        for (Thread racer : racers) {
            racer.join();
        }
        assertThat(firsts.get()).isEqualTo(keys);
    }

    @Test
    void theHashDependsOnTheSeedAndOnEveryCharacter() {
        assertThat(MemoryOnceStore.hash("abc", 1)).isNotEqualTo(MemoryOnceStore.hash("abc", 2));
        assertThat(MemoryOnceStore.hash("abc", 1)).isNotEqualTo(MemoryOnceStore.hash("abd", 1));
        assertThat(MemoryOnceStore.hash("abc", 1)).isNotEqualTo(MemoryOnceStore.hash("abc\0", 1));
    }
}
