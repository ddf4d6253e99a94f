package io.qrpush.server.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * An app's webhook (docs/webhooks.md): where its backend is told of login, channel and presence
 * events. The secret signs every request and is never logged ({@link #toString()} leaves it out).
 *
 * @param events       the event types sent, each one of {@link #EVENT_TYPES}
 * @param vacatedDelay how long a channel must stay empty before {@code channel.vacated}, so a page
 *                     reload is not an exit
 * @param timeout      how long one request may take before it counts as failed
 * @param retryBackoff the wait before the first retry; it doubles up to {@link #MAX_BACKOFF}
 * @param retryFor     how long an event is retried before it is dropped
 */
public record WebhookSettings(String url, String secret, List<String> events, Duration vacatedDelay, Duration timeout,
                              Duration retryBackoff, Duration retryFor) {
    /** Every event type a webhook may ask for. */
    public static final List<String> EVENT_TYPES = List.of("login.scanned", "login.confirmed", "login.cancelled",
            "login.expired", "login.revoked", "channel.occupied", "channel.vacated", "presence.join", "presence.leave");
    public static final Duration DEFAULT_VACATED_DELAY = Duration.ofSeconds(3);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_RETRY_FOR = Duration.ofMinutes(10);
    /** The longest wait between two attempts, however long the receiver has been failing. */
    public static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    public WebhookSettings {
        events = List.copyOf(events);
    }

    /** The defaults of the protocol: 3 s vacated delay, 5 s timeout, retries for 10 minutes from 1 s. */
    public WebhookSettings(String url, String secret, List<String> events) {
        this(url, secret, events, DEFAULT_VACATED_DELAY, DEFAULT_TIMEOUT, DEFAULT_RETRY_BACKOFF, DEFAULT_RETRY_FOR);
    }

    /** Whether the app asked for events of this type. */
    public boolean wants(String type) {
        return events.contains(type);
    }

    /** Whether the app asked for {@code channel.occupied} or {@code channel.vacated}. */
    public boolean wantsChannelEvents() {
        return wants("channel.occupied") || wants("channel.vacated");
    }

    public WebhookSettings withVacatedDelay(Duration d) {
        return new WebhookSettings(url, secret, events, d, timeout, retryBackoff, retryFor);
    }

    /** Faster retries and timeouts, for tests that cannot wait for the protocol's. */
    public WebhookSettings withRetries(Duration newTimeout, Duration backoff, Duration retryLimit) {
        return new WebhookSettings(url, secret, events, vacatedDelay, newTimeout, backoff, retryLimit);
    }

    /** Problems with this webhook, each naming its key under {@code path}. */
    List<String> problems(String path) {
        List<String> p = new java.util.ArrayList<>();
        if (url == null || !(url.startsWith("https://") || url.startsWith("http://")) || !parses(url)) {
            p.add(path + ".url: required, an http(s) URL like https://backend.example/qrpush-hooks");
        }
        if (secret == null || secret.length() < ConfigValidator.MIN_SECRET_LENGTH) {
            p.add(path + ".secret: required, at least " + ConfigValidator.MIN_SECRET_LENGTH
                    + " characters (generate one: openssl rand -base64 32)");
        }
        if (events.isEmpty()) {
            p.add(path + ".events: list at least one of " + String.join(", ", EVENT_TYPES));
        }
        Set<String> known = Set.copyOf(EVENT_TYPES);
        for (int i = 0; i < events.size(); i++) {
            if (!known.contains(events.get(i))) {
                p.add(path + ".events[" + i + "]: unknown event '" + events.get(i) + "' (known: "
                        + String.join(", ", EVENT_TYPES) + ")");
            }
        }
        if (retryBackoff.compareTo(retryFor) > 0) {
            p.add(path + ".retryBackoff: must not be longer than " + path + ".retryFor");
        }
        return p;
    }

    private static boolean parses(String url) {
        try {
            java.net.URI u = new java.net.URI(url);
            return u.getHost() != null && u.getUserInfo() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "WebhookSettings[url=" + url + ", events=" + events + ", vacatedDelay=" + vacatedDelay + "]";
    }
}
