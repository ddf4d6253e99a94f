package io.qrpush.server.http;

import java.util.Map;
import java.util.Set;

/**
 * An HTTP request as routes see it, free of Netty.
 *
 * @param headers header values by lower-case name: the first value of each, except the
 *                {@link #JOINED_HEADERS}
 * @param query   query parameters (the first value of each)
 * @param remoteAddress the peer's IP address
 */
public record HttpCall(String method, String path, Map<String, String> query, Map<String, String> headers,
                       byte[] body, String remoteAddress) {
    /**
     * Lists whose repeated lines are joined with ", " in order (RFC 9110 5.3): a proxy may append
     * its own line after the client's, and the first line alone would be the client's word.
     */
    public static final Set<String> JOINED_HEADERS = Set.of("x-forwarded-for", "forwarded");
    private static final String BEARER = "Bearer ";

    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }

    /** The token of an {@code Authorization: Bearer <token>} header, or null when there is none. */
    public String bearerToken() {
        String auth = headers.get("authorization");
        return auth != null && auth.startsWith(BEARER) ? auth.substring(BEARER.length()).trim() : null;
    }
}
