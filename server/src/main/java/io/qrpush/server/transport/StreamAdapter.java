package io.qrpush.server.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.qrpush.server.core.Session;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge from Netty to the {@link Session} of an HTTP stream, in place of
 * {@link SessionAdapter}: frames come through {@code /emulation}, not this connection, so it
 * forwards only writability and the close, and drops whatever else the client sends here.
 */
final class StreamAdapter extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(StreamAdapter.class);

    private final StreamTransport transport;
    private final Session session;

    StreamAdapter(StreamTransport transport, Session session) {
        this.transport = transport;
        this.session = session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        transport.onWritable();
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        transport.onClosed();
        session.onClosed();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("stream dropped: {}", cause.toString());
        } else {
            LOG.warn("unexpected error on a stream; closing it", cause);
        }
        ctx.close();
    }
}
