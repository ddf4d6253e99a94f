package io.qrpush.server.core;

import java.util.List;

/**
 * One {@code POST /emulation}: frames for the stream named by its session secret, with what the
 * poster said of itself, so that another app's page gets the same 404 as an unknown session.
 *
 * @param session the stream's secret: the id of the node holding it, a dot, 128 random bits
 * @param appkey  the appkey the poster named, or null
 * @param origin  the poster's {@code Origin} header, or null
 * @param frames  client frames, JSON text each
 */
public record Uplink(String session, String appkey, String origin, List<String> frames) {

    /** The id of the node holding the stream, or null when the secret has no node part. */
    public String nodeId() {
        int dot = session.indexOf('.');
        return dot > 0 ? session.substring(0, dot) : null;
    }
}
