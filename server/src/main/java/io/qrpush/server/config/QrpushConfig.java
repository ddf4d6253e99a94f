package io.qrpush.server.config;

import java.util.List;

/** The whole server configuration, immutable; read by {@link ConfigLoader}. */
public record QrpushConfig(ServerSettings server, Limits limits, LoginSettings login, BrokerSettings broker,
                           List<AppConfig> apps, DemoSettings demo, Namespaces namespaces, AdminSettings admin) {
    public QrpushConfig {
        apps = List.copyOf(apps);
        demo = demo == null ? DemoSettings.defaults() : demo;
        namespaces = namespaces == null ? Namespaces.none() : namespaces;
        admin = admin == null ? AdminSettings.off() : admin;
    }

    /** The admin page off. */
    public QrpushConfig(ServerSettings server, Limits limits, LoginSettings login, BrokerSettings broker,
                        List<AppConfig> apps, DemoSettings demo, Namespaces namespaces) {
        this(server, limits, login, broker, apps, demo, namespaces, AdminSettings.off());
    }

    /** No namespaces configured: no channel keeps history or presence. */
    public QrpushConfig(ServerSettings server, Limits limits, LoginSettings login, BrokerSettings broker,
                        List<AppConfig> apps, DemoSettings demo) {
        this(server, limits, login, broker, apps, demo, Namespaces.none());
    }

    /** The demo off, as in any configuration without a {@code demo} section. */
    public QrpushConfig(ServerSettings server, Limits limits, LoginSettings login, BrokerSettings broker,
                        List<AppConfig> apps) {
        this(server, limits, login, broker, apps, DemoSettings.defaults(), Namespaces.none());
    }

    /** Defaults for everything but the apps, which every deployment must name. */
    public static QrpushConfig of(List<AppConfig> apps) {
        return new QrpushConfig(ServerSettings.defaults(), Limits.defaults(), LoginSettings.defaults(),
                BrokerSettings.defaults(), apps);
    }

    public QrpushConfig withServer(ServerSettings s) {
        return new QrpushConfig(s, limits, login, broker, apps, demo, namespaces, admin);
    }

    public QrpushConfig withLimits(Limits l) {
        return new QrpushConfig(server, l, login, broker, apps, demo, namespaces, admin);
    }

    public QrpushConfig withLogin(LoginSettings l) {
        return new QrpushConfig(server, limits, l, broker, apps, demo, namespaces, admin);
    }

    public QrpushConfig withBroker(BrokerSettings b) {
        return new QrpushConfig(server, limits, login, b, apps, demo, namespaces, admin);
    }

    public QrpushConfig withDemo(DemoSettings d) {
        return new QrpushConfig(server, limits, login, broker, apps, d, namespaces, admin);
    }

    public QrpushConfig withNamespaces(Namespaces n) {
        return new QrpushConfig(server, limits, login, broker, apps, demo, n, admin);
    }

    public QrpushConfig withAdmin(AdminSettings a) {
        return new QrpushConfig(server, limits, login, broker, apps, demo, namespaces, a);
    }
}
