package io.qrpush.server.webhook;

import io.qrpush.server.core.ChannelKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Webhook queues and occupancy marks in this process: a node alone needs nothing shared, and a
 * crash loses the events not yet delivered (docs/webhooks.md says so).
 */
public final class MemoryWebhookStores implements WebhookStores {
    /** Events one app may have waiting; past it new events are refused (and counted as dropped). */
    public static final int MAX_PENDING = 100_000;

    private final Map<String, Queue> queues = new ConcurrentHashMap<>();
    private final Set<ChannelKey> occupied = ConcurrentHashMap.newKeySet();
    private final OccupancyMarks marks = new OccupancyMarks() {
        @Override
        public CompletableFuture<Boolean> mark(ChannelKey channel) {
            return CompletableFuture.completedFuture(occupied.add(channel));
        }

        @Override
        public CompletableFuture<Boolean> unmark(ChannelKey channel) {
            return CompletableFuture.completedFuture(occupied.remove(channel));
        }
    };

    @Override
    public WebhookQueue queue(String appkey) {
        return queues.computeIfAbsent(appkey, k -> new Queue());
    }

    @Override
    public OccupancyMarks occupancy() {
        return marks;
    }

    /** A bounded FIFO; taken events stay counted as pending until done. */
    private static final class Queue implements WebhookQueue {
        private final ArrayDeque<QueuedEvent> waiting = new ArrayDeque<>();
        private final Set<String> taken = new java.util.HashSet<>();
        private long takenOldest;

        @Override
        public synchronized CompletableFuture<Void> add(QueuedEvent event) {
            if (waiting.size() + taken.size() >= MAX_PENDING) {
                return CompletableFuture.failedFuture(new IllegalStateException(
                        "the webhook queue holds " + MAX_PENDING + " events already"));
            }
            waiting.add(event);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public synchronized CompletableFuture<List<QueuedEvent>> take(int max) {
            List<QueuedEvent> batch = new ArrayList<>();
            while (batch.size() < max && !waiting.isEmpty()) {
                QueuedEvent e = waiting.poll();
                taken.add(e.handle());
                batch.add(e);
            }
            if (!batch.isEmpty() && (takenOldest == 0 || batch.get(0).time() < takenOldest)) {
                takenOldest = batch.get(0).time();
            }
            return CompletableFuture.completedFuture(batch);
        }

        @Override
        public CompletableFuture<Void> keep(List<QueuedEvent> batch) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public synchronized CompletableFuture<Void> done(List<QueuedEvent> batch) {
            batch.forEach(e -> taken.remove(e.handle()));
            if (taken.isEmpty()) {
                takenOldest = 0;
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public synchronized long pending() {
            return waiting.size() + taken.size();
        }

        @Override
        public synchronized long oldestTime() {
            long first = waiting.isEmpty() ? 0 : waiting.peek().time();
            return takenOldest == 0 ? first : takenOldest;
        }
    }
}
