package io.qrpush.server;

import io.qrpush.server.cluster.RedisBroker;
import io.qrpush.server.cluster.RedisConnector;
import io.qrpush.server.cluster.RedisOnceStore;
import io.qrpush.server.config.QrpushConfig;
import io.qrpush.server.core.Node;
import io.qrpush.server.metrics.ServerMetrics;
import java.time.Clock;

/** Builds a node on the broker the configuration names. */
public final class Nodes {
    private Nodes() {
    }

    /** A memory node, or a cluster node on Redis; throws when Redis cannot be reached at start-up. */
    public static Node create(QrpushConfig config, ServerMetrics metrics, Clock clock) {
        if (!"redis".equals(config.broker().type())) {
            return Node.inMemory(config, metrics, clock);
        }
        RedisConnector redis = RedisConnector.connect(config.broker().redis());
        String nodeId = Node.newNodeId();
        return new Node(nodeId, config, new RedisBroker(redis, nodeId, new io.qrpush.protocol.FrameCodec().mapper()),
                new RedisOnceStore(redis, "qrpush:guid:"), new RedisOnceStore(redis, "qrpush:jti:"),
                new RedisOnceStore(redis, "qrpush:ack:"), metrics, clock);
    }
}
