package io.qrpush.server.config;

import java.net.URI;
import java.util.Locale;

/**
 * Origins compared as {@code scheme://host:port}: both the configured list and a browser's
 * {@code Origin} header are normalised (lower case, default port dropped) and then compared
 * exactly, so {@code https://example.com} and {@code https://example.com:443} are one origin
 * but {@code https://evil-example.com} is never a match.
 */
public final class Origins {
    private Origins() {
    }

    /** The normalised origin, or null when {@code text} is not a bare http(s) origin. */
    public static String normalise(String text) {
        if (text == null || text.isEmpty() || text.length() > 512) {
            return null;
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())) {
                return null;
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80)
                    || (scheme.equals("https") && port == 443);
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            return scheme + "://" + host + (defaultPort ? "" : ":" + port);
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
