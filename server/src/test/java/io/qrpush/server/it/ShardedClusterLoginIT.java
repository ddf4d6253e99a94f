package io.qrpush.server.it;

import io.qrpush.server.cluster.RedisClusterProcesses;
import io.qrpush.server.config.BrokerSettings;
import io.qrpush.server.config.QrpushConfig;

/**
 * {@link ClusterLoginIT} on a Redis Cluster: every login transition is a single-slot script, so
 * first-scanner-wins (50 phones over three nodes, five rounds) holds whichever master owns the
 * session's slot.
 */
class ShardedClusterLoginIT extends ClusterLoginIT {

    @Override
    QrpushConfig nodeConfig(QrpushConfig defaults) {
        try {
            return defaults.withBroker(new BrokerSettings("redis", RedisClusterProcesses.shared().seeds()));
        } catch (Exception e) {
            throw new IllegalStateException("the Redis Cluster did not start", e);
        }
    }
}
