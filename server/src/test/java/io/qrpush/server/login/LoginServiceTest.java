package io.qrpush.server.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.ProtocolException;
import io.qrpush.protocol.token.OtpClaims;
import io.qrpush.server.config.AppConfig;
import io.qrpush.server.config.QrpushConfig;
import io.qrpush.server.core.Apps;
import io.qrpush.server.core.Identity;
import io.qrpush.server.core.Node;
import io.qrpush.server.core.Scheduler;
import io.qrpush.server.metrics.ServerMetrics;
import io.qrpush.server.transport.WheelScheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The service's compare-and-set loop: a writer that loses a race is judged against the winner. */
class LoginServiceTest {
    private static final AppConfig APP = new AppConfig("app", "secret-0123456789abcdef", "apikey-0123456789abcdef",
            List.of("https://a.example"), "https://a.example/qr?k={key}", false, false);

    private static final String PHONE_IP = "192.0.2.7";
    private static final QrpushConfig CONFIG = QrpushConfig.of(List.of(APP));

    private final ServerMetrics metrics = new ServerMetrics();
    private final List<LoginService> services = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();

    @AfterEach
    void close() {
        services.forEach(LoginService::close);
        nodes.forEach(Node::close);
    }

    /** A login service on a node of its own, as the server wires it. */
    private LoginService service(LoginStore store) {
        Apps apps = new Apps(CONFIG.apps());
        Scheduler timers = new WheelScheduler("test-login-timer");
        LoginService s = new LoginService(CONFIG.login(), store, apps, metrics, Clock.systemUTC(), timers);
        services.add(s);
        nodes.add(Node.inMemory(CONFIG.limits(), apps, metrics, Clock.systemUTC(),
                new LoginFeature(s, timers, CONFIG.login().pcGrace())));
        return s;
    }

    private static LoginUser phone(String user) {
        return LoginUser.of(new Identity(user, new OtpClaims(user, Long.MAX_VALUE, "jti-" + user, user + " name", null,
                List.of("login:*"))));
    }

    private static ObjectNode action(String a) {
        return JsonNodeFactory.instance.objectNode().put("action", a);
    }

    private static ErrorWord refusal(CompletableFuture<?> f) {
        try {
            f.join();
            return null;
        } catch (RuntimeException e) {
            return ((ProtocolException) e.getCause()).word();
        }
    }

    @Test
    void aScanThatLosesTheRaceIsLockedAgainstTheWinner() {
        InterleavingStore store = new InterleavingStore(new MemoryLoginStore());
        LoginService login = service(store);
        LoginSession s = login.create(APP, new PcClient("ip", "ua", null, 1)).join();
        CompletableFuture<?>[] bob = new CompletableFuture<?>[1];
        // Bob's whole scan lands between Alice's read and Alice's write.
        store.beforeFirstWrite(() -> bob[0] = login.act(APP, s.channel(), action("scan"), phone("bob"), PHONE_IP));
        CompletableFuture<ObjectNode> alice = login.act(APP, s.channel(), action("scan"), phone("alice"), PHONE_IP);

        assertThat(refusal(bob[0])).isNull();
        assertThat(refusal(alice)).isEqualTo(ErrorWord.LOCKED);
        assertThat(login.find(s.key()).join().user().id()).isEqualTo("bob");
        assertThat(store.writes).as("only the winner wrote").isEqualTo(1);
        assertThat(metrics.scrape()).contains("qrpush_login_rejected_total{action=\"scan\",reason=\"locked\"} 1.0");
    }

    @Test
    void aRedemptionThatLosesTheRaceIsGone() {
        InterleavingStore store = new InterleavingStore(new MemoryLoginStore());
        LoginService login = service(store);
        LoginSession s = login.create(APP, new PcClient("ip", "ua", null, 1)).join();
        login.act(APP, s.channel(), action("scan"), phone("alice"), PHONE_IP).join();
        login.act(APP, s.channel(), action("confirm"), phone("alice"), PHONE_IP).join();
        String ticket = ticketOf(login, s);
        CompletableFuture<?>[] first = new CompletableFuture<?>[1];
        store.beforeFirstWrite(() -> first[0] = login.redeem(APP, ticket));
        CompletableFuture<LoginSession> second = login.redeem(APP, ticket);
        assertThat(refusal(first[0])).isNull();
        assertThat(refusal(second)).isEqualTo(ErrorWord.GONE);
    }

