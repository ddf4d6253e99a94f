package io.qrpush.server.core;

import io.qrpush.protocol.RandomIds;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's HTTP streams by session secret (docs/protocol.md section 8). Each entry lives as
 * long as its stream's connection, which the listening socket admitted like any other (counted
 * toward {@code maxConnections} and the per-IP limit), so the map is bounded by those limits.
 */
final class Streams {
    private record Stream(Session session, StreamUplink uplink) {
    }

    private final String nodeId;
    private final ConcurrentHashMap<String, Stream> bySecret = new ConcurrentHashMap<>();

    Streams(String nodeId) {
        this.nodeId = nodeId;
    }

    /** Registers a stream; returns its secret, which names this node so that any node can route to it. */
    String open(Session session, StreamUplink uplink) {
        String secret = nodeId + '.' + RandomIds.random128();
        bySecret.put(secret, new Stream(session, uplink));
        return secret;
    }

    void close(String secret) {
        bySecret.remove(secret);
    }

    /**
     * Hands the frames to the stream when it is here and the poster may use it; false otherwise,
     * for an unknown, ended or another app's stream alike.
     */
    boolean deliver(Uplink u) {
        Stream s = bySecret.get(u.session());
        if (s == null || !s.session().acceptsUplink(u.appkey(), u.origin())) {
            return false;
        }
        List<byte[]> frames = new ArrayList<>(u.frames().size());
        for (String f : u.frames()) {
            frames.add(f.getBytes(StandardCharsets.UTF_8));
        }
        s.uplink().receive(frames);
        return true;
    }

    int size() {
        return bySecret.size();
    }
}
