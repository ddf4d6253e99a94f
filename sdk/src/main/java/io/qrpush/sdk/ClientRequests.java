package io.qrpush.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.protocol.Channels;
import io.qrpush.protocol.ClientFrame;
import io.qrpush.protocol.RandomIds;
import io.qrpush.protocol.RawJson;
import io.qrpush.protocol.ServerFrame;
import io.qrpush.protocol.policy.Backoff;
import io.qrpush.protocol.policy.BackoffClass;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The application's requests (subscribe, unsubscribe, publish, channel queries) and what must
 * survive reconnects: the wanted subscriptions with their history positions, the unanswered
 * publishes and the guids already delivered. Confined to the client's event thread.
 */
final class ClientRequests {
    private final Link link;
    private final Listeners listeners;
    private final ScheduledExecutorService loop;
    private final int maxFrameBytes;
    private final Outbox outbox;
    private final Subscriptions subs;
    private final GuidDedupe seen;
    private boolean closed;

    ClientRequests(ClientSettings s, Link link, Listeners listeners, ScheduledExecutorService loop, Backoff backoff) {
        this.link = link;
        this.listeners = listeners;
        this.loop = loop;
        this.maxFrameBytes = s.maxFrameBytes();
        this.seen = new GuidDedupe(s.dedupeSize());
        this.outbox = new Outbox((channel, content, guid, retried, receipt) -> link.request(
                id -> new ClientFrame.Publish(id, channel, RawJson.of(content), guid, retried, receipt)));
        this.subs = new Subscriptions(new Subscriptions.Hooks() {
            @Override
            public CompletableFuture<ServerFrame.Reply> send(String channel, String token, ClientFrame.Recover recover) {
                return link.request(id -> new ClientFrame.Subscribe(id, channel, token, recover));
            }

            @Override
            public void deliver(List<Message> messages) {
                messages.forEach(m -> ClientRequests.this.deliver(m, false));
            }

            @Override
            public void recoveryFailed(RecoveryFailure failure) {
                listeners.recoveryFailed(failure);
            }

            @Override
            public void error(QrPushException e, String channel) {
                listeners.error(e);
            }

            @Override
            public ScheduledFuture<?> retryLater(Runnable task, BackoffClass retry) {
                return loop.schedule(task, backoff.delayMillis(retry, 2), TimeUnit.MILLISECONDS);
            }
        });
    }

    CompletableFuture<SubscribeResult> subscribe(String channel, String token) {
        QrPushException refused = refuse(channel);
        return refused != null ? CompletableFuture.failedFuture(refused) : subs.add(channel, token, link.authorized());
    }

    CompletableFuture<Void> unsubscribe(String channel) {
        subs.remove(channel, new QrPushException(0, "unsubscribed", "unsubscribed from " + channel));
        seen.forget(channel);
        if (!link.authorized() || !Channels.isValid(channel)) {
            return CompletableFuture.completedFuture(null); // the server holds nothing for us
        }
        return link.request(id -> new ClientFrame.Unsubscribe(id, channel)).handle((r, err) -> {
            Throwable cause = err == null ? null : RetryPolicy.unwrap(err);
            if (cause == null || isDisconnected(cause)) {
                return null;
            }
            throw (QrPushException) cause;
        });
    }

    CompletableFuture<PublishResult> publish(String channel, JsonNode content, boolean receipt, String guid) {
        QrPushException refused = refuse(channel);
        if (refused != null) {
            return CompletableFuture.failedFuture(refused);
        }
        String g = guid != null ? guid : RandomIds.random128();
        // The server closes the whole connection (1009) on an oversized frame; refusing here keeps
        // such a frame from being retried into the same wall after every reconnect.
        int bytes = Json.CODEC.encode(new ClientFrame.Publish(link.nextId(), channel, RawJson.of(content), g, 1, receipt)).length;
        if (bytes > maxFrameBytes) {
            return CompletableFuture.failedFuture(new QrPushException(413, "too_large",
                    "a publish frame of " + bytes + " bytes is over maxFrameBytes " + maxFrameBytes));
        }
        return outbox.add(channel, content, g, receipt, link.authorized());
    }

    /** One publish on the current connection, never retried (login actions are not deduped). */
    CompletableFuture<ObjectNode> publishOnce(String channel, JsonNode content) {
        QrPushException refused = refuse(channel);
        return refused != null ? CompletableFuture.failedFuture(refused)
                : link.request(id -> new ClientFrame.Publish(id, channel, RawJson.of(content), null, 0, false))
                .thenApply(ServerFrame.Reply::body);
    }

    /**
     * A channel query ({@code history}, {@code presence}, {@code presence_stats}) on the current
     * connection, answered with the reply's fields; without a connection it fails at once.
     */
    CompletableFuture<ObjectNode> query(String op, String channel, String token, ObjectNode params) {
        QrPushException refused = refuse(channel);
        return refused != null ? CompletableFuture.failedFuture(refused)
                : link.request(id -> new ClientFrame.ChannelQuery(id, op, channel, token, params))
                .thenApply(ServerFrame.Reply::body);
    }

    /**
     * A live message frame. Delivered at once, it is acked once the listeners have returned, as
     * the protocol asks; a repeat (guid or offset), or one held while its channel recovers, is
     * acked now: a redelivery means the server never saw our first ack.
     */
    void arrived(ServerFrame.Message f) {
        Message m = new Message(f.channel(), f.guid(), f.from(), f.ts(), f.content().tree(), f.offset());
        List<Message> now = subs.message(m);
        if (now.isEmpty() || !deliver(m, true)) {
            ack(m);
        }
    }

    /** Hands a message to the listeners unless its guid was delivered already; false for a repeat. */
    private boolean deliver(Message m, boolean ackAfter) {
        if (!seen.add(m.channel(), m.guid())) {
            return false;
        }
        listeners.message(m, ackAfter ? () -> onLoop(() -> ack(m)) : () -> { });
        return true;
    }

    private void ack(Message m) {
        if (link.authorized()) {
            link.send(new ClientFrame.Ack(m.channel(), m.guid()));
        }
    }

    private void onLoop(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException closed) {
            // the client was closed meanwhile: nothing left to ack
        }
    }

    /** Authorized: resubscribe, then resend what is unanswered (replies come in request order). */
    void connected() {
        subs.resubscribeAll();
        outbox.flush();
    }

    void disconnected() {
        subs.pause();
    }

    /** Nobody will send these any more: fail what callers wait for (subscription wishes stay). */
    void stop(QrPushException e, boolean forGood) {
        closed = forGood;
        outbox.failAll(e);
        subs.failWaiting(e);
    }

    private QrPushException refuse(String channel) {
        if (closed) {
            return new QrPushException(0, QrPushException.CLOSED, "the client was closed");
        }
        return Channels.isValid(channel) ? null : new QrPushException(400, "bad_channel",
                "channel must match ^[A-Za-z0-9_\\-:.@=]{1,128}$");
    }

    static boolean isDisconnected(Throwable t) {
        return t instanceof QrPushException && QrPushException.DISCONNECTED.equals(((QrPushException) t).error());
    }
}
