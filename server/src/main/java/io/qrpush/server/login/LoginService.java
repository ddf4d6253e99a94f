package io.qrpush.server.login;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.protocol.Channels;
import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.ProtocolException;
import io.qrpush.protocol.RandomIds;
import io.qrpush.protocol.token.SubscriptionTokens;
import io.qrpush.server.config.AppConfig;
import io.qrpush.server.config.LoginSettings;
import io.qrpush.server.core.Apps;
import io.qrpush.server.core.ChannelKey;
import io.qrpush.server.core.FeatureHost;
import io.qrpush.server.core.Failures;
import io.qrpush.server.core.Scheduler;
import io.qrpush.server.metrics.ServerMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scan-to-login (docs/protocol.md section 4): creates sessions, applies phone actions (which
 * {@link LoginFeature} hands over from the {@code login:} channels), revocations, expiry and ticket redemption through the {@link LoginMachine} to the {@link LoginStore}, and
 * tells the PC what happened with server events. Every change is a compare-and-set retried
 * against the session that won, so the first scanner wins however many scan at once.
 *
 * <p>Timers cost no thread per session: a session has at most one task on the
 * {@link Scheduler}, at the {@code until} of the newest version this node wrote, and a
 * write cancels the timeout of the version it replaced: a superseded timeout left to run out
 * would keep its version of the session alive until its own {@code until}. A
 * timeout finding a version written elsewhere does nothing: the node that wrote it armed its own.
 */
