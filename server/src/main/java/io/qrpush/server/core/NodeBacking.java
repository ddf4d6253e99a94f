package io.qrpush.server.core;

import io.qrpush.protocol.RandomIds;
import io.qrpush.protocol.token.Otps;
import java.time.Clock;
import java.time.Duration;

/**
 * What a node shares with the other nodes of its cluster: the broker and the stores that must
 * answer "first" to one caller across all nodes.
 *
 * @param nodeId    this node's id: node channels and receipt routing use it
 * @param guids     the publish dedupe window
 * @param otpJtis   the otp replay cache
 * @param firstAcks decides which ack of a message is the first
 */
public record NodeBacking(String nodeId, Broker broker, OnceStore guids, OnceStore otpJtis, OnceStore firstAcks) {

    /** One process, nothing shared: the memory broker and stores. */
    public static NodeBacking inMemory(Clock clock, Duration dedupeWindow) {
        return new NodeBacking(newNodeId(), new MemoryBroker(), MemoryOnceStore.forTtl(clock::millis, dedupeWindow),
                MemoryOnceStore.forTtl(clock::millis, Otps.MAX_LIFETIME),
                MemoryOnceStore.forTtl(clock::millis, dedupeWindow));
    }

    /** A fresh random node id. */
    public static String newNodeId() {
        return RandomIds.randomBits(64);
    }
}
