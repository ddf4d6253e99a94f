package io.qrpush.server.cluster;

import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.qrpush.server.config.AppConfig;
import io.qrpush.server.core.BrokerUnavailableException;
import io.qrpush.server.webhook.OccupancyMarks;
import io.qrpush.server.webhook.QueuedEvent;
import io.qrpush.server.webhook.WebhookQueue;
import io.qrpush.server.webhook.WebhookStores;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Webhook queues and occupancy marks shared by a cluster through Redis. An app's queue is a
 * stream, {@code qrpush:wh:q:<appkey>}, read through one consumer group: each entry goes to one
 * node (each event sent once), and stays pending under that node until it acknowledges it. An
 * entry a node has not touched for its lease (three request timeouts: the node was killed) is
 * claimed by the next node that looks ({@code XAUTOCLAIM}), so a dead node's undelivered events
 * are delivered by another. A node retrying a batch touches it every second to keep it.
 * Occupancy marks are {@link RedisOccupancyMarks}.
 */
public final class RedisWebhookStores implements WebhookStores {
    private static final String GROUP = "senders";
    private static final String FIELD = "e";
    /** Entries an app's stream keeps at most; Redis trims the oldest past it. */
    private static final long MAX_LENGTH = 1_000_000;

    private final RedisConnector redis;
    private final String nodeId;
    private final Map<String, Duration> leases = new ConcurrentHashMap<>();
    private final Map<String, Queue> queues = new ConcurrentHashMap<>();
    private final OccupancyMarks marks;

    /**
     * @param apps         their webhooks' timeouts set how long a node's claim on a batch lasts
     * @param pingInterval how often each node renews its liveness (a dead node's occupancy
     *                     marks are handed on within three of these)
     */
    public RedisWebhookStores(RedisConnector redis, String nodeId, List<AppConfig> apps, Duration pingInterval) {
        this.redis = redis;
        this.nodeId = nodeId;
        this.marks = new RedisOccupancyMarks(redis, nodeId, pingInterval);
        for (AppConfig app : apps) {
            if (app.webhook() != null) {
                leases.put(app.appkey(), app.webhook().timeout().multipliedBy(3));
            }
        }
    }

    @Override
    public WebhookQueue queue(String appkey) {
        return queues.computeIfAbsent(appkey, k -> new Queue("qrpush:wh:q:" + k,
                leases.getOrDefault(k, Duration.ofSeconds(15))));
    }

    @Override
    public OccupancyMarks occupancy() {
        return marks;
    }

    /** One app's stream. */
    private final class Queue implements WebhookQueue {
        private final String key;
        private final Duration lease;
        private final Consumer<String> me;
        private volatile CompletableFuture<Void> group;
        private volatile long pending;
        private volatile long oldest;

        Queue(String key, Duration lease) {
            this.key = key;
            this.lease = lease;
            this.me = Consumer.from(GROUP, nodeId);
        }

        /** Creates the group once (every node tries; the losers' BUSYGROUP is the answer we want). */
        private CompletableFuture<Void> group() {
            CompletableFuture<Void> g = group;
            if (g == null || g.isCompletedExceptionally()) {
                g = redis.commands().xgroupCreate(XReadArgs.StreamOffset.from(key, "0"), GROUP,
                        XGroupCreateArgs.Builder.mkstream()).toCompletableFuture()
                        .handle((ok, err) -> {
                            if (err != null && !String.valueOf(err.getMessage()).contains("BUSYGROUP")) {
                                throw new BrokerUnavailableException("Redis: " + err.getMessage(), err);
                            }
                            return null;
                        });
                group = g;
            }
            return g;
        }

        @Override
        public CompletableFuture<Void> add(QueuedEvent event) {
            return RedisFutures.unavailableOnFailure(redis.commands().xadd(key,
                    XAddArgs.Builder.maxlen(MAX_LENGTH).approximateTrimming(), Map.of(FIELD, event.json())))
                    .thenApply(id -> null);
        }

        @Override
        public CompletableFuture<List<QueuedEvent>> take(int max) {
            return group().thenCompose(x -> redis.commands().xautoclaim(key,
                    XAutoClaimArgs.Builder.xautoclaim(me, lease, "0-0").count(max)).toCompletableFuture())
                    .thenCompose(claimed -> {
                        if (!claimed.getMessages().isEmpty()) {
                            return CompletableFuture.completedFuture(events(claimed.getMessages()));
                        }
                        return redis.commands().xreadgroup(me, XReadArgs.Builder.count(max),
                                XReadArgs.StreamOffset.lastConsumed(key)).toCompletableFuture().thenApply(this::events);
                    });
        }

        private List<QueuedEvent> events(List<StreamMessage<String, String>> messages) {
            // A claimed entry trimmed away by MAXLEN has no body; it is skipped (and acknowledged later by nobody).
            return messages.stream().filter(m -> m.getBody() != null && m.getBody().containsKey(FIELD))
                    .map(m -> new QueuedEvent(m.getId(), timeOf(m.getId()), m.getBody().get(FIELD))).toList();
        }

        @Override
        public CompletableFuture<Void> keep(List<QueuedEvent> batch) {
            return redis.commands().xclaim(key, me, XClaimArgs.Builder.minIdleTime(0).justid(), ids(batch))
                    .toCompletableFuture().thenApply(x -> null);
        }

        @Override
        public CompletableFuture<Void> done(List<QueuedEvent> batch) {
            String[] ids = ids(batch);
            return redis.commands().xack(key, GROUP, ids).toCompletableFuture()
                    .thenCompose(n -> redis.commands().xdel(key, ids).toCompletableFuture()).thenApply(n -> null);
        }

        @Override
        public long pending() {
            return pending;
        }

        @Override
        public long oldestTime() {
            return oldest;
        }

        /** Entries are deleted once delivered, so the stream's length and first id are what waits. */
        @Override
        public CompletableFuture<Void> refresh() {
            CompletableFuture<Long> length = redis.commands().xlen(key).toCompletableFuture();
            CompletableFuture<List<StreamMessage<String, String>>> first = redis.commands()
                    .xrange(key, Range.unbounded(), Limit.create(0, 1)).toCompletableFuture();
            return length.thenCombine(first, (n, f) -> {
                pending = n;
                oldest = f.isEmpty() ? 0 : timeOf(f.get(0).getId());
                return null;
            });
        }

        private String[] ids(List<QueuedEvent> batch) {
            return batch.stream().map(QueuedEvent::handle).toArray(String[]::new);
        }
    }

    /** A stream entry's id starts with the ms Redis added it at: the event's time within a few ms. */
    private static long timeOf(String entryId) {
        int dash = entryId.indexOf('-');
        return Long.parseLong(dash < 0 ? entryId : entryId.substring(0, dash));
    }

    /** The connection belongs to the node's broker, which closes it. */
    @Override
    public void close() {
    }
}
