package io.qrpush.server.admin;

import io.qrpush.server.http.HttpCall;

/**
 * The cookie that carries an admin session id: {@code HttpOnly} (no script, so no injected script,
 * can read it), {@code SameSite=Strict} (no other site's page can make the browser send it, the
 * first line against cross-site request forgery), {@code Path=/admin/}, and {@code Secure} when the
 * node serves TLS itself.
 */
final class AdminCookie {
    static final String NAME = "qrpush_admin";

    private AdminCookie() {
    }

    /** The {@code Set-Cookie} value that hands the browser {@code sessionId}. */
    static String set(String sessionId, boolean secure) {
        return NAME + "=" + sessionId + "; Path=/admin/; Max-Age=" + AdminSessions.LIFETIME.toSeconds()
                + "; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    /** The {@code Set-Cookie} value that makes the browser forget it (sign-out). */
    static String clear(boolean secure) {
        return NAME + "=; Path=/admin/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }

    /** The session id the request carries, or null. */
    static String sessionId(HttpCall call) {
        String header = call.header("cookie");
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String p = part.trim();
            if (p.startsWith(NAME + "=")) {
                String value = p.substring(NAME.length() + 1);
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }
}
