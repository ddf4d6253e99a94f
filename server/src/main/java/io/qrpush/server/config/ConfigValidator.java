package io.qrpush.server.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks that span several keys, run once at start-up; each problem names its key path. */
public final class ConfigValidator {
    private static final Pattern APPKEY = Pattern.compile("[A-Za-z0-9_\\-]{1,64}");
    /** Secrets and API keys shorter than this are guessable; 16 characters of a good generator are 96+ bits. */
    public static final int MIN_SECRET_LENGTH = 16;
    private static final Duration MAX_DRAIN_WINDOW = Duration.ofMinutes(5);

    private ConfigValidator() {
    }

    /** Every problem found; empty when the configuration can be used. */
    public static List<String> validate(QrpushConfig c) {
        List<String> p = new ArrayList<>();
        Limits l = c.limits();
        if (l.maxContentBytes() >= l.maxFrameBytes()) {
            p.add("limits.maxContentBytes: must be smaller than limits.maxFrameBytes (" + l.maxFrameBytes() + ")");
        }
        if (l.idleTimeout().compareTo(l.pingInterval()) <= 0) {
            p.add("limits.idleTimeout: must be longer than limits.pingInterval, or live clients are cut");
        }
        validateHttp(l, p);
        if (c.server().metricsToken() != null) {
            requireSecret(c.server().metricsToken(), "server.metricsToken", p);
        }
        if (c.server().drainWindow().compareTo(MAX_DRAIN_WINDOW) > 0) {
            p.add("server.drainWindow: must be at most 5m: a longer drain outlasts the stop timeout of systemd,"
                    + " Docker or Kubernetes, which then kill the node mid-drain");
        }
        String type = c.broker().type();
        if (!"memory".equals(type) && !"redis".equals(type)) {
            p.add("broker.type: must be memory or redis, not '" + type + "'");
        } else if ("redis".equals(type) && (c.broker().redis() == null || c.broker().redis().isBlank())) {
            p.add("broker.redis: required with broker.type redis, e.g. redis://127.0.0.1:6379 (or QRPUSH_REDIS_URI)");
        }
        Duration gaps = c.broker().gapCheckInterval();
        if (!gaps.isZero() && (gaps.compareTo(BrokerSettings.MIN_GAP_CHECK_INTERVAL) < 0
                || gaps.compareTo(BrokerSettings.MAX_GAP_CHECK_INTERVAL) > 0)) {
            p.add("broker.gapCheckInterval: must be 0s (off) or from 100ms to 10m");
        }
        validateTls(c.server().tls(), p);
        List<String> proxies = c.server().trustedProxies();
        for (int i = 0; i < proxies.size(); i++) {
            if (IpRange.parse(proxies.get(i)) == null) {
                p.add("server.trustedProxies[" + i + "]: '" + proxies.get(i)
                        + "' is not an IP address or CIDR range like 10.0.0.0/8 or fd00::/8");
            }
        }
        String header = c.server().forwardedHeader();
        if (!ServerSettings.X_FORWARDED_FOR.equalsIgnoreCase(header) && !ServerSettings.FORWARDED.equalsIgnoreCase(header)) {
            p.add("server.forwardedHeader: must be X-Forwarded-For or Forwarded (the one your proxies write), not '"
                    + header + "'");
        }
        if (c.apps().isEmpty()) {
            p.add("apps: at least one app is needed (appkey, secret, apiKey)");
        }
        Set<String> appkeys = new HashSet<>();
        for (int i = 0; i < c.apps().size(); i++) {
            validateApp(c.apps().get(i), "apps[" + i + "]", appkeys, p);
        }
        NamespaceChecks.validate(c.namespaces(), p);
        p.addAll(DemoSettings.problems(c));
        p.addAll(AdminSettings.problems(c.admin()));
        return p;
    }

    private static void validateApp(AppConfig a, String path, Set<String> seen, List<String> p) {
        if (a.appkey() == null || !APPKEY.matcher(a.appkey()).matches()) {
            p.add(path + ".appkey: required, 1 to 64 of A-Z a-z 0-9 _ -");
        } else if (!seen.add(a.appkey())) {
            p.add(path + ".appkey: '" + a.appkey() + "' is used by another app");
        }
        requireSecret(a.secret(), path + ".secret", p);
        requireSecret(a.apiKey(), path + ".apiKey", p);
        if (a.secret() != null && a.secret().equals(a.apiKey())) {
            p.add(path + ".apiKey: must differ from the secret (the apiKey travels over HTTP)");
        }
        for (int i = 0; i < a.allowedOrigins().size(); i++) {
            String o = a.allowedOrigins().get(i);
            if (Origins.normalise(o) == null) {
                p.add(path + ".allowedOrigins[" + i + "]: '" + o + "' is not an origin like https://example.com:8443"
                        + " (scheme, host and optional port; no path)");
            }
        }
        if (a.qrUrl() != null && (!a.qrUrl().contains("{key}")
                || !(a.qrUrl().startsWith("https://") || a.qrUrl().startsWith("http://")))) {
            p.add(path + ".qrUrl: must be an http(s) URL containing {key}, e.g. https://example.com/qr?k={key}");
        }
        if (a.webhook() != null) {
            p.addAll(a.webhook().problems(path + ".webhook"));
        }
    }

    private static void validateHttp(Limits l, List<String> p) {
        HttpLimits h = l.http();
        if (h.maxBodyBytesInFlight() < l.publishBodyBytes()) {
            p.add("limits.maxBodyBytesInFlight: must hold at least one publish body, limits.maxContentBytes + "
                    + HttpLimits.ENVELOPE_BYTES + " (" + l.publishBodyBytes() + ")");
        }
        if (h.httpIdleTimeout().compareTo(Duration.ofSeconds(1)) < 0) {
            p.add("limits.httpIdleTimeout: must be at least 1s, or browsers lose every keep-alive connection");
        }
        if (h.maxConnections() > 0 && h.maxConnectionsPerIp() > h.maxConnections()) {
            p.add("limits.maxConnectionsPerIp: must not exceed limits.maxConnections (" + h.maxConnections() + ")");
        }
    }

    private static void validateTls(TlsSettings tls, List<String> p) {
        if (tls == null) {
            return;
        }
        for (String[] file : new String[][] {{"certificate", tls.certificate()}, {"privateKey", tls.privateKey()}}) {
            if (file[1] == null || !java.nio.file.Files.isReadable(java.nio.file.Path.of(file[1]))) {
                p.add("server.tls." + file[0] + ": required with server.tls, a readable PEM file"
                        + (file[1] == null ? "" : " (cannot read " + file[1] + ")"));
            }
        }
    }

    private static void requireSecret(String value, String path, List<String> p) {
        if (value == null || value.length() < MIN_SECRET_LENGTH) {
            p.add(path + ": required, at least " + MIN_SECRET_LENGTH + " characters (generate one: openssl rand -base64 32)");
        }
    }
}
