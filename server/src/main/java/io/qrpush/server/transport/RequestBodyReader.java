package io.qrpush.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.qrpush.protocol.ErrorWord;
import io.qrpush.server.http.HttpAnswer;
import io.qrpush.server.http.HttpRouter;
import io.qrpush.server.transport.ConnectionCuts.Reason;
import java.util.Arrays;

/**
 * Turns the codec's parts into one {@link RoutedRequest}, in place of Netty's
 * {@code HttpObjectAggregator}, with the limits a public server needs:
 * <ul>
 * <li>a request the parser rejected is never passed on: 400, 414 or 431 (its headers may be cut
 *     short, an {@code Origin} among the lost);</li>
 * <li>the body limit is the route's, known from the head, so an announced length over it is 413
 *     before a byte of the body is read;</li>
 * <li>room for the body is taken from the node-wide {@link BodyBudget}; without room, 503 at once;</li>
 * <li>the body is copied into a heap array that grows only as bytes arrive, and each network
 *     buffer is released as soon as it is copied, so a half-sent body holds no direct memory.</li>
 * </ul>
 * Refusals travel on as {@link HttpRefusal}s, answered in order; up to {@value #MAX_DISCARD_BYTES}
 * more of their bytes are read and dropped, then reading stops.
 */
final class RequestBodyReader extends ChannelInboundHandlerAdapter {
    static final int MAX_DISCARD_BYTES = 65536;

    private final HttpRouter router;
    private final BodyBudget budget;
    private final ConnectionCuts cuts;
    private HttpRequest head;
    private QueryStringDecoder uri;
    private HttpRouter.Target target;
    private int limit;
    private long taken;
    private byte[] body;
    private int size;
    private boolean discarding;
    private long discarded;

    RequestBodyReader(HttpRouter router, BodyBudget budget, ConnectionCuts cuts) {
        this.router = router;
        this.budget = budget;
        this.cuts = cuts;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HttpObject)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (discarding) {
                discard(ctx, msg);
                return;
            }
            if (msg instanceof HttpRequest h) {
                onHead(ctx, h);
            }
            if (msg instanceof HttpContent c && head != null) {
                onContent(ctx, c);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onHead(ChannelHandlerContext ctx, HttpRequest h) {
        if (h.decoderResult().isFailure()) {
            refuse(ctx, malformed(h.decoderResult()));
            return;
        }
        QueryStringDecoder decoded = new QueryStringDecoder(h.uri());
        try {
            decoded.path();
        } catch (IllegalArgumentException e) {
            refuse(ctx, Reason.MALFORMED, HttpAnswer.error(400, ErrorWord.BAD_REQUEST.word(), "the URL is not valid"));
            return;
        }
        String expect = h.headers().get(HttpHeaderNames.EXPECT);
        if (expect != null && !HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(expect)) {
            refuse(ctx, Reason.MALFORMED, HttpAnswer.error(417, ErrorWord.BAD_REQUEST.word(),
                    "only Expect: 100-continue is understood"));
            return;
        }
        HttpRouter.Target found = router.target(h.method().name(), decoded.path());
        limit = found.maxBodyBytes();
        long announced = HttpUtil.getContentLength(h, -1L);
        if (announced > limit) {
            refuse(ctx, Reason.BODY_TOO_LARGE, tooLarge());
            return;
        }
        long room = announced >= 0 ? announced : HttpUtil.isTransferEncodingChunked(h) ? limit : 0;
        if (room > 0 && !budget.tryTake(room)) {
            refuse(ctx, Reason.BODY_BUDGET, HttpAnswer.error(503, ErrorWord.UNAVAILABLE.word(),
                    "the server is receiving too many request bodies; retry shortly").withHeader("Retry-After", "1"));
            return;
        }
        taken = room;
        head = h;
        uri = decoded;
        target = found;
        size = 0;
        if (HttpUtil.is100ContinueExpected(h)) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE,
                    Unpooled.EMPTY_BUFFER));
        }
    }

    private void onContent(ChannelHandlerContext ctx, HttpContent c) {
        if (c.decoderResult().isFailure()) {
            refuse(ctx, malformed(c.decoderResult()));
            return;
        }
        ByteBuf in = c.content();
        int n = in.readableBytes();
        if ((long) size + n > limit) {
            refuse(ctx, Reason.BODY_TOO_LARGE, tooLarge());
            return;
        }
        if (n > 0) {
            if (body == null || body.length < size + n) {
                // Double as bytes arrive, never past the limit: nothing is held for bytes only announced.
                body = Arrays.copyOf(body == null ? new byte[0] : body,
                        (int) Math.min(limit, Math.max((long) size + n, body == null ? n : 2L * body.length)));
            }
            in.readBytes(body, size, n);
            size += n;
        }
        if (c instanceof LastHttpContent last) {
            RoutedRequest full = new RoutedRequest(head,
                    size == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body, 0, size), last.trailingHeaders(),
                    uri, target);
            reset();
            ctx.fireChannelRead(full);
        }
    }

    /**
     * Drops the rest of a refused request, so that its answer can be read before the connection
     * ends; past {@value #MAX_DISCARD_BYTES} reading stops: a client that goes on sending is not
     * worth the event loop's time, and will see the connection reset.
     */
    private void discard(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpContent c) {
            discarded += c.content().readableBytes();
            if (discarded > MAX_DISCARD_BYTES) {
                ctx.channel().config().setAutoRead(false);
            }
        }
    }

    private HttpAnswer tooLarge() {
        return HttpAnswer.error(413, ErrorWord.TOO_LARGE.word(), "this request's body is limited to " + limit + " bytes");
    }

    private void refuse(ChannelHandlerContext ctx, Malformed m) {
        refuse(ctx, m.reason(), m.answer());
    }

    private void refuse(ChannelHandlerContext ctx, Reason reason, HttpAnswer answer) {
        cuts.count(reason);
        reset();
        discarding = true;
        ctx.fireChannelRead(new HttpRefusal(answer));
    }

    private record Malformed(Reason reason, HttpAnswer answer) {
    }

    private static Malformed malformed(DecoderResult result) {
        Throwable cause = result.cause();
        if (cause instanceof TooLongHttpHeaderException) {
            return new Malformed(Reason.HEADER_TOO_LARGE, HttpAnswer.error(431, ErrorWord.TOO_LARGE.word(),
                    "the request's header section is over limits.maxHeaderBytes"));
        }
        if (cause instanceof TooLongHttpLineException) {
            return new Malformed(Reason.MALFORMED, HttpAnswer.error(414, ErrorWord.TOO_LARGE.word(),
                    "the request line is too long"));
        }
        return new Malformed(Reason.MALFORMED, HttpAnswer.error(400, ErrorWord.BAD_REQUEST.word(),
                "the request is not valid HTTP/1.1"));
    }

    private void reset() {
        budget.giveBack(taken);
        taken = 0;
        head = null;
        uri = null;
        target = null;
        body = null;
        size = 0;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        reset();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        reset();
        ctx.fireChannelInactive();
    }
}
