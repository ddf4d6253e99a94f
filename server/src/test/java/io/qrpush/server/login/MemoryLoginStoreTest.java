package io.qrpush.server.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MemoryLoginStoreTest {
    private final MemoryLoginStore store = new MemoryLoginStore();
    private final LoginSession s = LoginSession.waiting("k", "app", new PcClient("ip", "ua", null, 1), 100);

    @Test
    void createFindAndSize() {
        assertThat(store.find("k").join()).isNull();
        store.create(s).join();
        assertThat(store.find("k").join()).isEqualTo(s);
        assertThat(store.size()).isEqualTo(1);
        assertThatThrownBy(() -> store.create(s).join()).hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void compareAndSetNeedsTheCurrentVersion() {
        store.create(s).join();
        LoginSession next = s.scanned(new LoginUser("u", null, null), 2, 50);
        assertThat(store.compareAndSet(s, next).join()).isTrue();
        assertThat(store.compareAndSet(s, s.scanned(new LoginUser("v", null, null), 3, 50)).join())
                .as("stale expectation").isFalse();
        assertThat(store.find("k").join().user().id()).isEqualTo("u");
        assertThatThrownBy(() -> store.compareAndSet(LoginSession.waiting("other", "app", s.client(), 1), s))
                .as("a session keeps its key").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void compareAndSetOnAnUnknownKeyFails() {
        LoginSession ghost = LoginSession.waiting("ghost", "app", s.client(), 1);
        assertThat(store.compareAndSet(ghost, ghost.scanned(new LoginUser("u", null, null), 2, 3)).join()).isFalse();
        assertThat(store.size()).isZero();
    }

    @Test
    void removeNeedsTheCurrentVersion() {
        store.create(s).join();
        LoginSession next = s.ended(LoginStatus.REVOKED, 10, null);
        store.compareAndSet(s, next).join();
        assertThat(store.remove(s).join()).isFalse();
        assertThat(store.remove(next).join()).isTrue();
        assertThat(store.size()).isZero();
    }

    @Test
    void aSessionThatIsOverReadsBackAsItWasStored() {
        store.create(s).join();
        LoginSession scanned = s.scanned(new LoginUser("u", "Ünïcode \"name\"", "https://a.example/a.png"), 2, 50);
        LoginSession confirmed = scanned.confirmed("seed", Tickets.hash("k.secret"), 3, 70);
        LoginSession redeemed = confirmed.redeemed();
        store.compareAndSet(s, scanned).join();
        store.compareAndSet(scanned, confirmed).join();
        assertThat(store.find("k").join()).isEqualTo(confirmed);
        assertThat(store.compareAndSet(confirmed, redeemed).join()).isTrue();
        assertThat(store.find("k").join()).isEqualTo(redeemed);
        assertThat(store.compareAndSet(confirmed, redeemed.ended(LoginStatus.EXPIRED, 80, null)).join())
                .as("the version is checked on a stored encoding too").isFalse();
        LoginSession cancelled = redeemed.ended(LoginStatus.CANCELLED, 90, null);
        assertThat(store.compareAndSet(redeemed, cancelled).join()).isTrue();
        assertThat(store.find("k").join()).isEqualTo(cancelled);
    }

    @Test
    void exactlyOneOfManyConcurrentWritersWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            for (int round = 0; round < 50; round++) {
                MemoryLoginStore st = new MemoryLoginStore();
                st.create(s).join();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 32; i++) {
                    LoginSession mine = s.scanned(new LoginUser("u" + i, null, null), 2, 50);
                    results.add(pool.submit(() -> {
                        go.await();
                        return st.compareAndSet(s, mine).join();
                    }));
                }
                go.countDown();
                int wins = 0;
                for (Future<Boolean> f : results) {
                    wins += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(wins).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
