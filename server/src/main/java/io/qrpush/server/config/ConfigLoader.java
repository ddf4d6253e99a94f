package io.qrpush.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code qrpush.yaml} into a {@link QrpushConfig}: unknown keys and bad values are refused
 * with their key path and reason, all of them at once. {@code QRPUSH_PORT}, {@code QRPUSH_HOST}
 * and {@code QRPUSH_REDIS_URI} in the environment override the file.
 */
public final class ConfigLoader {
    private static final Set<String> TOP = Set.of("server", "limits", "login", "broker", "apps", "demo", "namespaces",
            "admin");
    private static final Set<String> SERVER = Set.of("host", "port", "publicUrl", "trustedProxies", "forwardedHeader",
            "tls", "ioThreads", "metricsToken", "drainWindow");
    private static final Set<String> TLS = Set.of("certificate", "privateKey");
    private static final Set<String> LIMITS = Set.of("maxFrameBytes", "maxContentBytes", "maxSubscriptions",
            "maxOutboundBytes", "authorizeTimeout", "pingInterval", "idleTimeout", "dedupeWindow", "maxRequestsPerSecond",
            "httpHeadTimeout", "httpBodyTimeout", "httpBodyMinBytesPerSecond", "httpIdleTimeout", "maxHeaderBytes",
            "maxBodyBytesInFlight", "maxConnections", "maxConnectionsPerIp");
    private static final Set<String> LOGIN = Set.of("loginTtl", "confirmTtl", "ticketTtl", "pcGrace", "createPerMinute",
            "maxLoopLag", "unknownKeysPerMinute", "failedRedeemsPerMinute", "maxLiveSessions",
            "scansPerUserPerMinute");
    private static final Set<String> BROKER = Set.of("type", "redis", "partitions", "gapCheckInterval");
    private static final Set<String> APP = Set.of("appkey", "secret", "apiKey", "allowedOrigins", "qrUrl",
            "anonymousPublish", "revealUserOnScan", "numberMatching", "webhook");
    private static final Set<String> WEBHOOK = Set.of("url", "secret", "events", "vacatedDelay", "timeout",
            "retryBackoff", "retryFor");
    private static final Set<String> NAMESPACE = Set.of("name", "historySize", "historyTtl", "presence", "joinLeave");
    private static final Set<String> ADMIN = Set.of("token");
    private static final Set<String> DEMO = Set.of("enabled", "allowNonLoopback", "appkey");

    private ConfigLoader() {
    }

