package io.qrpush.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.qrpush.server.admin.AdminApi;
import io.qrpush.server.admin.AdminRoutes;
import io.qrpush.server.admin.AdminStats;
import io.qrpush.server.config.QrpushConfig;
import io.qrpush.server.config.TlsSettings;
import io.qrpush.protocol.FrameCodec;
import io.qrpush.server.core.Apps;
import io.qrpush.server.core.Broker;
import io.qrpush.server.core.ChannelFeature;
import io.qrpush.server.core.Node;
import io.qrpush.server.core.Scheduler;
import io.qrpush.server.demo.DemoOrigins;
import io.qrpush.server.demo.DemoRoutes;
import io.qrpush.server.drain.Drain;
import io.qrpush.server.http.EmulationRoutes;
import io.qrpush.server.http.HttpParts;
import io.qrpush.server.http.HttpRouter;
import io.qrpush.server.http.JsonBodies;
import io.qrpush.server.http.OpsRoutes;
import io.qrpush.server.history.HistoryFeature;
import io.qrpush.server.history.HistoryRoutes;
import io.qrpush.server.presence.PresenceFeature;
import io.qrpush.server.presence.PresenceListener;
import io.qrpush.server.presence.PresenceRoutes;
import io.qrpush.server.webhook.LoginEvents;
import io.qrpush.server.webhook.OccupancyFeature;
import io.qrpush.server.webhook.PresenceEvents;
import io.qrpush.server.webhook.Webhooks;
import io.qrpush.server.http.ServerApiRoutes;
import io.qrpush.server.http.StaticFiles;
import io.qrpush.server.login.BackendLoginRoutes;
import io.qrpush.server.login.ClientIpResolver;
import io.qrpush.server.login.LoginAdmission;
import io.qrpush.server.login.LoginBudgets;
import io.qrpush.server.login.LoginFeature;
import io.qrpush.server.login.LoginRoutes;
import io.qrpush.server.login.LoginService;
import io.qrpush.server.login.PhoneRoutes;
import io.qrpush.server.login.StatusRoutes;
import io.qrpush.server.metrics.ServerMetrics;
import io.qrpush.server.transport.ConnectionProtection;
import io.qrpush.server.transport.EventLoopLagProbe;
import io.qrpush.server.transport.ServerInitializer;
import io.qrpush.server.transport.WheelScheduler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running qrpush node: owns the event loops, the listening socket and the {@link Node}.
 * {@link #start()} binds and returns the port; {@link #close()} drains: every client is told
 * {@code disconnect} 1001 with {@code reconnect:true}, spread over {@code server.drainWindow}
 * (see {@link Drain}), before the loops stop.
 */
public final class PushServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PushServer.class);
    /** How long {@link #close()} waits for the last clients told to take their disconnect. */
    private static final long DRAIN_MILLIS = 3000;
    /** How often the connections cut to protect the node are summed up in the log. */
    private static final long CUTS_LOG_SECONDS = 60;

    private final QrpushConfig config;
    private final Apps apps;
    private final ServerMetrics metrics;
    private final Node node;
    private final HttpRouter router = new HttpRouter();
    private final LoginService login;
    private final LoginAdmission admission;
    private final HistoryFeature history;
    private final PresenceFeature presence;
    private final Webhooks webhooks;
    private final Scheduler webhookTimers = new WheelScheduler("qrpush-webhook-timer");
    private final Drain drain;
    private final ConnectionProtection protection;
    /** Short periodic work: the lag probe's evaluation, the login rate limiter's sweep, the summary of cuts. */
    private final ScheduledExecutorService periodic = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "qrpush-periodic");
        t.setDaemon(true);
        return t;
    });
    /** The drain's batches alone: on {@link #periodic} other work could hold them up and end the drain late. */
    private final ScheduledExecutorService drainTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "qrpush-drain");
        t.setDaemon(true);
        return t;
    });
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel listener;
    private EventLoopLagProbe lagProbe;

    public PushServer(QrpushConfig config) {
        this(config, Nodes.create(config, Clock.systemUTC()), List.of());
    }

    /**
     * The wiring: every part is built here and handed to what uses it.
     *
     * @param backing       the broker and stores (tests pass troubled ones)
     * @param extraFeatures features that see their channels' events before login does (tests)
     */
    public PushServer(QrpushConfig config, Nodes.Backing backing, List<ChannelFeature> extraFeatures) {
        this.config = config;
        Clock clock = Clock.systemUTC();
        FrameCodec codec = new FrameCodec();
        this.apps = new Apps(config.apps());
        this.metrics = new ServerMetrics();
        this.admission = new LoginAdmission(config.login().maxLoopLag(), metrics);
        Scheduler loginTimers = new WheelScheduler("qrpush-login-timer");
        this.login = new LoginService(config.login(), backing.loginStore(), apps, metrics, clock, loginTimers);
        this.webhooks = new Webhooks(config.apps(), backing.webhooks(), metrics, codec.mapper(), clock);
        login.tellChangesTo(new LoginEvents(webhooks));
        List<ChannelFeature> features = new ArrayList<>(extraFeatures);
        features.add(new LoginFeature(login, loginTimers, config.login().pcGrace()));
        this.history = new HistoryFeature(config.namespaces(), backing.history());
        features.add(history);
        PresenceListener presenceWebhooks = new PresenceEvents(webhooks);
        this.presence = new PresenceFeature(config.namespaces(), listener -> backing.presence().apply(e -> {
            listener.changed(e);
            presenceWebhooks.changed(e);
        }));
        features.add(presence);
        OccupancyFeature occupancy = new OccupancyFeature(webhooks, backing.webhooks().occupancy(), webhookTimers);
        features.add(occupancy);
        this.node = new Node(backing.node(), config.limits(), apps, codec, metrics, clock, features);
        Broker broker = backing.node().broker();
        HttpParts parts = new HttpParts(apps, metrics, codec.mapper(), clock);
        HistoryRoutes.register(router, parts, history);
        PresenceRoutes.register(router, parts, presence);
        ServerApiRoutes.register(router, node, broker, config.limits(), parts);
        EmulationRoutes.register(router, node, parts, config.limits().maxFrameBytes());
        periodic.scheduleWithFixedDelay(history::expire, 1, 1, TimeUnit.SECONDS);
        history.startGapChecks(periodic, config.broker().gapCheckInterval());
        // The first ticks at once: a node lists itself alive before it serves anyone, or one that died
        // within its first interval would leave its presence entries (and occupancy marks) behind for good.
        long ping = config.limits().pingInterval().toMillis();
        periodic.scheduleWithFixedDelay(() -> upkeep("presence", presence::tick), 0, ping, TimeUnit.MILLISECONDS);
        periodic.scheduleWithFixedDelay(() -> upkeep("occupancy", occupancy::upkeep), 0, ping, TimeUnit.MILLISECONDS);
        this.drain = new Drain(node, config.server().drainWindow(), drainTimer, System::nanoTime);
        OpsRoutes.register(router, broker, metrics, config.server().metricsToken(), drain::draining);
        LoginBudgets budgets = new LoginBudgets(config, System::nanoTime);
        this.protection = new ConnectionProtection(config.limits().http(), config.server().trustedProxies(), metrics);
        // The doors of docs/protocol.md 4 and 8 beside the PC page's; each parked status poll holds a connection.
        StatusRoutes.register(router, parts, login, budgets, node, loginTimers, protection.maxConnections());
        PhoneRoutes.register(router, parts, login, budgets, node::firstUseOfOtp, config.login().confirmTtl());
        BackendLoginRoutes.register(router, parts, login);
        LoginRoutes.register(router, budgets, parts, login, admission, periodic);
        StaticFiles files = StaticFiles.fromClasspath();
        // Unversioned URLs: cached briefly, then revalidated by ETag; any site may load the client.
        router.add("GET", "/client/*", files.route("public, max-age=600", Map.of("Access-Control-Allow-Origin", "*")));
        if (config.demo().enabled()) {
            DemoRoutes.register(router, config.demo(), parts, login, budgets, files);
        }
        if (config.admin().enabled()) {
            AdminStats stats = new AdminStats(metrics.registry(), backing.nodes(), backing.node().nodeId(), clock,
                    codec.mapper());
            stats.start(periodic);
            JsonBodies bodies = new JsonBodies(codec.mapper());
            AdminRoutes.register(router, config, bodies, metrics, files, periodic,
                    new AdminApi(node, broker, apps, history, presence, stats, bodies));
        }
    }

    /** A periodic upkeep; a failure, even a thrown one, must not cancel the ticks to come. */
    private static void upkeep(String what, Supplier<CompletableFuture<?>> tick) {
        try {
            tick.get().exceptionally(err -> {
                LOG.debug("{} upkeep failed; the next tick tries again", what, err);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("{} upkeep failed; the next tick tries again", what, e);
        }
    }

    /** Scan-to-login: its sessions and timers. */
    public LoginService login() {
        return login;
    }

    public Apps apps() {
        return apps;
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    /** Routes are added before {@link #start()}; features register theirs here. */
    public HttpRouter router() {
        return router;
    }

    /** Binds and serves; returns the port (useful with port 0). */
    public int start() throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        int ioThreads = config.server().ioThreadsToStart();
        Class<? extends ServerChannel> channelType;
        if (epoll) {
            boss = new EpollEventLoopGroup(1);
            workers = new EpollEventLoopGroup(ioThreads);
            channelType = EpollServerSocketChannel.class;
        } else {
            boss = new NioEventLoopGroup(1);
            workers = new NioEventLoopGroup(ioThreads);
            channelType = NioServerSocketChannel.class;
        }
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .handler(protection.admission())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ServerInitializer(node, config.limits(), apps, router, channels, tlsContext(config),
                        protection, ClientIpResolver.of(config.server()), drain::draining));
        listener = b.bind(config.server().host(), config.server().port()).sync().channel();
        periodic.scheduleAtFixedRate(() -> protection.logSummary(CUTS_LOG_SECONDS), CUTS_LOG_SECONDS,
                CUTS_LOG_SECONDS, TimeUnit.SECONDS);
        lagProbe = new EventLoopLagProbe(workers, periodic, EventLoopLagProbe.WINDOW_MILLIS, admission::observe);
        int port = ((InetSocketAddress) listener.localAddress()).getPort();
        boolean tls = config.server().tls() != null;
        LOG.info("qrpush serving on {}://{}:{} (WebSocket {}://{}:{}{}, {} transport, {} I/O threads, {} broker)",
                tls ? "https" : "http", config.server().host(), port, tls ? "wss" : "ws", config.server().host(), port,
                ServerInitializer.WEBSOCKET_PATH, epoll ? "epoll" : "nio", ioThreads, config.broker().type());
        int perIp = config.limits().http().maxConnectionsPerIp();
        LOG.info("admitting up to {} connections ({} per address; limits.maxConnections, limits.maxConnectionsPerIp)",
                protection.maxConnections(), perIp == 0 ? "no limit" : perIp);
        if (config.demo().enabled()) {
            LOG.info("demo: open http://{}:{}/demo/ (app '{}'; turn off with demo.enabled: false)",
                    config.server().host(), port, config.demo().appkey());
            config.apps().stream().filter(a -> a.appkey().equals(config.demo().appkey())).findFirst()
                    .ifPresent(app -> DemoOrigins.problems(app, port, tls).forEach(LOG::warn));
        }
        return port;
    }

    /** The TLS context of {@code server.tls}, or null; a bad certificate or key stops the start. */
    private static SslContext tlsContext(QrpushConfig config) {
        TlsSettings tls = config.server().tls();
        if (tls == null) {
            return null;
        }
        try {
            return SslContextBuilder.forServer(new File(tls.certificate()), new File(tls.privateKey())).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalStateException("server.tls: cannot use " + tls.certificate() + " and its key ("
                    + e.getMessage() + "); the key must be an unencrypted PKCS#8 PEM (BEGIN PRIVATE KEY)", e);
        }
    }

    /**
     * Begins the shutdown drain (once; {@link #close()} begins it too): {@code /healthz} answers 503,
     * upgrades are refused, and the clients are told to reconnect elsewhere over
     * {@code server.drainWindow}. Completes when every client has been told.
     */
    public CompletableFuture<Void> drain() {
        return drain.start();
    }

    /** Drains, waits briefly for the last clients told to go, then stops accepting and stops. */
    @Override
    public void close() {
        drain().join();
        if (listener != null) {
            listener.close().awaitUninterruptibly();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
        while (node.hasSessions() && System.nanoTime() < deadline) {
            channels.newCloseFuture().awaitUninterruptibly(20);
        }
        channels.close().awaitUninterruptibly();
        if (lagProbe != null) {
            lagProbe.close();
        }
        if (workers != null) {
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        }
        login.close();
        node.close();
        history.close();
        presence.close();
        webhookTimers.close();
        webhooks.close();
        periodic.shutdownNow();
        drainTimer.shutdownNow();
    }
}
