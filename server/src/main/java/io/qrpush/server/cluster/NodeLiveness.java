package io.qrpush.server.cluster;

import io.lettuce.core.ScriptOutputType;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Which nodes of a cluster are alive, for one kind of per-node state that a dead node leaves in
 * Redis (presence entries, occupancy shares): a sorted set node id → when the node counts as dead,
 * in Redis {@code TIME} ms so the nodes' clocks need not agree. Each node {@link #beat beats}
 * once per interval and then {@link #claimDead claims} the nodes whose time ran out; a claim
 * removes them from the set, so exactly one survivor cleans up after each. Each kind of state has
 * its own set: a node claimed for one is still listed for the other.
 */
final class NodeLiveness {
    private static final String NOW = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            """;

    /**
     * The node is alive for ARGV 2 more ms: ARGV 1 node id. Returns 1 when the node was not
     * listed (its first heartbeat, or another node claimed it meanwhile), else 0.
     */
    private static final RedisScript HEARTBEAT = new RedisScript(NOW + """
            return redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])""");

    /** Claims up to ARGV 1 dead nodes: removes them from the set. Returns their ids. */
    private static final RedisScript CLAIM_DEAD = new RedisScript(NOW + """
            local dead = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[1]))
            for _, node in ipairs(dead) do redis.call('ZREM', KEYS[1], node) end
            return dead""");

    private final RedisConnector redis;
    private final String key;
    private final String nodeId;
    private final String lifeMillis;

    /** @param lifeMillis how long a beat keeps the node alive: two beat intervals, so one late beat is no death */
    NodeLiveness(RedisConnector redis, String key, String nodeId, long lifeMillis) {
        this.redis = redis;
        this.key = key;
        this.nodeId = nodeId;
        this.lifeMillis = Long.toString(lifeMillis);
    }

    /** This node is alive for one more life; true when it was not listed (first beat, or claimed after a stall). */
    CompletableFuture<Boolean> beat() {
        return HEARTBEAT.<Long>run(redis.commands(), ScriptOutputType.INTEGER, new String[] {key}, nodeId, lifeMillis)
                .thenApply(unlisted -> unlisted == 1L);
    }

    /** Claims up to {@code max} dead nodes for the caller alone to clean up after; their ids. */
    CompletableFuture<List<String>> claimDead(int max) {
        return CLAIM_DEAD.<List<Object>>run(redis.commands(), ScriptOutputType.MULTI, new String[] {key},
                Integer.toString(max)).thenApply(dead -> dead.stream().map(String.class::cast).toList());
    }
}
