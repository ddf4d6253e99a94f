package io.qrpush.server.config;

/**
 * Which broker carries messages between nodes.
 *
 * @param type       {@code memory} (one node) or {@code redis}
 * @param redis      the Redis URI when {@code type} is {@code redis}
 * @param partitions how many shard channels carry the publications on a Redis Cluster; each
 *                   channel belongs to one, so a node holds at most this many Redis subscriptions
 */
public record BrokerSettings(String type, String redis, int partitions) {
    public static final int DEFAULT_PARTITIONS = 128;
    /** More would leave fewer than 16 of Redis Cluster's 16,384 slots to each. */
    public static final int MAX_PARTITIONS = 1024;

    public BrokerSettings(String type, String redis) {
        this(type, redis, DEFAULT_PARTITIONS);
    }

    public static BrokerSettings defaults() {
        return new BrokerSettings("memory", null);
    }
}
