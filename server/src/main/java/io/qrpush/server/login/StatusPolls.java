package io.qrpush.server.login;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.ProtocolException;
import io.qrpush.protocol.login.LoginStatuses;
import io.qrpush.server.config.AppConfig;
import io.qrpush.server.core.ChannelKey;
import io.qrpush.server.core.FeatureHost;
import io.qrpush.server.core.Scheduler;
import io.qrpush.server.core.Subscriber;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Long-polls of a login session's state (docs/protocol.md section 4, "Login status by long-poll").
 * A parked poll holds no thread: it listens on the session's login channel like a subscriber, so
 * the events of every node reach it through the broker, and has one timer for its {@code wait}.
 * Any event makes it read the state again from the store; it answers once the status differs from
 * what the client last saw, or with the state as it is when the wait is over. At most
 * {@code maxParked} wait at once on a node: each holds a connection, so the node's connection limit
 * is the natural bound.
 */
final class StatusPolls {
    /** Deliveries only trigger a read of the store, which does not block: the delivering thread is fine. */
    private static final Executor DIRECT = Runnable::run;

    private final FeatureHost host;
    private final Scheduler scheduler;
    private final LoginService login;
    private final int maxParked;
    private final AtomicInteger parked = new AtomicInteger();

    StatusPolls(FeatureHost host, Scheduler scheduler, LoginService login, int maxParked) {
        this.host = host;
        this.scheduler = scheduler;
        this.login = login;
        this.maxParked = maxParked;
    }

    /**
     * The session's state as soon as its status is not {@code since} (at once when {@code since}
     * is null), or as it is when {@code wait} is over; 503 {@code unavailable} when too many wait.
     */
    CompletableFuture<ObjectNode> await(AppConfig app, String channel, String since, Duration wait) {
        if (since == null || wait.isZero()) {
            return login.state(app, channel);
        }
        if (parked.incrementAndGet() > maxParked) {
            parked.decrementAndGet();
            return CompletableFuture.failedFuture(new ProtocolException(ErrorWord.UNAVAILABLE,
                    "too many status polls wait on this server; retry shortly"));
        }
        Poll poll = new Poll(app, new ChannelKey(app.appkey(), channel), since);
        try {
            poll.timer = scheduler.schedule(poll::timeUp, wait);
        } catch (IllegalStateException | RejectedExecutionException stopping) {
            poll.finish(null, new ProtocolException(ErrorWord.UNAVAILABLE, "this server is stopping; retry"));
            return poll.answer;
        }
        host.listen(poll.channel, poll).whenComplete((ok, err) -> {
            if (err != null) {
                poll.finish(null, err);
            } else if (poll.done.get()) {
                host.unlisten(poll.channel, poll); // a short wait ran out before the listening began
            } else {
                poll.check(); // after listening: an event from now on is not missed, and nothing before is either
            }
        });
        return poll.answer;
    }

    /** Polls waiting now. */
    int parked() {
        return parked.get();
    }

    /** One parked poll: a listener on its channel until it answers. */
    private final class Poll implements Subscriber {
        final CompletableFuture<ObjectNode> answer = new CompletableFuture<>();
        final ChannelKey channel;
        private final AppConfig app;
        private final String since;
        final AtomicBoolean done = new AtomicBoolean();
        volatile Scheduler.Task timer;

        Poll(AppConfig app, ChannelKey channel, String since) {
            this.app = app;
            this.channel = channel;
            this.since = since;
        }

        @Override
        public Executor executor() {
            return DIRECT;
        }

        /** An event on the channel: its content is not needed, the stored state is the truth. */
        @Override
        public void deliver(byte[] frame) {
            check();
        }

        void check() {
            login.state(app, channel.channel()).whenComplete((state, err) -> {
                if (err != null || !since.equals(state.path(LoginStatuses.FIELD).asText())) {
                    finish(state, err);
                }
            });
        }

        void timeUp() {
            login.state(app, channel.channel()).whenComplete(this::finish);
        }

        void finish(ObjectNode state, Throwable err) {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            host.unlisten(channel, this);
            Scheduler.Task t = timer;
            if (t != null) {
                t.cancel();
            }
            parked.decrementAndGet();
            if (err != null) {
                answer.completeExceptionally(err);
            } else {
                answer.complete(state);
            }
        }
    }
}
