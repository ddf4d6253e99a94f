package io.qrpush.server;

import io.qrpush.protocol.FrameCodec;
import io.qrpush.server.cluster.RedisBroker;
import io.qrpush.server.cluster.RedisConnector;
import io.qrpush.server.cluster.RedisLoginStore;
import io.qrpush.server.cluster.RedisOnceStore;
import io.qrpush.server.config.QrpushConfig;
import io.qrpush.server.core.NodeBacking;
import io.qrpush.server.login.LoginStore;
import io.qrpush.server.login.MemoryLoginStore;
import java.time.Clock;

/** Chooses what a node stands on from the configuration: this process alone, or Redis shared by a cluster. */
public final class Nodes {
    private Nodes() {
    }

    /** A node's broker and shared stores, with the store its login sessions live in. */
    public record Backing(NodeBacking node, LoginStore loginStore) {

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
        RedisConnector redis = RedisConnector.connect(config.broker().redis());
        String nodeId = NodeBacking.newNodeId();
        var mapper = new FrameCodec().mapper();
        NodeBacking node = new NodeBacking(nodeId, new RedisBroker(redis, nodeId, mapper),
                new RedisOnceStore(redis, "qrpush:guid:"), new RedisOnceStore(redis, "qrpush:jti:"),
                new RedisOnceStore(redis, "qrpush:ack:"));
        return new Backing(node, new RedisLoginStore(redis, mapper));
    }
}
