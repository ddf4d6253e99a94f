package io.qrpush.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KeepAliveHandlerTest {
    private static final long MS = 1_000_000L;

    private final List<Object> events = new ArrayList<>();

    private EmbeddedChannel channel(long intervalMs, long idleMs) {
        EmbeddedChannel ch = new EmbeddedChannel(new KeepAliveHandler(intervalMs * MS, idleMs * MS),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                        events.add(evt);
                    }
                });
        ch.pipeline().fireUserEventTriggered(new HandshakeComplete("/ws", new DefaultHttpHeaders(), null));
        return ch;
    }

    @Test
    void pingsAfterTheHandshakeAndSwallowsPongs() throws Exception {
        EmbeddedChannel ch = channel(20, 10_000);
        ch.advanceTimeBy(25, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        Object out = ch.readOutbound();
        assertThat(out).isInstanceOf(PingWebSocketFrame.class);
        ((PingWebSocketFrame) out).release();
        ch.writeInbound(new PongWebSocketFrame());
        assertThat((Object) ch.readInbound()).as("pongs stop here").isNull();
        ch.writeInbound(new TextWebSocketFrame("{}"));
        TextWebSocketFrame text = ch.readInbound();
        assertThat(text.text()).isEqualTo("{}");
        text.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void aSilentPeerIsReportedIdleOnce() throws Exception {
        EmbeddedChannel ch = channel(10, 30);
        for (int i = 0; i < 10; i++) {
            ch.advanceTimeBy(10, TimeUnit.MILLISECONDS);
            Thread.yield();
            ch.runScheduledPendingTasks();
        }
        // EmbeddedChannel's clock is virtual but the handler reads System.nanoTime: give it real time.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!events.contains(KeepAliveHandler.Idle.INSTANCE) && System.nanoTime() < deadline) {
            ch.advanceTimeBy(10, TimeUnit.MILLISECONDS);
            ch.runScheduledPendingTasks();
        }
        assertThat(events).containsOnlyOnce(KeepAliveHandler.Idle.INSTANCE);
        ch.finishAndReleaseAll();
    }

    @Test
    void noPingFollowsOurCloseFrame() {
        EmbeddedChannel ch = channel(20, 10_000);
        ch.writeOutbound(new CloseWebSocketFrame(4010, "slow consumer"));
        for (int i = 0; i < 5; i++) {
            ch.advanceTimeBy(20, TimeUnit.MILLISECONDS);
            ch.runScheduledPendingTasks();
        }
        CloseWebSocketFrame close = ch.readOutbound();
        assertThat(close.statusCode()).isEqualTo(4010);
        close.release();
        assertThat((Object) ch.readOutbound()).as("pinging stops with the close handshake").isNull();
        ch.finishAndReleaseAll();
    }
}