    @Test
    void fiftyConcurrentScannersHaveOneWinner() throws Exception {
        LoginService login = service(new MemoryLoginStore());
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            for (int round = 0; round < 20; round++) {
                LoginSession s = login.create(APP, new PcClient("ip", "ua", null, 1)).join();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<ErrorWord>> results = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    LoginUser who = phone("u" + round + "-" + i); // fresh users: within their scan budget
                    results.add(pool.submit(() -> {
                        go.await();
                        return refusal(login.act(APP, s.channel(), action("scan"), who, PHONE_IP));
                    }));
                }
                go.countDown();
                int wins = 0;
                for (Future<ErrorWord> r : results) {
                    ErrorWord w = r.get(10, TimeUnit.SECONDS);
                    if (w == null) {
                        wins++;
                    } else {
                        assertThat(w).isEqualTo(ErrorWord.LOCKED);
                    }
                }
                assertThat(wins).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSessionHoldsOneTimerWhateverItsVersion() {
        LoginService login = service(new MemoryLoginStore());
        LoginSession s = login.create(APP, new PcClient("ip", "ua", null, 1)).join();
        login.act(APP, s.channel(), action("scan"), phone("alice"), PHONE_IP).join();
        login.act(APP, s.channel(), action("scan"), phone("alice"), PHONE_IP).join();
        login.act(APP, s.channel(), action("confirm"), phone("alice"), PHONE_IP).join();
        login.redeem(APP, ticketOf(login, s)).join();
        assertThat(login.find(s.key()).join().version()).as("four writes").isEqualTo(4);
        // Cancelled timeouts leave the wheel on its next tick (20 ms).
        await().atMost(Duration.ofSeconds(5)).until(() -> login.pendingTimers() == 1);
    }

    @Test
    void aRedeemedSessionKeepsOnlyWhatItStillAnswersWith() {
        LoginService login = service(new MemoryLoginStore());
        PcClient pc = new PcClient("10.0.0.1", "ua", "https://a.example", 1);
        LoginSession s = login.create(APP, pc).join();
        login.act(APP, s.channel(), action("scan"), phone("alice"), PHONE_IP).join();
        login.act(APP, s.channel(), action("confirm"), phone("alice"), PHONE_IP).join();
        LoginSession answered = login.redeem(APP, ticketOf(login, s)).join();
        assertThat(answered.client()).as("the backend learns where the PC was").isEqualTo(pc);
        assertThat(answered.user().id()).isEqualTo("alice");

        LoginSession kept = login.find(s.key()).join();
        assertThat(kept.ticketRedeemed()).isTrue();
        assertThat(kept.client()).isNull();
        assertThat(kept.ticketSeed()).isNull();
        assertThat(kept.ticketHash()).isNull();
        assertThat(login.state(APP, s.channel()).join().toString())
                .isEqualTo("{\"status\":\"confirmed\",\"user\":{\"id\":\"alice\",\"name\":\"alice name\"}}");
        assertThat(refusal(login.act(APP, s.channel(), action("cancel"), phone("alice"), PHONE_IP)))
                .isEqualTo(ErrorWord.GONE);
    }

    @Test
    void actionsAreCheckedBeforeTheStore() {
        LoginService login = service(new MemoryLoginStore());
        LoginSession s = login.create(APP, new PcClient("ip", "ua", null, 1)).join();
        assertThat(refusal(login.act(APP, s.channel(), action("steal"), phone("a"), PHONE_IP)))
                .isEqualTo(ErrorWord.BAD_REQUEST);
        assertThat(refusal(login.act(APP, s.channel(), JsonNodeFactory.instance.textNode("scan"), phone("a"),
                PHONE_IP)))
                .isEqualTo(ErrorWord.BAD_REQUEST);
        assertThat(refusal(login.act(APP, "login:nope", action("scan"), phone("a"), PHONE_IP)))
                .isEqualTo(ErrorWord.NOT_FOUND);
        JsonNode state = login.state(APP, "login:nope").join();
        assertThat(state.path("status").asText()).as("a freed session reads as expired").isEqualTo("expired");
        assertThat(login.state(APP, s.channel()).join().path("status").asText()).isEqualTo("waiting");
    }

    /** Runs a hook once, just before the first compare-and-set reaches the real store. */
    private static final class InterleavingStore implements LoginStore {
        private final LoginStore inner;
        private final AtomicBoolean hooked = new AtomicBoolean();
        private Runnable hook;
        int writes;

        InterleavingStore(LoginStore inner) {
            this.inner = inner;
        }

        void beforeFirstWrite(Runnable r) {
            hook = r;
        }

        @Override
        public CompletableFuture<Void> create(LoginSession session) {
            return inner.create(session);
        }

        @Override
        public CompletableFuture<LoginSession> find(String key) {
            return inner.find(key);
        }

        @Override
        public CompletableFuture<Boolean> compareAndSet(LoginSession expected, LoginSession next) {
            if (hook != null && hooked.compareAndSet(false, true)) {
                hook.run();
            }
            CompletableFuture<Boolean> r = inner.compareAndSet(expected, next);
            if (r.join()) {
                writes++;
            }
            return r;
        }

        @Override
        public CompletableFuture<Boolean> remove(LoginSession expected) {
            return inner.remove(expected);
        }

        @Override
        public CompletableFuture<ScanCount> countScan(String appkey, String userId, long now, int perMinute) {
            return inner.countScan(appkey, userId, now, perMinute);
        }

        @Override
        public long size() {
            return inner.size();
        }
    }

    /** The ticket as the PC learns it: from the state of its subscribe reply. */
    private static String ticketOf(LoginService login, LoginSession s) {
        return login.state(APP, s.channel()).join().path("ticket").asText();
    }
}
