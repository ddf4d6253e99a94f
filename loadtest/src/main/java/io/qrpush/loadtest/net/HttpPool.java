package io.qrpush.loadtest.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP/1.1 calls over a bounded pool of kept-alive connections on the load tester's own event
 * loops. A thousand login flows a second make two thousand calls a second; opening a connection
 * per call (or letting a general-purpose client grow its pool without bound) would measure
 * connection set-up and the client, not the server.
 */
final class HttpPool implements AutoCloseable {
    /** A status and body. */
    record Response(int status, byte[] body) {
    }

    private record Call(FullHttpRequest request, CompletableFuture<Response> result) {
    }

    private final Endpoint endpoint;
    private final Bootstrap bootstrap;
    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentLinkedQueue<Conn> idle = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Call> waiting = new ConcurrentLinkedQueue<>();

    HttpPool(Endpoint endpoint, Bootstrap bootstrap, int maxConnections) {
        this.endpoint = endpoint;
        this.bootstrap = bootstrap;
        this.max = maxConnections;
    }

    CompletableFuture<Response> send(HttpMethod method, String path, Map<String, String> headers, byte[] body) {
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, path,
                Unpooled.wrappedBuffer(body));
        req.headers().set(HttpHeaderNames.HOST, endpoint.host() + ":" + endpoint.port());
        req.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        headers.forEach((k, v) -> req.headers().set(k, v));
        Call call = new Call(req, new CompletableFuture<>());
        waiting.add(call);
        dispatch();
        return call.result();
    }

    /** Hands waiting calls to idle connections, opening new ones up to the limit. */
    private void dispatch() {
        while (!waiting.isEmpty()) {
            Conn c = idle.poll();
            if (c == null) {
                int n = open.get();
                if (n >= max || !open.compareAndSet(n, n + 1)) {
                    if (n >= max) {
                        return;
                    }
                    continue;
                }
                connect();
                return;
            }
            Call call = waiting.poll();
            if (call == null) {
                idle.add(c);
                return;
            }
            c.execute(call);
        }
    }

    private void connect() {
        Conn conn = new Conn();
        bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8 << 20), conn);
            }
        }).connect(endpoint.host(), endpoint.port()).addListener((io.netty.channel.ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                conn.channel = f.channel();
                released(conn);
            } else {
                open.decrementAndGet();
                Call call = waiting.poll();
                if (call != null) {
                    call.result().completeExceptionally(f.cause());
                }
                dispatch();
            }
        });
    }

    private void released(Conn c) {
        idle.add(c);
        dispatch();
    }

    @Override
    public void close() {
        Conn c;
        while ((c = idle.poll()) != null) {
            c.channel.close();
        }
    }

    /** One kept-alive connection carrying one call at a time. */
    private final class Conn extends SimpleChannelInboundHandler<FullHttpResponse> {
        private volatile Channel channel;
        private CompletableFuture<Response> current;

        void execute(Call call) {
            channel.eventLoop().execute(() -> {
                if (!channel.isActive()) {
                    call.result().completeExceptionally(new IOException("HTTP connection closed"));
                    return;
                }
                current = call.result();
                channel.writeAndFlush(call.request());
            });
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse res) {
            CompletableFuture<Response> f = current;
            current = null;
            boolean keep = HttpUtil.isKeepAlive(res);
            Response r = new Response(res.status().code(), ByteBufUtil.getBytes(res.content()));
            if (keep) {
                released(this);
            } else {
                ctx.close();
            }
            if (f != null) {
                f.complete(r);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            idle.remove(this);
            open.decrementAndGet();
            if (current != null) {
                current.completeExceptionally(new IOException("HTTP connection closed before the answer"));
            }
            dispatch();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
