package io.qrpush.server.core;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Hands one message to every subscriber of a channel with one task per connection thread (per
 * {@value #CHUNK} subscribers) rather than one per subscriber. On its own thread a subscriber
 * writes the frame at once instead of queuing it for a later drain, so a fan-out to thousands
 * costs no queue node, task or wake-up per subscriber (docs/benchmarks.md, seventh round).
 */
final class Fanout {
    /**
     * Subscribers per task. A thread runs a task to its end, so a smaller chunk lets the reads of
     * its other connections in between; a larger one saves tasks. A chunk of this size takes a
     * few milliseconds here.
     */
    static final int CHUNK = 256;

    private Fanout() {
    }

    static void deliver(Subscriber[] subscribers, byte[] frame) {
        if (subscribers.length == 1) {
            // A QR login channel's one browser: no grouping to do.
            Subscriber only = subscribers[0];
            only.executor().execute(() -> only.deliver(frame));
            return;
        }
        Map<Executor, List<Subscriber>> byThread = new IdentityHashMap<>(4);
        for (Subscriber s : subscribers) {
            byThread.computeIfAbsent(s.executor(), t -> new ArrayList<>()).add(s);
        }
        byThread.forEach((thread, group) -> {
            for (int from = 0; from < group.size(); from += CHUNK) {
                List<Subscriber> chunk = group.subList(from, Math.min(group.size(), from + CHUNK));
                thread.execute(() -> {
                    for (Subscriber s : chunk) {
                        s.deliver(frame);
                    }
                });
            }
        });
    }
}
