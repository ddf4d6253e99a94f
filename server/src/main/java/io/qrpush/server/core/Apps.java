package io.qrpush.server.core;

import io.qrpush.protocol.token.SecretDigest;
import io.qrpush.server.config.AppConfig;
import io.qrpush.server.config.Origins;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The configured apps, looked up by appkey, by API key (in constant time) and by origin. */
public final class Apps {
    private final Map<String, AppConfig> byAppkey = new HashMap<>();
    private final Map<String, Set<String>> originsByAppkey = new HashMap<>();
    private final Set<String> anyAppOrigins = new HashSet<>();
    private final List<AppConfig> all;
    private final byte[][] apiKeyDigests;

    public Apps(List<AppConfig> apps) {
        this.all = List.copyOf(apps);
        this.apiKeyDigests = new byte[all.size()][];
        for (int i = 0; i < all.size(); i++) {
            AppConfig app = all.get(i);
            byAppkey.put(app.appkey(), app);
            Set<String> origins = new HashSet<>();
            for (String o : app.allowedOrigins()) {
                origins.add(Origins.normalise(o));
            }
            originsByAppkey.put(app.appkey(), origins);
            anyAppOrigins.addAll(origins);
            apiKeyDigests[i] = SecretDigest.of(app.apiKey());
        }
    }

    public AppConfig byAppkey(String appkey) {
        return appkey == null ? null : byAppkey.get(appkey);
    }

    public List<AppConfig> all() {
        return all;
    }

    /**
     * The app whose API key this is, or null. Digests of equal length are compared for every app
     * without stopping early, so timing says nothing about how much of a key was right.
     */
    public AppConfig byApiKey(String candidate) {
        if (candidate == null) {
            return null;
        }
        byte[] digest = SecretDigest.of(candidate);
        AppConfig found = null;
        for (int i = 0; i < apiKeyDigests.length; i++) {
            if (MessageDigest.isEqual(digest, apiKeyDigests[i])) {
                found = all.get(i);
            }
        }
        return found;
    }

    /** Whether a request without an app yet (a WebSocket upgrade) may come from this origin. */
    public boolean anyAppAllows(String origin) {
        return origin == null || anyAppOrigins.contains(Origins.normalise(origin));
    }

    /** Whether this app allows the origin; requests without an Origin header (apps, servers) pass. */
    public boolean allows(AppConfig app, String origin) {
        return origin == null || originsByAppkey.get(app.appkey()).contains(Origins.normalise(origin));
    }
}
