package io.qrpush.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes until their reply arrives. One sent but unanswered when the connection drops is sent
 * again after the reconnect with the same guid and {@code retried} + 1: the server may or may not
 * have seen it, and answers a guid it has seen with {@code duplicate:true} instead of delivering
 * twice. Insertion order is kept, so retries go out in publish order. Confined to the client's
 * event thread.
 */
final class Outbox {

    /** Sends one publish frame on the current connection. */
    interface Sender {
        CompletableFuture<ServerFrame.Reply> send(String channel, JsonNode content, String guid, int retried,
                                                  boolean receipt);
    }

    private static final class Item {
        final String channel;
        final JsonNode content;
        final String guid;
        final boolean receipt;
        final CompletableFuture<PublishResult> result = new CompletableFuture<>();
        int retried;
        boolean sent;

        Item(String channel, JsonNode content, String guid, boolean receipt) {
            this.channel = channel;
            this.content = content;
            this.guid = guid;
            this.receipt = receipt;
        }
    }

    private final Sender sender;
    private final LinkedHashSet<Item> items = new LinkedHashSet<>();

    Outbox(Sender sender) {
        this.sender = sender;
    }

    /** Queues a publish and sends it now when connected, else after the next authorize. */
    CompletableFuture<PublishResult> add(String channel, JsonNode content, String guid, boolean receipt,
                                         boolean connected) {
        Item item = new Item(channel, content, guid, receipt);
        items.add(item);
        if (connected) {
            post(item);
        }
        return item.result;
    }

    /** After authorize: send everything still unanswered. */
    void flush() {
        for (Item item : new ArrayList<>(items)) {
            post(item);
        }
    }

    /** Nobody will send these any more. */
    void failAll(QrPushException e) {
        List<Item> all = new ArrayList<>(items);
        items.clear();
        all.forEach(i -> i.result.completeExceptionally(e));
    }

    int size() {
        return items.size();
    }

    private void post(Item item) {
        if (item.sent) {
            item.retried++;
        }
        item.sent = true;
        sender.send(item.channel, item.content, item.guid, item.retried, item.receipt).whenComplete((reply, err) -> {
            if (err == null) {
                items.remove(item);
                item.result.complete(PublishResult.of(item.channel, item.guid, reply.body()));
                return;
            }
            Throwable cause = RetryPolicy.unwrap(err);
            if (cause instanceof QrPushException
                    && QrPushException.DISCONNECTED.equals(((QrPushException) cause).error())) {
                return; // stays queued: sent again, same guid, after the reconnect
            }
            items.remove(item);
            item.result.completeExceptionally(cause);
        });
    }
}
