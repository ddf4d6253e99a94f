package io.qrpush.server.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.List;

/**
 * Wraps an encoded frame in a text WebSocket frame without copying: a message fanned out to many
 * subscribers is one byte array shared by all their frames.
 */
@ChannelHandler.Sharable
final class TextFrameEncoder extends MessageToMessageEncoder<byte[]> {
    static final TextFrameEncoder INSTANCE = new TextFrameEncoder();

    @Override
    protected void encode(ChannelHandlerContext ctx, byte[] frame, List<Object> out) {
        out.add(new TextWebSocketFrame(Unpooled.wrappedBuffer(frame)));
    }
}
