package io.qrpush.server;

import io.qrpush.protocol.FrameCodec;
import io.qrpush.server.admin.LocalNodeDirectory;
import io.qrpush.server.admin.NodeDirectory;
import io.qrpush.server.cluster.RedisBroker;
import io.qrpush.server.cluster.RedisConnector;
import io.qrpush.server.cluster.RedisHistory;
import io.qrpush.server.cluster.RedisPresence;
import io.qrpush.server.cluster.RedisLoginStore;
import io.qrpush.server.cluster.RedisNodeDirectory;
import io.qrpush.server.cluster.RedisOnceStore;
import io.qrpush.server.cluster.RedisWebhookStores;
import io.qrpush.server.config.QrpushConfig;
import io.qrpush.server.core.NodeBacking;
import io.qrpush.server.login.LoginStore;
import io.qrpush.server.login.MemoryLoginStore;
import io.qrpush.server.history.HistoryDelivery;
import io.qrpush.server.history.HistoryStore;
import io.qrpush.server.history.MemoryHistory;
import io.qrpush.server.presence.MemoryPresence;
import io.qrpush.server.presence.PresenceListener;
import io.qrpush.server.presence.PresenceStore;
import io.qrpush.server.webhook.MemoryWebhookStores;
import io.qrpush.server.webhook.WebhookStores;
import java.time.Clock;
import java.util.function.Function;

/** Chooses what a node stands on from the configuration: this process alone, or Redis shared by a cluster. */
public final class Nodes {
    private Nodes() {
    }

    /**
     * A node's broker and shared stores, with the store its login sessions live in and how its
     * channels' history is kept.
     *
     * @param history  makes the history store, given where it hands this node's deliveries
     * @param presence makes the presence store, given who hears its joins and leaves
     * @param webhooks the webhook queues and occupancy marks
     * @param nodes    where the admin page finds the cluster's nodes
     */
    public record Backing(NodeBacking node, LoginStore loginStore, Function<HistoryDelivery, HistoryStore> history,
                          Function<PresenceListener, PresenceStore> presence, WebhookStores webhooks,
                          NodeDirectory nodes) {

        /** A node that lists only itself on the admin page. */
        public Backing(NodeBacking node, LoginStore loginStore, Function<HistoryDelivery, HistoryStore> history,
                       Function<PresenceListener, PresenceStore> presence, WebhookStores webhooks) {
            this(node, loginStore, history, presence, webhooks, new LocalNodeDirectory());
        }

        /** History, presence and webhooks in this process: a broker of one node delivers straight from the history's lock. */
        public Backing(NodeBacking node, LoginStore loginStore) {
            this(node, loginStore, MemoryHistory::new, MemoryPresence::new, new MemoryWebhookStores());
        }

        /** Everything in this process, nothing shared. */
        public static Backing inMemory(QrpushConfig config, Clock clock) {
            return new Backing(NodeBacking.inMemory(clock, config.limits().dedupeWindow()), new MemoryLoginStore());
        }
    }

    /** In this process, or shared through Redis; throws when Redis cannot be reached at start-up. */
    public static Backing create(QrpushConfig config, Clock clock) {
        if (!"redis".equals(config.broker().type())) {
            return Backing.inMemory(config, clock);
        }
        RedisConnector redis = RedisConnector.connect(config.broker().redis(), config.broker().partitions());
        String nodeId = NodeBacking.newNodeId();
        var mapper = new FrameCodec().mapper();
        NodeBacking node = new NodeBacking(nodeId, new RedisBroker(redis, nodeId, mapper),
                new RedisOnceStore(redis, "qrpush:guid:"), new RedisOnceStore(redis, "qrpush:jti:"),
                new RedisOnceStore(redis, "qrpush:ack:"));
        return new Backing(node, new RedisLoginStore(redis, mapper), delivery -> new RedisHistory(redis, nodeId, mapper),
                listener -> new RedisPresence(redis, nodeId, mapper, listener, config.limits().pingInterval()),
                new RedisWebhookStores(redis, nodeId, config.apps(), config.limits().pingInterval()),
                new RedisNodeDirectory(redis, clock::millis));
    }
}
