package io.qrpush.server.config;

/**
 * Which broker carries messages between nodes.
 *
 * @param type  {@code memory} (one node) or {@code redis}
 * @param redis the Redis URI when {@code type} is {@code redis}
 */
public record BrokerSettings(String type, String redis) {
    public static BrokerSettings defaults() {
        return new BrokerSettings("memory", null);
    }
}
