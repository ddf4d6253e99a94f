package io.qrpush.sdk;

import io.qrpush.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Requests waiting for their reply, by id. Ids increase for the client's whole life, never per
 * connection, so a late reply from an old connection can never settle a new request. Confined to
 * the client's event thread.
 */
final class Calls {
    private long nextId = 1;
    private final Map<Long, CompletableFuture<ServerFrame.Reply>> waiting = new HashMap<>();

    /** Registers a request; the future fails with {@link QrPushException} on a non-2xx reply. */
    long register(CompletableFuture<ServerFrame.Reply> reply) {
        long id = nextId++;
        waiting.put(id, reply);
        return id;
    }

    /** The id the next request will get (for frame size estimates). */
    long peek() {
        return nextId;
    }

    void settle(ServerFrame.Reply r) {
        if (r.id() == null) {
            return; // the server could not read a frame of ours; nothing to match it to
        }
        CompletableFuture<ServerFrame.Reply> f = waiting.remove(r.id());
        if (f == null) {
            return;
        }
        if (r.isOk()) {
            f.complete(r);
        } else {
            f.completeExceptionally(new QrPushException(r.code(), r.error(), r.message()));
        }
    }

    /** The connection is gone: nothing in flight will be answered. */
    void failAll(QrPushException e) {
        List<CompletableFuture<ServerFrame.Reply>> all = new ArrayList<>(waiting.values());
        waiting.clear();
        all.forEach(f -> f.completeExceptionally(e));
    }
}
