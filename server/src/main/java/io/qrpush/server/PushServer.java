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
import io.qrpush.protocol.CloseCodes;
import io.qrpush.server.config.QrpushConfig;
import io.qrpush.server.config.TlsSettings;
import io.qrpush.server.core.Node;
import io.qrpush.server.core.Session;
import io.qrpush.server.demo.DemoRoutes;
import io.qrpush.server.http.HttpRouter;
import io.qrpush.server.http.OpsRoutes;
import io.qrpush.server.http.ServerApiRoutes;
import io.qrpush.server.http.StaticFiles;
import io.qrpush.server.login.LoginRoutes;
import io.qrpush.server.login.LoginService;
import io.qrpush.server.login.MemoryLoginStore;
import io.qrpush.server.metrics.ServerMetrics;
import io.qrpush.server.transport.ConnectionCuts;
import io.qrpush.server.transport.EventLoopLagProbe;
import io.qrpush.server.transport.ServerInitializer;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running qrpush node: owns the event loops, the listening socket and the {@link Node}.
 * {@link #start()} binds and returns the port; {@link #close()} drains: every client is told
 * {@code disconnect} 1001 with {@code reconnect:true} before the loops stop.
 */
public final class PushServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PushServer.class);
    /** How long {@link #close()} waits for clients to take their disconnect. */
    private static final long DRAIN_MILLIS = 3000;
    /** How often the connections cut to protect the node are summed up in the log. */
    private static final long CUTS_LOG_SECONDS = 60;

    private final QrpushConfig config;
    private final Node node;
    private final HttpRouter router = new HttpRouter();
    private final LoginService login;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel listener;
    private EventLoopLagProbe lagProbe;
    private ScheduledFuture<?> cutsLog;

    public PushServer(QrpushConfig config) {
        this(config, Nodes.create(config, new ServerMetrics(), Clock.systemUTC()));
    }

    /** A server on a node built elsewhere (tests), with login sessions in memory. */
    public PushServer(QrpushConfig config, Node node) {
        this(config, new Nodes.Built(node, new MemoryLoginStore()));
    }

    private PushServer(QrpushConfig config, Nodes.Built built) {
        this.config = config;
        this.node = built.node();
        ServerApiRoutes.register(router, node);
        OpsRoutes.register(router, node);
        this.login = new LoginService(node, built.loginStore());
        node.useLogin(login);
        LoginRoutes.register(router, node, login);
        StaticFiles files = StaticFiles.fromClasspath();
        // Unversioned URLs: cached briefly, then revalidated by ETag; any site may load the client.
        router.add("GET", "/client/*", files.route("public, max-age=600", Map.of("Access-Control-Allow-Origin", "*")));
        if (config.demo().enabled()) {
            DemoRoutes.register(router, node, login, files);
        }
    }

    /** Scan-to-login: its sessions and timers. */
    public LoginService login() {
        return login;
    }

    public Node node() {
        return node;
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
        ConnectionCuts cuts = new ConnectionCuts(node.metrics());
        ServerInitializer init = new ServerInitializer(node, router, channels, tlsContext(config), cuts);
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(channelType)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .handler(init.admission())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(init);
        listener = b.bind(config.server().host(), config.server().port()).sync().channel();
        cutsLog = node.scheduler().scheduleAtFixedRate(() -> cuts.logSummary(CUTS_LOG_SECONDS), CUTS_LOG_SECONDS,
                CUTS_LOG_SECONDS, TimeUnit.SECONDS);
        lagProbe = new EventLoopLagProbe(workers, node.scheduler(), EventLoopLagProbe.WINDOW_MILLIS,
                node.overload()::observe);
        int port = ((InetSocketAddress) listener.localAddress()).getPort();
        boolean tls = config.server().tls() != null;
        LOG.info("qrpush serving on {}://{}:{} (WebSocket {}://{}:{}{}, {} transport, {} I/O threads, {} broker)",
                tls ? "https" : "http", config.server().host(), port, tls ? "wss" : "ws", config.server().host(), port,
                ServerInitializer.WEBSOCKET_PATH, epoll ? "epoll" : "nio", ioThreads, config.broker().type());
        int perIp = config.limits().http().maxConnectionsPerIp();
        LOG.info("admitting up to {} connections ({} per address; limits.maxConnections, limits.maxConnectionsPerIp)",
                init.maxConnections(), perIp == 0 ? "no limit" : perIp);
        if (config.demo().enabled()) {
            LOG.info("demo: open http://{}:{}/demo/ (app '{}'; turn off with demo.enabled: false)",
                    config.server().host(), port, config.demo().appkey());
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

    /** Stops accepting, tells every client to reconnect elsewhere, waits briefly, then stops. */
    @Override
    public void close() {
        if (listener != null) {
            listener.close().awaitUninterruptibly();
        }
        int n = 0;
        for (Session s : node.sessions()) {
            s.kick(CloseCodes.SHUTTING_DOWN, "server shutting down", true);
            n++;
        }
        if (n > 0) {
            LOG.info("draining {} connections", n);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
        while (node.sessions().iterator().hasNext() && System.nanoTime() < deadline) {
            channels.newCloseFuture().awaitUninterruptibly(20);
        }
        channels.close().awaitUninterruptibly();
        if (lagProbe != null) {
            lagProbe.close();
        }
        if (cutsLog != null) {
            cutsLog.cancel(false);
        }
        if (workers != null) {
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        }
        login.close();
        node.close();
    }
}
