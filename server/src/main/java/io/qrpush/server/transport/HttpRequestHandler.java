package io.qrpush.server.transport;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import io.qrpush.protocol.ErrorWord;
import io.qrpush.server.core.Apps;
import io.qrpush.server.http.HttpAnswer;
import io.qrpush.server.http.HttpCall;
import io.qrpush.server.http.HttpRouter;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves plain HTTP requests through the {@link HttpRouter} route each {@link RoutedRequest} was
 * found for (once, from its head), passes WebSocket upgrades on and hands {@code POST /stream} to
 * the {@link StreamOpener}, after refusing those from an origin that no app allows (cross-site
 * WebSocket hijacking) and, with 503, all of them while the node drains for shutdown (its clients
 * are being sent elsewhere).
 * Routes answer asynchronously, so answers wait in a queue and leave in request order (RFC 9112
 * 9.3.2: a client may send several requests in one write). Past {@value #MAX_PENDING} requests
 * waiting for their answers the connection stops reading until they drain. Requests are logged by
 * method and path only: tokens never travel in URLs, and bodies and headers are never logged.
 */
final class HttpRequestHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(HttpRequestHandler.class);
    static final int MAX_PENDING = 16;
    private static final long LINGER_MILLIS = 1000;

    /** One request's place in the answer queue; {@code answer} is null until its route completes. */
    private static final class Pending {
        final boolean keepAlive;
        HttpAnswer answer;

        Pending(boolean keepAlive) {
            this.keepAlive = keepAlive;
        }
    }

    private final String websocketPath;
    private final Apps apps;
    private final OutOfMemoryWatch memory;
    private final BooleanSupplier draining;
    private final StreamOpener streams;
    private final WebSocketStage webSockets;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    /** Set by a request that ends the connection: later ones are dropped unanswered. */
    private boolean last;

    HttpRequestHandler(String websocketPath, Apps apps, OutOfMemoryWatch memory,
                       BooleanSupplier draining, StreamOpener streams, WebSocketStage webSockets) {
        this.websocketPath = websocketPath;
        this.apps = apps;
        this.memory = memory;
        this.draining = draining;
        this.streams = streams;
        this.webSockets = webSockets;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (last) {
            ReferenceCountUtil.release(msg);
        } else if (msg instanceof HttpRefusal refusal) {
            last = true; // reading goes on for a while: RequestBodyReader drops the refused body's rest
            queue(ctx, false).answer = refusal.answer();
            flush(ctx);
        } else if (msg instanceof RoutedRequest req) {
            serve(ctx, req);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void serve(ChannelHandlerContext ctx, RoutedRequest req) {
        QueryStringDecoder uri = req.decodedUri();
        if (uri.path().equals(websocketPath)) {
            upgrade(ctx, req);
            return;
        }
        if (uri.path().equals(StreamOpener.STREAM_PATH) && req.method().equals(HttpMethod.POST)) {
            if (!refusedTakeover(ctx, req)) {
                String padding = uri.parameters().getOrDefault("padding", List.of("")).get(0);
                streams.open(ctx, req, req.headers().get(HttpHeaderNames.ORIGIN), padding);
            }
            return;
        }
        HttpCall call;
        try {
            call = toCall(ctx, req, uri);
        } finally {
            req.release();
        }
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (!keepAlive) {
            endAfterAnswers(ctx);
        }
        Pending slot = queue(ctx, keepAlive);
        CompletableFuture<HttpAnswer> routed;
        try {
            routed = req.target().route().handle(call);
        } catch (RuntimeException e) {
            routed = CompletableFuture.failedFuture(e); // answered 500 below rather than dropped unanswered
        }
        routed.whenComplete((answer, err) -> ctx.executor().execute(() -> {
            HttpAnswer a = answer;
            if (err != null) {
                memory.report(err);
                LOG.error("{} {} failed", call.method(), call.path(), err);
                a = HttpAnswer.error(500, ErrorWord.INTERNAL.word(), "internal error; retry shortly");
            }
            slot.answer = a;
            flush(ctx);
        }));
    }

    /**
     * Nothing more is read: the connection closes once the answers due are written. Reading on
     * would only spend the event loop on bytes thrown away.
     */
    private void endAfterAnswers(ChannelHandlerContext ctx) {
        last = true;
        ctx.channel().config().setAutoRead(false);
    }

    private Pending queue(ChannelHandlerContext ctx, boolean keepAlive) {
        Pending p = new Pending(keepAlive);
        pending.add(p);
        if (pending.size() >= MAX_PENDING) {
            ctx.channel().config().setAutoRead(false);
        }
        return p;
    }

    /**
     * Ends the connection after its last answer without losing that answer: closing a socket with
     * unread bytes (the rest of a refused body still arriving) makes the kernel send a reset, and
     * the client may drop the answer it had not read yet. So the sending side is shut first, the
     * client reads the answer and then the end of the stream, and the socket closes when the client
     * closes its side, or after {@value #LINGER_MILLIS} ms.
     */
    private static void lingerThenClose(ChannelHandlerContext ctx) {
        if (ctx.channel() instanceof DuplexChannel duplex && duplex.isActive()) {
            duplex.shutdownOutput();
            ctx.executor().schedule(() -> ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            ctx.close();
        }
    }

    /** Writes the answers that are ready, from the oldest, stopping at the first still being made. */
    private void flush(ChannelHandlerContext ctx) {
        boolean wrote = false;
        while (!pending.isEmpty() && pending.peek().answer != null) {
            Pending p = pending.poll();
            wrote = true;
            if (p.keepAlive) {
                ctx.write(HttpResponses.of(p.answer, true));
            } else {
                pending.clear();
                ctx.writeAndFlush(HttpResponses.of(p.answer, false)).addListener(f -> lingerThenClose(ctx));
                return;
            }
        }
        if (wrote) {
            ctx.flush();
        }
        if (!last && pending.size() < MAX_PENDING / 2 && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (refusedTakeover(ctx, req)) {
            return;
        }
        ConnectionAdmission.markInUse(ctx.channel());
        // From here on the WebSocket handlers and their own timers own the connection; they go in
        // before this handler leaves, so the request passed on below reaches them.
        webSockets.addTo(ctx.pipeline());
        ctx.pipeline().remove(PipelineNames.HTTP_BYTE_WATCH);
        ctx.pipeline().remove(PipelineNames.HTTP_TIMEOUTS);
        ctx.pipeline().remove(PipelineNames.HTTP_BODY);
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(req);
    }

    /**
     * Refuses a WebSocket upgrade or a stream, which take the connection over for good, when
     * answers are still due on it, the node drains or its origin is no app's; true if refused.
     */
    private boolean refusedTakeover(ChannelHandlerContext ctx, FullHttpRequest req) {
        HttpAnswer refusal = takeoverRefusal(req.headers().get(HttpHeaderNames.ORIGIN));
        if (refusal == null) {
            return false;
        }
        req.release();
        endAfterAnswers(ctx);
        queue(ctx, false).answer = refusal;
        flush(ctx);
        return true;
    }

    /** Why an upgrade or a stream is refused, or null to let it through. */
    private HttpAnswer takeoverRefusal(String origin) {
        if (!pending.isEmpty()) {
            return HttpAnswer.error(400, ErrorWord.BAD_REQUEST.word(),
                    "an upgrade or a stream must not follow unanswered requests");
        }
        if (draining.getAsBoolean()) {
            return HttpAnswer.error(503, ErrorWord.UNAVAILABLE.word(), "this node is shutting down; connect to another")
                    .withHeader("Retry-After", "1");
        }
        if (!apps.anyAppAllows(origin)) {
            return HttpAnswer.error(403, ErrorWord.ORIGIN_NOT_ALLOWED.word(),
                    "this origin is not in any app's allowedOrigins");
        }
        return null;
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

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!memory.report(cause)) {
            LOG.debug("HTTP connection dropped: {}", cause.toString());
        }
        ctx.close();
    }
}
