package io.qrpush.loadtest.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.concurrent.ScheduledFuture;
import io.qrpush.protocol.FrameCodec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The client side's event loops: one per core (epoll where available), shared by every
 * connection, so 18,000 connections cost 2 threads, not 18,000. New connections take the
 * configured source addresses in turn, because one source address has only ~28,000 ephemeral
 * ports towards one server port.
 */
public final class ClientLoop implements AutoCloseable {
    /** Bigger than the server's default maxFrameBytes so the server's limit is the one tested. */
    private static final int MAX_FRAME = 1 << 20;

    private final Endpoint endpoint;
    private final List<InetAddress> sources;
    private final WsConnection.ErrorSink errors;
    private final FrameCodec codec = new FrameCodec();
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final AtomicInteger nextSource = new AtomicInteger();
    private final int httpConnections;
    /** The pools that carry streams' uplinks, one per node. */
    private final ConcurrentHashMap<Endpoint, HttpPool> uplinks = new ConcurrentHashMap<>();

    public ClientLoop(Endpoint endpoint, List<InetAddress> sources, int threads, WsConnection.ErrorSink errors) {
        this(endpoint, sources, threads, errors, 256);
    }

    /** {@code httpConnections}: the most HTTP connections the {@link ServerApi} keeps open at once. */
    public ClientLoop(Endpoint endpoint, List<InetAddress> sources, int threads, WsConnection.ErrorSink errors,
                      int httpConnections) {
        this.httpConnections = httpConnections;
        this.endpoint = endpoint;
        this.sources = List.copyOf(sources);
        this.errors = errors;
        boolean epoll = Epoll.isAvailable();
        this.group = epoll ? new EpollEventLoopGroup(threads) : new NioEventLoopGroup(threads);
        this.bootstrap = new Bootstrap().group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
    }

    public EventLoopGroup group() {
        return group;
    }

    public FrameCodec codec() {
        return codec;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    int httpConnections() {
        return httpConnections;
    }

    /** A bootstrap on these event loops for other protocols (the HTTP pool); add a handler before use. */
    Bootstrap httpBootstrap() {
        return bootstrap.clone();
    }

    /** Opens a WebSocket to {@link #endpoint()}; completes once the upgrade is done, or fails with the reason. */
    public CompletableFuture<WsConnection> connect() {
        return connect(endpoint);
    }

    /**
     * Opens a WebSocket to {@code target} (one node of a cluster), on these event loops; over HTTP
     * streaming, the connection for its stream, which opens with the first frame sent.
     */
    public CompletableFuture<WsConnection> connect(Endpoint target) {
        if (target.stream()) {
            return connectStream(target);
        }
        WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(target.ws(),
                WebSocketVersion.V13, null, false, EmptyHttpHeaders.INSTANCE, MAX_FRAME, true, false, 3000L,
                false, false);
        WsClientHandler handler = new WsClientHandler(handshaker, codec, errors);
        // One pick of a loop per connection, for its channel and its timeout both: two calls to
        // group.next() per connection put every connection on the same loop of two.
        EventLoop loop = group.next();
        Bootstrap b = bootstrap.clone(loop).handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536), handler);
            }
        });
        InetSocketAddress remote = new InetSocketAddress(target.host(), target.port());
        ChannelFuture cf = sources.isEmpty() ? b.connect(remote)
                : b.connect(remote, new InetSocketAddress(sources.get(
                        Math.floorMod(nextSource.getAndIncrement(), sources.size())), 0));
        CompletableFuture<WsConnection> result = handler.handshakeFuture();
        cf.addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(f.cause());
            }
        });
        // A server that accepts but never answers the upgrade must not hold the connection for ever.
        Channel ch = cf.channel();
        ScheduledFuture<?> timeout = loop.schedule(() -> {
            if (result.completeExceptionally(new java.util.concurrent.TimeoutException("no upgrade in 10 s"))) {
                ch.close();
            }
        }, 10, TimeUnit.SECONDS);
        // Left pending, the task would hold every connection opened in the last 10 s, closed or not.
        result.whenComplete((c, e) -> timeout.cancel(false));
        return result;
    }

    private CompletableFuture<WsConnection> connectStream(Endpoint target) {
        HttpPool uplinks = this.uplinks.computeIfAbsent(target, t -> new HttpPool(t, httpBootstrap(), httpConnections));
        CompletableFuture<WsConnection> result = new CompletableFuture<>();
        AtomicReference<WsConnection> made = new AtomicReference<>();
        Bootstrap b = bootstrap.clone(group.next()).handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                StreamUplink uplink = new StreamUplink(ch, target, uplinks::send, errors);
                WsConnection c = new WsConnection(ch, codec, errors, uplink);
                uplink.connection(c);
                ch.pipeline().addLast(new HttpClientCodec(), new StreamClientHandler(c, uplink, errors));
                made.set(c);
            }
        });
        InetSocketAddress remote = new InetSocketAddress(target.host(), target.port());
        ChannelFuture cf = sources.isEmpty() ? b.connect(remote)
                : b.connect(remote, new InetSocketAddress(sources.get(
                        Math.floorMod(nextSource.getAndIncrement(), sources.size())), 0));
        // Connected is all there is to wait for: the stream itself opens with the first frame.
        cf.addListener(f -> {
            if (f.isSuccess()) {
                result.complete(made.get());
            } else {
                result.completeExceptionally(f.cause());
            }
        });
        return result;
    }

    /**
     * An error key for a failed connect: the cause an operator can act on. Netty wraps the
     * system's reason (a socket that could not be created is a {@code ChannelException} around
     * "Too many open files"), so the whole cause chain is read.
     */
    public static String connectErrorKey(Throwable t) {
        Throwable c = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
        StringBuilder chain = new StringBuilder();
        // Bounded: a cause chain may loop.
        for (Throwable e = c; e != null && chain.length() < 4096; e = e.getCause()) {
            chain.append(e.getMessage()).append('\n');
        }
        String m = chain.toString();
        if (m.contains("Too many open files")) {
            return "connect:too_many_open_files";
        }
        if (m.contains("Cannot assign requested address") || m.contains("Address not available")) {
            return "connect:no_free_local_port";
        }
        if (m.contains("Connection refused")) {
            return "connect:refused";
        }
        // A server that sheds connections at admission may reset them as they complete.
        if (m.contains("Connection reset")) {
            return "connect:reset";
        }
        if (c instanceof java.util.concurrent.TimeoutException || m.contains("timed out")) {
            return "connect:timeout";
        }
        if (c instanceof WsClientHandler.HandshakeException) {
            return "connect:" + m.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "");
        }
        return "connect:" + c.getClass().getSimpleName();
    }

    @Override
    public void close() {
        uplinks.values().forEach(HttpPool::close);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
