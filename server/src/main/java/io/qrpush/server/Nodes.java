package io.qrpush.server;

import io.qrpush.protocol.FrameCodec;
import io.qrpush.server.cluster.RedisBroker;
import io.qrpush.server.cluster.RedisConnector;
import io.qrpush.server.cluster.RedisLoginStore;
import io.qrpush.server.cluster.RedisOnceStore;
import io.qrpush.server.config.QrpushConfig;
import io.qrpush.server.core.Node;
import io.qrpush.server.login.LoginStore;
import io.qrpush.server.login.MemoryLoginStore;
import io.qrpush.server.metrics.ServerMetrics;
import java.time.Clock;

/** Builds a node and its login store on the broker the configuration names. */
public final class Nodes {
    private Nodes() {
    }

    /** A node with the store its login sessions live in. */
    public record Built(Node node, LoginStore loginStore) {
    }

    /** Everything in this process, or shared through Redis; throws when Redis cannot be reached at start-up. */
    public static Built create(QrpushConfig config, ServerMetrics metrics, Clock clock) {
        if (!"redis".equals(config.broker().type())) {
            return new Built(Node.inMemory(config, metrics, clock), new MemoryLoginStore());
        }
        RedisConnector redis = RedisConnector.connect(config.broker().redis());
        String nodeId = Node.newNodeId();
        var mapper = new FrameCodec().mapper();
        Node node = new Node(nodeId, config, new RedisBroker(redis, nodeId, mapper),
                new RedisOnceStore(redis, "qrpush:guid:"), new RedisOnceStore(redis, "qrpush:jti:"),
                new RedisOnceStore(redis, "qrpush:ack:"), metrics, clock);
        return new Built(node, new RedisLoginStore(redis, mapper));
    }
}
