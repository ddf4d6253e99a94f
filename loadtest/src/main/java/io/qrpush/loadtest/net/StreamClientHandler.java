package io.qrpush.loadtest.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;

/**
 * The one Netty handler of a connection over HTTP streaming: reads the answer to
 * {@code POST /stream} as server-sent events and hands each frame to the {@link WsConnection},
 * as {@link WsClientHandler} does for WebSocket frames. A heartbeat comment is answered with a
 * posted ping, as a WebSocket ping is with a pong; the end of the response ends the connection.
 */
final class StreamClientHandler extends ChannelInboundHandlerAdapter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] DATA = "data: ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final WsConnection connection;
    private final StreamUplink uplink;
    private final WsConnection.ErrorSink errors;
    private ByteBuf pending;

    StreamClientHandler(WsConnection connection, StreamUplink uplink, WsConnection.ErrorSink errors) {
        this.connection = connection;
        this.uplink = uplink;
        this.errors = errors;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpResponse res && res.status().code() != 200) {
                errors.error("connect:stream_http_" + res.status().code());
                ctx.close();
                return;
            }
            if (msg instanceof HttpContent c) {
                if (pending == null) {
                    pending = ctx.alloc().buffer();
                }
                pending.writeBytes(c.content());
                events();
                if (msg instanceof LastHttpContent) {
                    ctx.close();
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Takes every whole event (up to a blank line) off the front of what has arrived. */
    private void events() {
        int end;
        while ((end = blankLine()) >= 0) {
            byte[] event = new byte[end - pending.readerIndex()];
            pending.readBytes(event);
            pending.skipBytes(2);
            if (event.length > 0 && event[0] == ':') {
                uplink.heartbeat();
            } else if (startsWithData(event)) {
                byte[] frame = java.util.Arrays.copyOfRange(event, DATA.length, event.length);
                if (!uplink.knowsSession()) {
                    uplink.session(sessionOf(frame));
                }
                connection.onText(frame);
            }
        }
        pending.discardReadBytes();
    }

    private int blankLine() {
        for (int i = pending.readerIndex(); i + 1 < pending.writerIndex(); i++) {
            if (pending.getByte(i) == '\n' && pending.getByte(i + 1) == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWithData(byte[] event) {
        if (event.length < DATA.length) {
            return false;
        }
        for (int i = 0; i < DATA.length; i++) {
            if (event[i] != DATA[i]) {
                return false;
            }
        }
        return true;
    }

    /** The secret the stream's first reply carries; null when it has none (the server refused the stream). */
    private String sessionOf(byte[] firstReply) {
        try {
            JsonNode n = JSON.readTree(firstReply);
            return n.hasNonNull("session") ? n.path("session").asText() : null;
        } catch (IOException e) {
            errors.error("error:undecodable_frame");
            return null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (pending != null) {
            pending.release();
            pending = null;
        }
        connection.onInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
