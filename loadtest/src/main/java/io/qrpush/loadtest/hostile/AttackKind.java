package io.qrpush.loadtest.hostile;

import java.nio.charset.StandardCharsets;

/**
 * The attacks of the {@code hostile} scenario, each as the bytes it sends on a socket it then
 * holds: the head of a request that never ends, a body one byte short, or nothing at all.
 */
public enum AttackKind {
    /** A request head sent a byte at a time, never finished (no empty line ever comes). */
    SLOWLORIS("slowloris"),
    /** {@code POST /api/login/sessions} announcing a large body and sending all of it but the last byte. */
    HALF_BODY("half_body"),
    /** A connection that sends nothing and is held: many of them use up the server's open files. */
    FLOOD("flood");

    private final String key;

    AttackKind(String key) {
        this.key = key;
    }

    /** The name in reports and progress lines. */
    public String key() {
        return key;
    }

    /** The slowloris head up to where it keeps growing: one header line whose value never ends. */
    static byte[] slowHead(String hostPort) {
        return ("GET /healthz HTTP/1.1\r\nHost: " + hostPort + "\r\nX-Slow: ").getBytes(StandardCharsets.US_ASCII);
    }

    /** The half-sent body's head, announcing {@code bodyBytes}. */
    static byte[] bodyHead(String hostPort, int bodyBytes) {
        return ("POST /api/login/sessions HTTP/1.1\r\nHost: " + hostPort + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + bodyBytes + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
