package io.qrpush.loadtest.net;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.qrpush.protocol.FrameCodec;
import java.util.concurrent.CompletableFuture;

/**
 * The one Netty handler of a client connection: completes the handshake, answers pings (the
 * server closes connections that stay silent), and forwards text frames and closes to the
 * {@link WsConnection}, which knows nothing of Netty's frame types.
 */
final class WsClientHandler extends SimpleChannelInboundHandler<Object> {
    private final WebSocketClientHandshaker handshaker;
    private final FrameCodec codec;
    private final WsConnection.ErrorSink errors;
    private final CompletableFuture<WsConnection> handshake = new CompletableFuture<>();
    private WsConnection connection;

    WsClientHandler(WebSocketClientHandshaker handshaker, FrameCodec codec, WsConnection.ErrorSink errors) {
        this.handshaker = handshaker;
        this.codec = codec;
        this.errors = errors;
    }

    CompletableFuture<WsConnection> handshakeFuture() {
        return handshake;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        handshaker.handshake(ctx.channel());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (connection != null) {
            connection.onInactive();
        } else {
            handshake.completeExceptionally(new HandshakeException("closed during the WebSocket handshake"));
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (!handshaker.isHandshakeComplete()) {
            FullHttpResponse res = (FullHttpResponse) msg;
            try {
                handshaker.finishHandshake(ctx.channel(), res);
                connection = new WsConnection(ctx.channel(), codec, errors, WsConnection.webSocket(ctx.channel()));
                handshake.complete(connection);
            } catch (WebSocketHandshakeException e) {
                handshake.completeExceptionally(new HandshakeException("handshake refused: HTTP "
                        + res.status().code()));
                ctx.close();
            }
            return;
        }
        if (msg instanceof TextWebSocketFrame t) {
            connection.onText(ByteBufUtil.getBytes(t.content()));
        } else if (msg instanceof PingWebSocketFrame p) {
            ctx.writeAndFlush(new PongWebSocketFrame(p.content().retain()));
        } else if (msg instanceof CloseWebSocketFrame c) {
            connection.onCloseFrame(c.statusCode());
            ctx.close();
        } else if (msg instanceof FullHttpResponse) {
            errors.error("error:unexpected_http_response");
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!handshake.isDone()) {
            handshake.completeExceptionally(cause);
        }
        ctx.close();
    }

    /** The server did not upgrade the connection. */
    static final class HandshakeException extends RuntimeException {
        HandshakeException(String message) {
            super(message, null, false, false);
        }
    }
}