    /** Reads and validates the file, then applies the environment overrides. */
    public static QrpushConfig load(Path file, Map<String, String> env) throws ConfigException {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot be read as YAML: " + e.getMessage()));
        }
        return parse(root, env);
    }

    /** Reads a parsed tree; public for tests that build YAML in memory. */
    public static QrpushConfig parse(JsonNode root, Map<String, String> env) throws ConfigException {
        YamlFields y = new YamlFields();
        JsonNode top = y.object(root, "", TOP);
        ServerSettings server = server(y, y.object(top.get("server"), "server", SERVER), env);
        Limits limits = limits(y, y.object(top.get("limits"), "limits", LIMITS));
        LoginSettings login = login(y, y.object(top.get("login"), "login", LOGIN));
        BrokerSettings broker = broker(y, y.object(top.get("broker"), "broker", BROKER), env);
        List<AppConfig> apps = apps(y, top.get("apps"));
        DemoSettings demo = demo(y, y.object(top.get("demo"), "demo", DEMO));
        Namespaces namespaces = namespaces(y, top.get("namespaces"));
        AdminSettings admin = new AdminSettings(y.string(y.object(top.get("admin"), "admin", ADMIN), "admin", "token", null));
        if (!y.problems().isEmpty()) {
            throw new ConfigException(y.problems());
        }
        QrpushConfig config = new QrpushConfig(server, limits, login, broker, apps, demo, namespaces, admin);
        List<String> problems = ConfigValidator.validate(config);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return config;
    }

    private static ServerSettings server(YamlFields y, JsonNode n, Map<String, String> env) {
        ServerSettings d = ServerSettings.defaults();
        String host = env.getOrDefault("QRPUSH_HOST", y.string(n, "server", "host", d.host()));
        int port = y.integer(n, "server", "port", d.port(), 0, 65535);
        String portEnv = env.get("QRPUSH_PORT");
        if (portEnv != null) {
            try {
                port = Integer.parseInt(portEnv.trim());
            } catch (NumberFormatException e) {
                y.problem("QRPUSH_PORT (environment)", "must be a port number, not '" + portEnv + "'");
            }
        }
        JsonNode tls = y.object(n.get("tls"), "server.tls", TLS);
        TlsSettings tlsSettings = tls.isMissingNode() ? null : new TlsSettings(
                y.string(tls, "server.tls", "certificate", null), y.string(tls, "server.tls", "privateKey", null));
        return new ServerSettings(host, port, y.string(n, "server", "publicUrl", d.publicUrl()),
                y.strings(n, "server", "trustedProxies"), tlsSettings,
                y.integer(n, "server", "ioThreads", d.ioThreads(), 0, 1024),
                y.string(n, "server", "forwardedHeader", d.forwardedHeader()),
                y.string(n, "server", "metricsToken", d.metricsToken()),
                y.durationOrOff(n, "server", "drainWindow", d.drainWindow()));
    }

    private static Limits limits(YamlFields y, JsonNode n) {
        Limits d = Limits.defaults();
        return new Limits(
                y.integer(n, "limits", "maxFrameBytes", d.maxFrameBytes(), 1024, 16 << 20),
                y.integer(n, "limits", "maxContentBytes", d.maxContentBytes(), 16, 16 << 20),
                y.integer(n, "limits", "maxSubscriptions", d.maxSubscriptions(), 1, 100_000),
                y.integer(n, "limits", "maxOutboundBytes", d.maxOutboundBytes(), 4096, 1 << 30),
                y.duration(n, "limits", "authorizeTimeout", d.authorizeTimeout()),
                y.duration(n, "limits", "pingInterval", d.pingInterval()),
                y.duration(n, "limits", "idleTimeout", d.idleTimeout()),
                y.duration(n, "limits", "dedupeWindow", d.dedupeWindow()),
                y.integer(n, "limits", "maxRequestsPerSecond", d.maxRequestsPerSecond(), 1, 1_000_000),
                httpLimits(y, n));
    }

    private static HttpLimits httpLimits(YamlFields y, JsonNode n) {
        HttpLimits d = HttpLimits.defaults();
        return new HttpLimits(
                y.duration(n, "limits", "httpHeadTimeout", d.httpHeadTimeout()),
                y.duration(n, "limits", "httpBodyTimeout", d.httpBodyTimeout()),
                y.integer(n, "limits", "httpBodyMinBytesPerSecond", d.httpBodyMinBytesPerSecond(), 1, 1 << 30),
                y.duration(n, "limits", "httpIdleTimeout", d.httpIdleTimeout()),
                y.integer(n, "limits", "maxHeaderBytes", d.maxHeaderBytes(), 1024, 1 << 20),
                y.integer(n, "limits", "maxBodyBytesInFlight", d.maxBodyBytesInFlight(), 65536, 1 << 30),
                y.integer(n, "limits", "maxConnections", d.maxConnections(), 0, 10_000_000),
                y.integer(n, "limits", "maxConnectionsPerIp", d.maxConnectionsPerIp(), 0, 10_000_000));
    }

    private static LoginSettings login(YamlFields y, JsonNode n) {
        LoginSettings d = LoginSettings.defaults();
        return new LoginSettings(
                y.duration(n, "login", "loginTtl", d.loginTtl()),
                y.duration(n, "login", "confirmTtl", d.confirmTtl()),
                y.duration(n, "login", "ticketTtl", d.ticketTtl()),
                y.duration(n, "login", "pcGrace", d.pcGrace()),
                y.integer(n, "login", "createPerMinute", d.createPerMinute(), 1, 1_000_000),
                y.durationOrOff(n, "login", "maxLoopLag", d.maxLoopLag()),
                y.integer(n, "login", "unknownKeysPerMinute", d.unknownKeysPerMinute(), 1, 1_000_000),
                y.integer(n, "login", "failedRedeemsPerMinute", d.failedRedeemsPerMinute(), 1, 1_000_000),
                y.integer(n, "login", "maxLiveSessions", d.maxLiveSessions(), 1, 100_000_000),
                y.integer(n, "login", "scansPerUserPerMinute", d.scansPerUserPerMinute(), 1, 10_000));
    }

    private static BrokerSettings broker(YamlFields y, JsonNode n, Map<String, String> env) {
        BrokerSettings d = BrokerSettings.defaults();
        String redis = env.getOrDefault("QRPUSH_REDIS_URI", y.string(n, "broker", "redis", d.redis()));
        return new BrokerSettings(y.string(n, "broker", "type", d.type()), redis,
                y.integer(n, "broker", "partitions", d.partitions(), 1, BrokerSettings.MAX_PARTITIONS),
                y.durationOrOff(n, "broker", "gapCheckInterval", d.gapCheckInterval()));
    }

    private static DemoSettings demo(YamlFields y, JsonNode n) {
        DemoSettings d = DemoSettings.defaults();
        return new DemoSettings(y.bool(n, "demo", "enabled", d.enabled()),
                y.bool(n, "demo", "allowNonLoopback", d.allowNonLoopback()), y.string(n, "demo", "appkey", d.appkey()));
    }

    private static List<AppConfig> apps(YamlFields y, JsonNode n) {
        List<AppConfig> apps = new ArrayList<>();
        if (n == null || n.isNull()) {
            return apps;
        }
        if (!n.isArray()) {
            y.problem("apps", "must be a list of apps");
            return apps;
        }
        for (int i = 0; i < n.size(); i++) {
            String path = "apps[" + i + "]";
            JsonNode a = y.object(n.get(i), path, APP);
            apps.add(new AppConfig(y.string(a, path, "appkey", null), y.string(a, path, "secret", null),
                    y.string(a, path, "apiKey", null), y.strings(a, path, "allowedOrigins"),
                    y.string(a, path, "qrUrl", null), y.bool(a, path, "anonymousPublish", false),
                    y.bool(a, path, "revealUserOnScan", false), y.bool(a, path, "numberMatching", false),
                    webhook(y, a.get("webhook"), path + ".webhook")));
        }
        return apps;
    }

    /** An app's {@code webhook}, or null when it has none. */
    private static WebhookSettings webhook(YamlFields y, JsonNode n, String path) {
        JsonNode w = y.object(n, path, WEBHOOK);
        if (w.isMissingNode()) {
            return null;
        }
        return new WebhookSettings(y.string(w, path, "url", null), y.string(w, path, "secret", null),
                y.strings(w, path, "events"),
                y.duration(w, path, "vacatedDelay", WebhookSettings.DEFAULT_VACATED_DELAY),
                y.duration(w, path, "timeout", WebhookSettings.DEFAULT_TIMEOUT),
                y.duration(w, path, "retryBackoff", WebhookSettings.DEFAULT_RETRY_BACKOFF),
                y.duration(w, path, "retryFor", WebhookSettings.DEFAULT_RETRY_FOR));
    }

    private static Namespaces namespaces(YamlFields y, JsonNode n) {
        List<NamespaceSettings> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return Namespaces.none();
        }
        if (!n.isArray()) {
            y.problem("namespaces", "must be a list of namespaces (name, historySize, historyTtl, presence, joinLeave)");
            return Namespaces.none();
        }
        for (int i = 0; i < n.size(); i++) {
            String path = "namespaces[" + i + "]";
            JsonNode ns = y.object(n.get(i), path, NAMESPACE);
            out.add(new NamespaceSettings(y.string(ns, path, "name", null),
                    y.integer(ns, path, "historySize", 0, 0, NamespaceSettings.MAX_HISTORY_SIZE),
                    y.duration(ns, path, "historyTtl", NamespaceSettings.DEFAULT_HISTORY_TTL),
                    y.bool(ns, path, "presence", false), y.bool(ns, path, "joinLeave", false)));
        }
        return new Namespaces(out);
    }
}
