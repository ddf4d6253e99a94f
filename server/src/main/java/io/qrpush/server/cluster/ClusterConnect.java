package io.qrpush.server.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Connecting to a Redis Cluster from the seed list in {@code broker.redis}, with the topology
 * refresh that lets a node follow slot moves and failovers (docs/cluster.md, "Redis Cluster"),
 * and the start-up checks that turn a wrong target into a message naming the key.
 */
final class ClusterConnect {
    /** How often the slot map is re-read even when nothing suggested a change. */
    static final Duration PERIODIC_REFRESH = Duration.ofSeconds(5);
    /** At most one refresh per this time from MOVED/ASK answers and reconnect attempts. */
    static final Duration ADAPTIVE_REFRESH_LIMIT = Duration.ofMillis(500);
    /** Sharded pub/sub ({@code SSUBSCRIBE}, {@code SPUBLISH}) came with Redis 7.0. */
    static final int NEEDED_MAJOR_VERSION = 7;

    private ClusterConnect() {
    }

    static RedisClusterClient client(ClientResources resources, String spec, ClientOptions base) {
        List<RedisURI> seeds = new ArrayList<>();
        for (String part : spec.split(",")) {
            seeds.add(RedisURI.create(part.trim()));
        }
        RedisClusterClient client = RedisClusterClient.create(resources, seeds);
        client.setOptions(ClusterClientOptions.builder(base)
                .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                        .enablePeriodicRefresh(PERIODIC_REFRESH)
                        .enableAllAdaptiveRefreshTriggers()
                        .adaptiveRefreshTriggersTimeout(ADAPTIVE_REFRESH_LIMIT)
                        .refreshTriggersReconnectAttempts(2)
                        .build())
                .build());
        return client;
    }

    /** The command connection; a seed list that is not a Redis Cluster fails naming the key. */
    static StatefulRedisClusterConnection<String, String> connect(RedisClusterClient client, String spec) {
        try {
            return client.connect();
        } catch (RedisException e) {
            throw new IllegalStateException("broker.redis: " + RedisConnector.redactedSpec(spec)
                    + " is a seed list, so it must name nodes of a Redis Cluster, but no cluster answered ("
                    + rootMessage(e) + "). For a standalone Redis give a single redis:// URI.", e);
        }
    }

    /** Fails unless every master can serve sharded pub/sub. */
    static void requireShardedPubSub(StatefulRedisClusterConnection<String, String> connection) {
        for (RedisClusterNode node : connection.getPartitions()) {
            if (!node.is(RedisClusterNode.NodeFlag.UPSTREAM) || node.is(RedisClusterNode.NodeFlag.FAIL)
                    || node.getSlots().isEmpty()) {
                continue;
            }
            String version = versionIn(connection.getConnection(node.getNodeId()).sync().info("server"));
            if (majorOf(version) < NEEDED_MAJOR_VERSION) {
                throw new IllegalStateException("broker.redis: a Redis Cluster needs Redis " + NEEDED_MAJOR_VERSION
                        + ".0 or newer on every node (sharded pub/sub, SSUBSCRIBE); " + node.getUri().getHost() + ":"
                        + node.getUri().getPort() + " runs Redis " + version);
            }
        }
    }

    /** {@code redis_version} from an {@code INFO server} answer, or "unknown". */
    static String versionIn(String info) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("redis_version:")) {
                return line.substring("redis_version:".length()).trim();
            }
        }
        return "unknown";
    }

    static int majorOf(String version) {
        int dot = version.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        StringBuilder out = new StringBuilder(String.valueOf(t.getMessage()));
        for (Throwable s : e.getSuppressed()) {
            out.append("; ").append(s.getMessage());
        }
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            out.append("; ").append(t.getMessage());
        }
        return out.toString();
    }
}
