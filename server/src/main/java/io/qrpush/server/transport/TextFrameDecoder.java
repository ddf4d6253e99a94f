package io.qrpush.server.transport;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;

/**
 * Turns whole WebSocket data frames into {@link InboundFrame}s: the bytes of a text frame, or a
 * marker for a binary one (which the protocol does not use). Netty already checked UTF-8. Close
 * frames pass on as they are, for the transport's closing handshake.
 */
final class TextFrameDecoder extends MessageToMessageDecoder<WebSocketFrame> {

    /** A data frame as the session sees it. */
    record InboundFrame(byte[] text) {
        boolean binary() {
            return text == null;
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
        if (frame instanceof TextWebSocketFrame) {
            out.add(new InboundFrame(ByteBufUtil.getBytes(frame.content())));
        } else if (frame instanceof BinaryWebSocketFrame) {
            out.add(new InboundFrame(null));
        } else if (frame instanceof CloseWebSocketFrame) {
            out.add(frame.retain());
        }
    }
}
