package io.qrpush.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.protocol.ClientFrame;
import io.qrpush.protocol.ServerFrame;
import io.qrpush.protocol.policy.BackoffClass;
import io.qrpush.protocol.policy.ErrorAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * The channels the caller wants, with their tokens: the server forgets a connection's
 * subscriptions when it closes, so all of them are sent again after every reconnect. A
 * {@code subscribe} future completes with the first successful reply, on whichever connection.
 * Each subscription keeps its {@link Position} and recovers from it on every resubscribe.
 * Confined to the client's event thread.
 */
final class Subscriptions {

    interface Hooks {
        /** Sends a subscribe request on the current connection; {@code recover} may be null. */
        CompletableFuture<ServerFrame.Reply> send(String channel, String token, ClientFrame.Recover recover);

        /** Hands messages to the app, in this order. */
        void deliver(List<Message> messages);

        /** A resubscribe stated a loss it cannot repair. */
        void recoveryFailed(RecoveryFailure failure);

        /** A failure that no future reports (a resubscribe, a retry) still has to reach the app. */
        void error(QrPushException e, String channel);

        /** Runs {@code task} on the event thread after a retry wait of the given class. */
        Future<?> retryLater(Runnable task, BackoffClass backoff);
    }

    private static final class Sub {
        String token;
        List<CompletableFuture<SubscribeResult>> waiters = new ArrayList<>();
        boolean done;
        Future<?> retry;
        final Position position = new Position();
    }

    private final Hooks hooks;
    private final Map<String, Sub> subs = new LinkedHashMap<>();

    Subscriptions(Hooks hooks) {
        this.hooks = hooks;
    }

    CompletableFuture<SubscribeResult> add(String channel, String token, boolean connected) {
        Sub sub = subs.computeIfAbsent(channel, c -> new Sub());
        if (token != null) {
            sub.token = token;
        }
        CompletableFuture<SubscribeResult> f = new CompletableFuture<>();
        sub.waiters.add(f);
        if (connected) {
            send(channel, sub);
        }
        return f;
    }

    /** Forgets the channel; its waiting subscribe calls fail with {@code err}. */
    void remove(String channel, QrPushException err) {
        Sub sub = subs.remove(channel);
        if (sub != null) {
            fail(sub, err);
        }
    }

    /** A live message: what to deliver now (it may be held while its channel recovers, or be a repeat). */
    List<Message> message(Message m) {
        Sub sub = subs.get(m.channel());
        return sub == null ? List.of(m) : sub.position.live(m);
    }

    /** After authorize: ask for every channel again. */
    void resubscribeAll() {
        new LinkedHashMap<>(subs).forEach((channel, sub) -> send(channel, sub));
    }

    /** The connection is gone: pending 5xx retries wait for the next one. */
    void pause() {
        subs.values().forEach(s -> {
            cancelRetry(s);
            s.position.abandon();
        });
    }

    /** Nobody will connect again by itself: fail every waiting subscribe (the wishes stay). */
    void failWaiting(QrPushException err) {
        subs.values().forEach(s -> fail(s, err));
    }

    private static void cancelRetry(Sub sub) {
        if (sub.retry != null) {
            sub.retry.cancel(false);
            sub.retry = null;
        }
    }

    private static int fail(Sub sub, QrPushException err) {
        cancelRetry(sub);
        List<CompletableFuture<SubscribeResult>> waiters = sub.waiters;
        sub.waiters = new ArrayList<>();
        waiters.forEach(w -> w.completeExceptionally(err));
        return waiters.size();
    }

    private void send(String channel, Sub sub) {
        cancelRetry(sub);
        hooks.send(channel, sub.token, sub.position.recover()).whenComplete((reply, err) -> {
            if (subs.get(channel) != sub) {
                return; // unsubscribed meanwhile
            }
            if (err == null) {
                subscribed(channel, sub, reply.body());
                return;
            }
            sub.position.abandon();
            Throwable cause = RetryPolicy.unwrap(err);
            QrPushException e = cause instanceof QrPushException ? (QrPushException) cause
                    : new QrPushException(0, "internal", String.valueOf(cause), cause, 1);
            if (QrPushException.DISCONNECTED.equals(e.error())) {
                return; // sent again after the reconnect
            }
            int told;
            if (ErrorAction.of(e.error(), e.status()).retriesSubscribe()) {
                // Server trouble or a request budget that refills (docs/protocol.md, "Client
                // behaviour"): ask again later; the waiters keep waiting.
                sub.retry = hooks.retryLater(() -> send(channel, sub), ErrorAction.backoffOf(e.error()));
                told = 0;
            } else {
                subs.remove(channel); // refused: asking again cannot help
                told = fail(sub, e);
            }
            if (told == 0) {
                hooks.error(e, channel);
            }
        });
    }

    private void subscribed(String channel, Sub sub, JsonNode body) {
        Position.Settled settled = sub.position.settle(channel, body);
        hooks.deliver(settled.deliver());
        boolean again = sub.done;
        sub.done = true;
        String epoch = Json.text(body, "epoch");
        StreamPosition latest = epoch == null ? null : new StreamPosition(body.path("offset").asLong(), epoch);
        SubscribeResult r = new SubscribeResult(channel, body.get("state"), again, latest, settled.recovered());
        List<CompletableFuture<SubscribeResult>> waiters = sub.waiters;
        sub.waiters = new ArrayList<>();
        waiters.forEach(w -> w.complete(r));
        if (Boolean.FALSE.equals(settled.recovered())) {
            hooks.recoveryFailed(new RecoveryFailure(channel, latest));
        }
    }
}