public final class LoginService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoginService.class);
    /** Lost compare-and-sets in a row before giving up; a session has at most four transitions. */
    private static final int MAX_ATTEMPTS = 16;

    private final LoginStore store;
    private final LoginSettings settings;
    private final LoginMachine machine;
    private final Apps apps;
    private final ServerMetrics metrics;
    private final Clock clock;
    private final Scheduler scheduler;
    /** Each session's one armed timer on this node, by key. */
    private final ConcurrentHashMap<String, Armed> timers = new ConcurrentHashMap<>();
    private final LiveSessions live;
    private volatile FeatureHost host;

    /** A session's timer and the version it was armed for. */
    private record Armed(long version, Scheduler.Task task) {
    }

    /** @param scheduler the timers of sessions and of the {@code pcGrace} clock; closed with this service */
    public LoginService(LoginSettings settings, LoginStore store, Apps apps, ServerMetrics metrics, Clock clock,
                        Scheduler scheduler) {
        this.store = store;
        this.settings = settings;
        this.machine = new LoginMachine(settings, appkey -> apps.byAppkey(appkey).secret());
        this.apps = apps;
        this.metrics = metrics;
        this.clock = clock;
        this.scheduler = scheduler;
        this.live = new LiveSessions(settings.maxLiveSessions(), settings.maxLive().toMillis(), clock::millis);
        metrics.gauge("qrpush_login_sessions_stored", "Login sessions held by this node's store", store::size);
    }

    /** The node the login events are published through; from {@link LoginFeature#start}. */
    void publishThrough(FeatureHost node) {
        this.host = node;
    }

    /** Creates a waiting session for the app, recording where the PC is. */
    public CompletableFuture<LoginSession> create(AppConfig app, PcClient client) {
        LoginSession s = machine.create(RandomIds.random128(), app.appkey(), client,
                app.numberMatching() ? NumberMatch.draw() : null, now());
        return store.create(s).thenApply(ok -> {
            arm(s);
            live.opened(s);
            metrics.loginEvent("created");
            return s;
        });
    }

    /** Whether the app is under {@code login.maxLiveSessions} on this node. */
    public boolean admits(AppConfig app) {
        return live.admits(app.appkey());
    }

    /** The PC's subscription token: valid as long as the session can matter to it. */
    public String tokenFor(AppConfig app, LoginSession s) {
        return SubscriptionTokens.mint(app.secret(), s.channel(),
                Instant.ofEpochMilli(s.client().createdAt()).plus(settings.maxLife()));
    }

    /** The session, whichever app it belongs to (the caller checks); null when unknown. */
    public CompletableFuture<LoginSession> find(String key) {
        return store.find(key);
    }

    /**
     * A phone's action ({@code scan}, {@code confirm}, {@code cancel}, a confirm with its
     * {@code match}) on a login channel; completes with the reply's fields or fails with a
     * {@link ProtocolException}. A scan is first counted against the user's
     * {@code login.scansPerUserPerMinute}; its reply says where the PC is and how that looks.
     *
     * @param phoneIp the phone's address as {@link ClientIpResolver} found it; null when unknown
     *                (then the networks are not called the same)
     */
    CompletableFuture<ObjectNode> act(AppConfig app, String channel, JsonNode content, LoginUser by, String phoneIp) {
        LoginAction action = LoginAction.of(content);
        if (action == null) {
            metrics.loginRejected("unknown", ErrorWord.BAD_REQUEST.word());
            return refused(ErrorWord.BAD_REQUEST,
                    "content must be {\"action\":\"scan\"}, {\"action\":\"confirm\"} or {\"action\":\"cancel\"}");
        }
        String match = LoginAction.matchOf(content);
        Function<LoginSession, LoginMachine.Step> rule = s -> machine.act(s, action, match, by, now());
        CompletableFuture<ObjectNode> reply = action == LoginAction.SCAN ? scan(app, keyOf(channel), by, phoneIp, rule)
                : apply(app.appkey(), keyOf(channel), ErrorWord.NOT_FOUND, rule, 1)
                        .thenApply(s -> JsonNodeFactory.instance.objectNode().put("status", s.status().wire()));
        return reply.whenComplete((ok, err) -> {
            if (err != null) {
                metrics.loginRejected(action.wire(), wordOf(err));
            }
        });
    }

    /** A scan within the user's budget is applied and answered with the PC's details and risk. */
    private CompletableFuture<ObjectNode> scan(AppConfig app, String key, LoginUser by, String phoneIp,
                                               Function<LoginSession, LoginMachine.Step> rule) {
        return store.countScan(app.appkey(), by.id(), now(), settings.scansPerUserPerMinute()).thenCompose(count -> {
            if (!count.allowed()) {
                return refused(ErrorWord.RATE_LIMITED, "too many scans by this user in the last minute; the code "
                        + "stays valid for others");
            }
            return apply(app.appkey(), key, ErrorWord.NOT_FOUND, rule, 1).thenApply(s ->
                    LoginJson.scanReply(s, RiskSignals.of(s.client(), phoneIp, count.scansByUser())));
        });
    }

    /**
     * The session's state for a PC's subscribe reply. Its token proved the session was made for
     * this app and channel; gone from the store means it ended and was freed: expired, to the PC.
     */
    CompletableFuture<ObjectNode> state(AppConfig app, String channel) {
        return store.find(keyOf(channel)).thenApply(s -> s == null || !s.appkey().equals(app.appkey())
                ? LoginJson.forgottenState() : LoginJson.state(s, app, now()));
    }

    /** Revokes a live session of the app at once; a final one is left as it is. */
    public CompletableFuture<LoginSession> revoke(String appkey, String key) {
        return apply(appkey, key, ErrorWord.NOT_FOUND, s -> machine.revoke(s, now()), 1);
    }

    /**
     * Redeems a ticket for the app's backend; anything but a first, timely redemption is {@code gone}.
     * Completes with the session as it was when redeemed (the stored one has dropped the PC's details).
     */
    public CompletableFuture<LoginSession> redeem(AppConfig app, String ticket) {
        String key = LoginMachine.keyOfTicket(ticket);
        if (key == null) {
            return CompletableFuture.failedFuture(new ProtocolException(ErrorWord.GONE, "unknown, used or expired ticket"));
        }
        // The rule runs once per attempt; the last one it saw is the version the winning write replaced.
        AtomicReference<LoginSession> redeemed = new AtomicReference<>();
        return apply(app.appkey(), key, ErrorWord.GONE, s -> {
            redeemed.set(s);
            return machine.redeem(s, ticket, now());
        }, 1).thenApply(after -> redeemed.get());
    }

    /** Sessions in the store (live and final, not yet freed). */
    public long size() {
        return store.size();
    }

    /** Timers waiting: of sessions and grace clocks (a cancelled one may count until its time). */
    public long pendingTimers() {
        return scheduler.pending();
    }

    /**
     * Reads the session, asks the machine, and writes by compare-and-set; a lost race re-reads
     * and asks again, so the loser is judged against the winner's write.
     */
    private CompletableFuture<LoginSession> apply(String appkey, String key, ErrorWord unknown,
                                                  Function<LoginSession, LoginMachine.Step> rule, int attempt) {
        return store.find(key).thenCompose(s -> {
            if (s == null || !s.appkey().equals(appkey)) {
                return refused(unknown, unknown == ErrorWord.GONE ? "unknown, used or expired ticket"
                        : "unknown login session");
            }
            LoginMachine.Step step = rule.apply(s);
            if (!step.writes()) {
                return step.refused() ? refused(step.refusal(), step.reason()) : CompletableFuture.completedFuture(s);
            }
            return store.compareAndSet(s, step.next()).thenCompose(won -> {
                if (!won) {
                    if (attempt >= MAX_ATTEMPTS) {
                        return refused(ErrorWord.UNAVAILABLE, "the login session is changing too fast; retry");
                    }
                    return apply(appkey, key, unknown, rule, attempt + 1);
                }
                return committed(s, step.next()).thenCompose(x -> step.refused()
                        ? refused(step.refusal(), step.reason()) : CompletableFuture.completedFuture(step.next()));
            });
        });
    }

    /** After a write: arm the new version's timer, count it, and tell the PC when the status changed. */
    private CompletableFuture<Void> committed(LoginSession before, LoginSession after) {
        arm(after);
        if (!after.status().live()) {
            live.ended(after.key());
        }
        if (before.status() == after.status()) {
            return CompletableFuture.completedFuture(null);
        }
        metrics.loginEvent(after.status().wire());
        if (after.status() == LoginStatus.CONFIRMED) {
            metrics.loginScanToConfirm(after.confirmedAt() - after.scannedAt());
        }
        AppConfig app = apps.byAppkey(after.appkey());
        if (app == null) {
            return CompletableFuture.completedFuture(null);
        }
        // The change is stored: a PC that misses the event gets the state on resubscribe, so a
        // failed publish is logged, not turned into a failed action.
        return host.publish(new ChannelKey(after.appkey(), after.channel()), LoginJson.event(after, app))
                .handle((r, err) -> {
                    if (err != null) {
                        LOG.warn("login event {} not published: {}", after.status().wire(), err.toString());
                    }
                    return null;
                });
    }

    /**
     * Arms the session's timeout for this version, cancelling the one of the version it replaced.
     * An older version never replaces a newer one's timeout, whatever order two writers arm in.
     */
    private void arm(LoginSession s) {
        Duration delay = Duration.ofMillis(Math.max(0, s.until() - now()));
        // What the timer remembers of its session: the key and version, not the session itself.
        String key = s.key();
        long version = s.version();
        timers.compute(key, (k, armed) -> {
            if (armed != null && armed.version() > version) {
                return armed;
            }
            if (armed != null) {
                armed.task().cancel();
            }
            try {
                return new Armed(version, scheduler.schedule(() -> {
                    timers.computeIfPresent(key, (k2, now) -> now.version() == version ? null : now);
                    due(key, version);
                }, delay));
            } catch (IllegalStateException stopped) {
                return null; // Closing: nothing is left to expire.
            }
        });
    }

    /** A session's timer fired: expire it, free it, or sleep again if the wheel woke early. */
    private void due(String key, long version) {
        store.find(key).thenCompose(s -> {
            if (s == null || s.version() != version) {
                return CompletableFuture.completedFuture(null);
            }
            long now = now();
            if (s.freeable(now)) {
                return store.remove(s).thenApply(x -> null);
            }
            LoginMachine.Step step = machine.timeUp(s, now);
            if (!step.writes()) {
                arm(s);
                return CompletableFuture.completedFuture(null);
            }
            return store.compareAndSet(s, step.next()).thenCompose(won -> won ? committed(s, step.next())
                    : CompletableFuture.completedFuture(null));
        }).whenComplete((x, err) -> {
            if (err != null) {
                LOG.warn("login session timer failed: {}", err.toString());
            }
        });
    }

    /** No PC came back within {@code pcGrace}: the session is revoked. */
    void abandoned(ChannelKey channel) {
        revoke(channel.appkey(), keyOf(channel.channel())).whenComplete((s, err) -> {
            // Unknown or already final sessions need nothing; the reason is not worth a log line.
        });
    }

    private long now() {
        return clock.millis();
    }

    private static String keyOf(String channel) {
        return channel.substring(Channels.LOGIN_PREFIX.length());
    }

    private static <T> CompletableFuture<T> refused(ErrorWord word, String reason) {
        return CompletableFuture.failedFuture(new ProtocolException(word, reason));
    }

    private static String wordOf(Throwable err) {
        ProtocolException p = Failures.refusalOf(err);
        return p != null ? p.word().word() : ErrorWord.INTERNAL.word();
    }

    /** Stops the timers; pending expiries are dropped with the node. */
    @Override
    public void close() {
        scheduler.close();
        store.close();
    }
}
