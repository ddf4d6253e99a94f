package io.qrpush.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A scripted WebSocket server on port 0 for deterministic client tests: the test sees every frame
 * the client sends and answers (or does not) exactly as the case needs, which the real server
 * never would (a redelivered message, a 503 to authorize, a close code of its choice).
 */
final class FakeWsServer implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final LinkedBlockingQueue<Peer> peers = new LinkedBlockingQueue<>();
    private final Channel listener;

    FakeWsServer() throws InterruptedException {
        listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        Peer peer = new Peer(ch);
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                new WebSocketServerProtocolHandler("/ws", null, false, 65536, false, true),
                                peer);
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    String url() {
        return "ws://127.0.0.1:" + ((InetSocketAddress) listener.localAddress()).getPort() + "/ws";
    }

    /** A client of this server with test-sized reconnect delays and pings off. */
    QrPushClient.Builder client() {
        return QrPushClient.builder(url(), "app")
                .reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(40))
                .ping(Duration.ZERO, Duration.ZERO);
    }

    /** Connects {@code client}, accepts its authorize and waits until the client knows it is connected. */
    Peer connect(QrPushClient client) throws Exception {
        CompletableFuture<ConnectInfo> c = client.connect();
        Peer peer = nextPeer();
        peer.accept();
        c.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return peer;
    }

    /** The next connection, once upgraded. */
    Peer nextPeer() throws InterruptedException {
        Peer p = peers.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (p == null) {
            throw new AssertionError("no connection within " + WAIT);
        }
        return p;
    }

    /** Null unless a client connects within {@code d}. */
    Peer peerWithin(Duration d) throws InterruptedException {
        return peers.poll(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One client connection as the server sees it. */
    final class Peer extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        private final Channel ch;
        private final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();

        Peer(Channel ch) {
            this.ch = ch;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                peers.add(this);
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) throws Exception {
            frames.add(JSON.readTree(frame.text()));
        }

        /** The next frame the client sent with this op (others before it are dropped). */
        JsonNode next(String op) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                JsonNode f = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (f == null) {
                    throw new AssertionError("no " + op + " frame within " + WAIT);
                }
                if (op.equals(f.path("op").asText())) {
                    return f;
                }
            }
        }

        /** Null unless a frame with this op arrives within {@code d}. */
        JsonNode nextWithin(String op, Duration d) throws InterruptedException {
            long deadline = System.nanoTime() + d.toNanos();
            JsonNode f;
            while ((f = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
                if (op.equals(f.path("op").asText())) {
                    return f;
                }
            }
            return null;
        }

        void send(String json) {
            ch.writeAndFlush(new TextWebSocketFrame(json));
        }

        void reply(JsonNode request, String fields) {
            send("{\"op\":\"reply\",\"id\":" + request.path("id").asLong() + "," + fields + "}");
        }

        /** Waits for authorize and accepts it; returns the authorize frame. */
        JsonNode accept() throws InterruptedException {
            JsonNode auth = next("authorize");
            reply(auth, "\"code\":200,\"sid\":\"s1\",\"userId\":\"u1\",\"canPublish\":true,\"pingInterval\":25000");
            return auth;
        }

        void close(int code, String reason) {
            ch.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(f -> ch.close());
        }

        /** Drops the TCP connection without a close frame. */
        void drop() {
            ch.close();
        }
    }

    @Override
    public void close() {
        listener.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
