package io.qrpush.server.config;

import java.time.Duration;

/**
 * Which broker carries messages between nodes.
 *
 * @param type       {@code memory} (one node) or {@code redis}
 * @param redis      the Redis URI when {@code type} is {@code redis}
 * @param partitions how many shard channels carry the publications on a Redis Cluster; each
 *                   channel belongs to one, so a node holds at most this many Redis subscriptions
 * @param gapCheckInterval how often a node on Redis compares what it delivered on its subscribers'
 *                   history channels with the streams' tops, to find a lost publication no later
 *                   one shows (docs/protocol.md section 6); zero turns it off
 */
public record BrokerSettings(String type, String redis, int partitions, Duration gapCheckInterval) {
    public static final int DEFAULT_PARTITIONS = 128;
    public static final Duration DEFAULT_GAP_CHECK_INTERVAL = Duration.ofSeconds(10);
    /** Checked more often, the reads would cost Redis more than the gaps they find. */
    public static final Duration MIN_GAP_CHECK_INTERVAL = Duration.ofMillis(100);
    /** Checked less often, a lost publication would stay missing for longer than anyone waits. */
    public static final Duration MAX_GAP_CHECK_INTERVAL = Duration.ofMinutes(10);
    /** More would leave fewer than 16 of Redis Cluster's 16,384 slots to each. */
    public static final int MAX_PARTITIONS = 1024;

    public BrokerSettings(String type, String redis) {
        this(type, redis, DEFAULT_PARTITIONS);
    }

    public BrokerSettings(String type, String redis, int partitions) {
        this(type, redis, partitions, DEFAULT_GAP_CHECK_INTERVAL);
    }

    public BrokerSettings withGapCheckInterval(Duration every) {
        return new BrokerSettings(type, redis, partitions, every);
    }

    public static BrokerSettings defaults() {
        return new BrokerSettings("memory", null);
    }
}
