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
 * @param webhook        where the app's backend hears of events (docs/webhooks.md), or null
 */
public record AppConfig(String appkey, String secret, String apiKey, List<String> allowedOrigins, String qrUrl,
                        boolean anonymousPublish, boolean revealUserOnScan, boolean numberMatching,
                        WebhookSettings webhook) {
    public AppConfig {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** An app without number matching or a webhook. */
    public AppConfig(String appkey, String secret, String apiKey, List<String> allowedOrigins, String qrUrl,
                     boolean anonymousPublish, boolean revealUserOnScan) {
        this(appkey, secret, apiKey, allowedOrigins, qrUrl, anonymousPublish, revealUserOnScan, false, null);
    }

    /** An app without a webhook. */
    public AppConfig(String appkey, String secret, String apiKey, List<String> allowedOrigins, String qrUrl,
                     boolean anonymousPublish, boolean revealUserOnScan, boolean numberMatching) {
        this(appkey, secret, apiKey, allowedOrigins, qrUrl, anonymousPublish, revealUserOnScan, numberMatching, null);
    }

    public AppConfig withNumberMatching(boolean on) {
        return new AppConfig(appkey, secret, apiKey, allowedOrigins, qrUrl, anonymousPublish, revealUserOnScan, on,
                webhook);
    }

    public AppConfig withWebhook(WebhookSettings w) {
        return new AppConfig(appkey, secret, apiKey, allowedOrigins, qrUrl, anonymousPublish, revealUserOnScan,
                numberMatching, w);
    }

    @Override
    public String toString() {
        return "AppConfig[appkey=" + appkey + ", allowedOrigins=" + allowedOrigins + ", qrUrl=" + qrUrl
                + ", anonymousPublish=" + anonymousPublish + ", revealUserOnScan=" + revealUserOnScan
                + ", numberMatching=" + numberMatching + ", webhook=" + webhook + "]";
    }
}
