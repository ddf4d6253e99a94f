package io.qrpush.server.login;

/**
 * Where a login session was created, shown to the phone on scan so its user can tell whether the
 * login happens on the screen in front of them.
 *
 * @param origin the page's {@code Origin} header, null when the request had none
 */
public record PcClient(String ip, String userAgent, String origin, long createdAt) {
    /** Longer User-Agent strings are cut: the phone shows it, and nobody needs 8 KB of it. */
    public static final int MAX_USER_AGENT = 512;

    public PcClient {
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
            userAgent = userAgent.substring(0, MAX_USER_AGENT);
        }
    }
}
