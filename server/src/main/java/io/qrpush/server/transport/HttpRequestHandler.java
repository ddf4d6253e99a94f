package io.qrpush.server.transport;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.qrpush.protocol.ErrorWord;
import io.qrpush.server.core.Apps;
import io.qrpush.server.http.HttpAnswer;
import io.qrpush.server.http.HttpCall;
import io.qrpush.server.http.HttpRouter;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves plain HTTP requests through the {@link HttpRouter} and passes WebSocket upgrades on,
 * after refusing those from an origin that no app allows (cross-site WebSocket hijacking).
 * Requests are logged by method and path only: tokens never travel in URLs, and bodies and
 * headers are never logged.
 */
final class HttpRequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(HttpRequestHandler.class);

    private final String websocketPath;
    private final Apps apps;
    private final HttpRouter router;

    HttpRequestHandler(String websocketPath, Apps apps, HttpRouter router) {
        super(false);
        this.websocketPath = websocketPath;
        this.apps = apps;
        this.router = router;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        if (uri.path().equals(websocketPath)) {
            upgrade(ctx, req);
            return;
        }
        HttpCall call;
        try {
            call = toCall(ctx, req, uri);
        } finally {
            req.release();
        }
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        CompletableFuture<HttpAnswer> routed;
        try {
            routed = router.route(call);
        } catch (RuntimeException e) {
            routed = CompletableFuture.failedFuture(e); // answered 500 below rather than dropped unanswered
        }
        routed.whenComplete((answer, err) -> ctx.executor().execute(() -> {
            HttpAnswer a = answer;
            if (err != null) {
                LOG.error("{} {} failed", call.method(), call.path(), err);
                a = HttpAnswer.error(500, ErrorWord.INTERNAL.word(), "internal error; retry shortly");
            }
            write(ctx, a, keepAlive);
        }));
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest req) {
        String origin = req.headers().get(HttpHeaderNames.ORIGIN);
        if (!apps.anyAppAllows(origin)) {
            req.release();
            write(ctx, HttpAnswer.error(403, ErrorWord.ORIGIN_NOT_ALLOWED.word(),
                    "this origin is not in any app's allowedOrigins"), false);
            return;
        }
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(req);
    }

    private static HttpCall toCall(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder uri) {
        Map<String, String> headers = new HashMap<>();
        req.headers().forEach(h -> {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (HttpCall.JOINED_HEADERS.contains(name)) {
                headers.merge(name, h.getValue(), (first, next) -> first + ", " + next);
            } else {
                headers.putIfAbsent(name, h.getValue());
            }
        });
        Map<String, String> query = new HashMap<>();
        for (Map.Entry<String, List<String>> q : uri.parameters().entrySet()) {
            query.put(q.getKey(), q.getValue().get(0));
        }
        String remote = ctx.channel().remoteAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() : "unknown";
        return new HttpCall(req.method().name(), uri.path(), query, headers, ByteBufUtil.getBytes(req.content()),
                remote);
    }

    private static void write(ChannelHandlerContext ctx, HttpAnswer a, boolean keepAlive) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(a.status()),
                Unpooled.wrappedBuffer(a.body()));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, a.contentType());
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, a.body().length);
        res.headers().set("X-Content-Type-Options", "nosniff");
        a.headers().forEach((k, v) -> res.headers().set(k, v));
        if (keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(res);
        } else {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("HTTP connection dropped: {}", cause.toString());
        ctx.close();
    }
}
