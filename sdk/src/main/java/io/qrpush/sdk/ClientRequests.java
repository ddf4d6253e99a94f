package io.qrpush.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.protocol.Channels;
import io.qrpush.protocol.ClientFrame;
import io.qrpush.protocol.RandomIds;
import io.qrpush.protocol.ServerFrame;
import io.qrpush.protocol.policy.Backoff;
import io.qrpush.protocol.policy.BackoffClass;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The application's requests (subscribe, unsubscribe, publish) and what must survive reconnects:
 * the wanted subscriptions, the unanswered publishes and the guids already delivered. Confined to
 * the client's event thread.
 */
final class ClientRequests {
    private final Link link;
    private final int maxFrameBytes;
    private final Outbox outbox;
    private final Subscriptions subs;
    private final GuidDedupe seen;
    private boolean closed;

    ClientRequests(ClientSettings s, Link link, Listeners listeners, ScheduledExecutorService loop, Backoff backoff) {
        this.link = link;
        this.maxFrameBytes = s.maxFrameBytes();
        this.seen = new GuidDedupe(s.dedupeSize());
        this.outbox = new Outbox((channel, content, guid, retried, receipt) -> link.request(
                id -> new ClientFrame.Publish(id, channel, content, 0, guid, retried, receipt)));
        this.subs = new Subscriptions(new Subscriptions.Hooks() {
            @Override
            public CompletableFuture<ServerFrame.Reply> send(String channel, String token) {
                return link.request(id -> new ClientFrame.Subscribe(id, channel, token));
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
        int bytes = Json.CODEC.encode(new ClientFrame.Publish(link.nextId(), channel, content, 0, g, 1, receipt)).length;
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
                : link.request(id -> new ClientFrame.Publish(id, channel, content, 0, null, 0, false))
                .thenApply(ServerFrame.Reply::body);
    }

    /** True the first time a message guid is seen on its channel (within the dedupe memory). */
    boolean firstDelivery(String channel, String guid) {
        return seen.add(channel, guid);
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
