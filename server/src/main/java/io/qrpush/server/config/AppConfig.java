package io.qrpush.server.config;

import java.util.List;

/**
 * One tenant. {@code secret} signs tokens and {@code apiKey} authenticates the HTTP server API;
 * neither is ever logged ({@link #toString()} leaves them out).
 *
 * @param allowedOrigins normalised {@code scheme://host[:port]} strings, default ports left out
 * @param qrUrl          template of the QR content with a {@code {key}} placeholder
 * @param numberMatching whether a login's confirm must carry the two-digit number the PC shows
 *                       (docs/protocol.md section 4, "Login safety")
 */
public record AppConfig(String appkey, String secret, String apiKey, List<String> allowedOrigins, String qrUrl,
                        boolean anonymousPublish, boolean revealUserOnScan, boolean numberMatching) {
    public AppConfig {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** An app without number matching. */
    public AppConfig(String appkey, String secret, String apiKey, List<String> allowedOrigins, String qrUrl,
                     boolean anonymousPublish, boolean revealUserOnScan) {
        this(appkey, secret, apiKey, allowedOrigins, qrUrl, anonymousPublish, revealUserOnScan, false);
    }

    public AppConfig withNumberMatching(boolean on) {
        return new AppConfig(appkey, secret, apiKey, allowedOrigins, qrUrl, anonymousPublish, revealUserOnScan, on);
    }

    @Override
    public String toString() {
        return "AppConfig[appkey=" + appkey + ", allowedOrigins=" + allowedOrigins + ", qrUrl=" + qrUrl
                + ", anonymousPublish=" + anonymousPublish + ", revealUserOnScan=" + revealUserOnScan
                + ", numberMatching=" + numberMatching + "]";
    }
}
