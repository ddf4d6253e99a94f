package io.qrpush.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.qrpush.protocol.RandomIds;
import io.qrpush.server.config.Limits;
import io.qrpush.server.core.Node;
import io.qrpush.server.core.Session;
import io.qrpush.server.login.ClientIpResolver;
import java.nio.charset.StandardCharsets;

/**
 * Turns a {@code POST /stream} into a session over a {@link StreamTransport} (docs/protocol.md
 * section 8): the HTTP-only handlers step aside as for an upgrade, the response head goes out at
 * once, and the body (the {@code authorize} frame) is the session's first frame, so its reply,
 * carrying the stream's secret, is the first event.
 */
final class StreamOpener {
    static final String STREAM_PATH = "/stream";
    /** The most padding a client may ask for: what the buffering proxies we know hold back. */
    static final int MAX_PADDING = 65536;
    private static final int PADDING_LINE = 2048;

    private final Node node;
    private final Limits limits;
    private final ClientIpResolver clientIps;

    StreamOpener(Node node, Limits limits, ClientIpResolver clientIps) {
        this.node = node;
        this.limits = limits;
        this.clientIps = clientIps;
    }

    /**
     * Takes the connection over; the caller has checked the origin and that no answer is due
     * before. {@code padding} (the {@code ?padding=} parameter, or null) asks for that many bytes
     * of comment lines ahead of the first event, to push it through a proxy that buffers.
     */
    void open(ChannelHandlerContext ctx, FullHttpRequest req, String origin, String padding) {
        byte[] authorize = ByteBufUtil.getBytes(req.content());
        String clientAddress = SessionAdapter.clientAddress(clientIps, ctx, req.headers());
        req.release();
        ConnectionAdmission.markInUse(ctx.channel());
        ChannelPipeline p = ctx.pipeline();
        for (String name : new String[] {PipelineNames.HTTP_BYTE_WATCH, PipelineNames.HTTP_TIMEOUTS,
                PipelineNames.HTTP_BODY}) {
            p.remove(name);
        }
        StreamTransport transport = new StreamTransport(ctx.channel(), origin, clientAddress,
                limits.maxOutboundBytes(), limits.idleTimeout());
        Session session = new Session(RandomIds.randomBits(96), transport, node);
        p.addLast(PipelineNames.STREAM, new StreamAdapter(transport, session));
        p.remove(ctx.handler());
        ctx.channel().write(head(origin));
        int pad = paddingBytes(padding);
        if (pad > 0) {
            ctx.channel().write(new DefaultHttpContent(padding(ctx, pad)));
        }
        ctx.channel().flush();
        node.openStream(session, transport);
        transport.start(session, limits.pingInterval());
        session.start();
        session.onText(authorize);
    }

    /** The padding asked for, at most {@link #MAX_PADDING}; 0 for none or for what is not a number. */
    static int paddingBytes(String asked) {
        if (asked == null || asked.isEmpty() || asked.length() > 9 || !asked.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        return Math.min(Integer.parseInt(asked), MAX_PADDING);
    }

    /** Comment lines ({@code :} and spaces) of about {@code bytes} in all, ended by the blank line of an event. */
    private static ByteBuf padding(ChannelHandlerContext ctx, int bytes) {
        ByteBuf out = ctx.alloc().buffer(bytes + PADDING_LINE + 1);
        for (int written = 0; written < bytes; written += PADDING_LINE) {
            out.writeByte(':');
            out.writeCharSequence(" ".repeat(PADDING_LINE - 2), StandardCharsets.US_ASCII);
            out.writeByte('\n');
        }
        return out.writeByte('\n');
    }

    private static HttpResponse head(String origin) {
        HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .set("X-Accel-Buffering", "no")
                .set("X-Content-Type-Options", "nosniff")
                .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        if (origin != null) {
            // The caller admitted only an origin some app allows; the authorize then checks its own app's.
            res.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin).set(HttpHeaderNames.VARY, "Origin");
        }
        return res;
    }
}
