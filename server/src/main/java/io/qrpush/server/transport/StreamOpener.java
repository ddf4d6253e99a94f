package io.qrpush.server.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.buffer.ByteBufUtil;
import io.qrpush.protocol.RandomIds;
import io.qrpush.server.config.Limits;
import io.qrpush.server.core.Node;
import io.qrpush.server.core.Session;

/**
 * Turns a {@code POST /stream} into a session over a {@link StreamTransport} (docs/protocol.md
 * section 8): the HTTP-only handlers step aside as for an upgrade, the response head goes out at
 * once, and the body (the {@code authorize} frame) is the session's first frame, so its reply,
 * carrying the stream's secret, is the first event.
 */
final class StreamOpener {
    static final String STREAM_PATH = "/stream";

    private final Node node;
    private final Limits limits;

    StreamOpener(Node node, Limits limits) {
        this.node = node;
        this.limits = limits;
    }

    /** Takes the connection over; the caller has checked the origin and that no answer is due before. */
    void open(ChannelHandlerContext ctx, FullHttpRequest req, String origin) {
        byte[] authorize = ByteBufUtil.getBytes(req.content());
        req.release();
        ConnectionAdmission.markInUse(ctx.channel());
        ChannelPipeline p = ctx.pipeline();
        for (String name : new String[] {PipelineNames.HTTP_BYTE_WATCH, PipelineNames.HTTP_TIMEOUTS,
                PipelineNames.HTTP_BODY, PipelineNames.WEBSOCKET, PipelineNames.WEBSOCKET_AGGREGATOR,
                PipelineNames.KEEP_ALIVE, PipelineNames.FRAME_DECODER, PipelineNames.SESSION}) {
            p.remove(name);
        }
        StreamTransport transport = new StreamTransport(ctx.channel(), origin, limits.maxOutboundBytes(),
                limits.idleTimeout());
        Session session = new Session(RandomIds.randomBits(96), transport, node);
        p.addLast(PipelineNames.STREAM, new StreamAdapter(transport, session));
        p.remove(ctx.handler());
        ctx.channel().writeAndFlush(head(origin));
        node.openStream(session, transport);
        transport.start(session, limits.pingInterval());
        session.start();
        session.onText(authorize);
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
