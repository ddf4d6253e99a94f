package io.qrpush.server.it;

import static io.qrpush.server.it.TestServer.APP_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qrpush.server.config.AppConfig;
import io.qrpush.server.config.LoginSettings;
import io.qrpush.server.login.LoginService;
import io.qrpush.server.login.PcClient;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Expired sessions are freed: after 100,000 sessions are created and left to expire, the store
 * is empty, no timer is pending, and the heap is back near where it started.
 */
class LoginMemoryIT {
    private static final int SESSIONS = 100_000;
    private static final long MIB = 1024 * 1024;

    @Test
    void hundredThousandExpiredSessionsLeaveNothingBehind() throws Exception {
        // loginTtl leaves room for creating 100k sessions on a loaded 2-core machine before any expires.
        try (TestServer server = TestServer.start(c -> c.withLogin(new LoginSettings(Duration.ofSeconds(15),
                Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofSeconds(1))))) {
            LoginService login = server.server().login();
            AppConfig app = server.server().apps().byAppkey(APP_A);
            // Warm up the code paths once so class loading and JIT data count in the baseline.
            login.create(app, client(-1)).join();
            long baseline = settledHeap();

            List<CompletableFuture<?>> created = new ArrayList<>(SESSIONS);
            for (int i = 0; i < SESSIONS; i++) {
                created.add(login.create(app, client(i)));
            }
            CompletableFuture.allOf(created.toArray(new CompletableFuture<?>[0])).join();
            created.clear();
            long live = login.size();
            long peak = settledHeap();

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> login.size() == 0 && login.pendingTimers() == 0);
            long after = settledHeap();

            long perSession = (peak - baseline) / SESSIONS;
            System.out.printf("login memory: baseline %.1f MiB, %d live sessions %.1f MiB (%d bytes each), "
                            + "after expiry %.1f MiB (%+.1f MiB)%n", baseline / (double) MIB, live,
                    peak / (double) MIB, perSession, after / (double) MIB, (after - baseline) / (double) MIB);
            assertThat(live).as("all held at once (the warm-up one may have gone)").isBetween((long) SESSIONS,
                    SESSIONS + 1L);
            assertThat(peak - baseline).as("the sessions were really held").isGreaterThan(10 * MIB);
            assertThat(after - baseline).as("heap back near its baseline").isLessThan(8 * MIB);
            assertThat(server.server().metrics().scrape()).contains("qrpush_login_sessions_stored 0.0");
        }
    }

    /** Distinct strings per session, as real browsers' addresses and user agents would be. */
    private static PcClient client(int i) {
        return new PcClient("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255),
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0." + i,
                TestServer.ORIGIN_A, System.currentTimeMillis());
    }

    private static long settledHeap() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            memory.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
