package io.qrpush.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler.HandshakeComplete;
import io.netty.util.ReferenceCountUtil;
import io.qrpush.server.config.AppConfig;
import io.qrpush.server.config.Limits;
import io.qrpush.server.config.QrpushConfig;
import io.qrpush.server.core.Apps;
import io.qrpush.server.core.Node;
import io.qrpush.server.login.ClientIpResolver;
import io.qrpush.server.metrics.ServerMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The one WebSocket handler after the handshake does what Netty's protocol handler, UTF-8 validator
 * and aggregator and our keep-alive and frame decoder did: here on an {@link EmbeddedChannel},
 * with a stand-in for Netty's encoder, so frames are seen as objects and protocol frames as bytes.
 */
class SessionAdapterTest {
    private static final int MAX = 1024;

    private final ServerMetrics metrics = new ServerMetrics();
    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private Node node;

    @AfterEach
    void close() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
        node.close();
    }

    private EmbeddedChannel channel(Duration ping, Duration idle) {
        QrpushConfig config = QrpushConfig.of(List.of(new AppConfig("a", "0123456789abcdef0123",
                "apikey-0123456789abc", List.of("https://a.example"), null, false, false)));
        config = config.withLimits(new Limits(MAX, MAX / 2,
                config.limits().maxSubscriptions(), config.limits().maxOutboundBytes(), Duration.ofSeconds(10), ping,
                idle, config.limits().dedupeWindow(), config.limits().maxRequestsPerSecond()));
        node = Node.inMemory(config.limits(), new Apps(config.apps()), metrics, Clock.systemUTC());
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast("wsencoder", new Encoder());
        ch.pipeline().addLast(PipelineNames.WEBSOCKET, new ChannelInboundHandlerAdapter());
        ch.pipeline().addLast(PipelineNames.SESSION, new SessionAdapter(node,
                ClientIpResolver.of(config.server()), config.limits()));
        ch.pipeline().fireUserEventTriggered(new HandshakeComplete("/ws", new DefaultHttpHeaders(), null));
        channels.add(ch);
        return ch;
    }

    private EmbeddedChannel channel() {
        return channel(Duration.ofSeconds(25), Duration.ofSeconds(60));
    }

    /** Netty's encoder, as NettyTransport finds it; frames pass as they are. */
    private static final class Encoder extends ChannelOutboundHandlerAdapter implements WebSocketFrameEncoder {
    }

    @Test
    void theHandshakeTakesNettysProtocolHandlerOut() {
        EmbeddedChannel ch = channel();
        assertThat(ch.pipeline().names()).startsWith("wsencoder", PipelineNames.SESSION);
    }

    @Test
    void aPingIsAnsweredWithItsPayloadAndAPongStopsHere() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(new PingWebSocketFrame(ascii("hi")));
        PongWebSocketFrame pong = ch.readOutbound();
        assertThat(pong.content().toString(StandardCharsets.US_ASCII)).isEqualTo("hi");
        pong.release();
        ch.writeInbound(new PongWebSocketFrame(ascii("x")));
        assertThat((Object) ch.readInbound()).isNull();
        assertThat((Object) ch.readOutbound()).isNull();
    }

    @Test
    void aTextFrameReachesTheSession() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(new TextWebSocketFrame("{\"op\":\"ping\"}"));
        assertThat(texts(ch)).containsExactly("{\"op\":\"pong\"}");
    }

    @Test
    void fragmentsAreJoinedEvenWithACharacterCutBetweenThem() {
        EmbeddedChannel ch = channel();
        byte[] euro = "\u20ac".getBytes(StandardCharsets.UTF_8);
        ch.writeInbound(new TextWebSocketFrame(false, 0, Unpooled.wrappedBuffer(ascii("{\"op\":\"ping\",\"x\":\""),
                Unpooled.wrappedBuffer(euro, 0, 1))));
        ch.writeInbound(new PingWebSocketFrame()); // control frames may come between fragments
        ((PongWebSocketFrame) ch.readOutbound()).release();
        ch.writeInbound(new ContinuationWebSocketFrame(false, 0, Unpooled.wrappedBuffer(euro, 1, 2)));
        ch.writeInbound(new ContinuationWebSocketFrame(true, 0, ascii("\"}")));
        assertThat(texts(ch)).containsExactly("{\"op\":\"pong\"}");
    }

    @Test
    void textThatIsNotUtf8ClosesWith1007AtTheFragmentThatShowsIt() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(new TextWebSocketFrame(false, 0, ascii("{\"a\":\"")));
        ch.writeInbound(new ContinuationWebSocketFrame(false, 0, Unpooled.wrappedBuffer(new byte[] {(byte) 0xED, (byte) 0xA0})));
        assertThat(closeCode(ch)).as("a surrogate, before the message ends").isEqualTo(1007);
        assertThat(ch.isOpen()).isFalse();
        EmbeddedChannel cut = channel();
        cut.writeInbound(new TextWebSocketFrame(false, 0, ascii("{\"a\":\"")));
        cut.writeInbound(new ContinuationWebSocketFrame(true, 0, Unpooled.wrappedBuffer(new byte[] {(byte) 0xE2, (byte) 0x82})));
        assertThat(closeCode(cut)).as("a message ending inside a character").isEqualTo(1007);
    }

    @Test
    void fragmentsOverTheLimitAreTooBigAndTheRestOfTheMessageIsDropped() {
        EmbeddedChannel ch = channel();
        ch.writeInbound(new TextWebSocketFrame(false, 0, ascii("x".repeat(MAX - 10))));
        ch.writeInbound(new ContinuationWebSocketFrame(false, 0, ascii("y".repeat(11))));
        ch.runPendingTasks();
        List<Object> out = outbound(ch);
        assertThat(out).last().isInstanceOf(CloseWebSocketFrame.class);
        assertThat(((CloseWebSocketFrame) out.get(out.size() - 1)).statusCode()).isEqualTo(1009);
        ch.writeInbound(new ContinuationWebSocketFrame(true, 0, ascii("z")));
        assertThat(outbound(ch)).as("nothing more for the dropped rest").isEmpty();
        out.forEach(ReferenceCountUtil::release);
    }

    @Test
    void aMessageOfExactlyTheLimitIsServed() {
        EmbeddedChannel ch = channel();
        String ping = "{\"op\":\"ping\",\"p\":\"";
        ch.writeInbound(new TextWebSocketFrame(false, 0, ascii(ping)));
        ch.writeInbound(new ContinuationWebSocketFrame(true, 0, ascii("x".repeat(MAX - ping.length() - 2) + "\"}")));
        assertThat(texts(ch)).containsExactly("{\"op\":\"pong\"}");
    }

    @Test
    void closingTheChannelBeforeAnyCloseFrameSendsOneAndNothingFollowsIt() {
        EmbeddedChannel ch = channel();
        ch.close();
        assertThat(closeCode(ch)).isEqualTo(1000);
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void aWriteAfterTheCloseFrameFails() {
        EmbeddedChannel ch = channel();
        ch.writeAndFlush(new CloseWebSocketFrame(4010, "slow consumer"));
        ChannelFuture late = ch.writeAndFlush(new CloseWebSocketFrame(1007, ""));
        assertThat(late.isSuccess()).isFalse();
        assertThat(closeCode(ch)).isEqualTo(4010);
        assertThat((Object) ch.readOutbound()).isNull();
    }

    /** RFC 6455 5.5.1: after our close frame only the peer's close counts; no pong, no reply follows. */
    @Test
    void afterOurCloseFrameAPingAndARequestGetNoAnswer() {
        EmbeddedChannel ch = channel();
        ch.writeAndFlush(new CloseWebSocketFrame(4010, "slow consumer"));
        assertThat(closeCode(ch)).isEqualTo(4010);
        ch.writeInbound(new PingWebSocketFrame(ascii("hi")));
        ch.writeInbound(new TextWebSocketFrame("{\"op\":\"ping\"}"));
        ch.runPendingTasks();
        assertThat(outbound(ch)).as("nothing after the close frame").isEmpty();
    }

    @Test
    void pingsStartWithTheHandshakeAndStopWithOurCloseFrame() {
        EmbeddedChannel ch = channel(Duration.ofMillis(20), Duration.ofSeconds(10));
        ch.advanceTimeBy(25, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        List<Object> pings = outbound(ch);
        assertThat(pings).as("within one interval and a bit: one ping, or two").hasSizeBetween(1, 2)
                .allMatch(PingWebSocketFrame.class::isInstance);
        pings.forEach(ReferenceCountUtil::release);
        ch.writeOutbound(new CloseWebSocketFrame(4010, "slow consumer"));
        for (int i = 0; i < 5; i++) {
            ch.advanceTimeBy(20, TimeUnit.MILLISECONDS);
            ch.runScheduledPendingTasks();
        }
        assertThat(closeCode(ch)).isEqualTo(4010);
        assertThat((Object) ch.readOutbound()).as("pinging stops with the close handshake").isNull();
    }

    @Test
    void aSilentPeerIsToldAndClosedWith1000Once() {
        EmbeddedChannel ch = channel(Duration.ofMillis(10), Duration.ofMillis(30));
        List<Object> out = new ArrayList<>();
        // EmbeddedChannel's clock is virtual but the heartbeat reads System.nanoTime: give it real time.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (out.stream().noneMatch(CloseWebSocketFrame.class::isInstance) && System.nanoTime() < deadline) {
            ch.advanceTimeBy(5, TimeUnit.MILLISECONDS);
            ch.runScheduledPendingTasks();
            ch.runPendingTasks();
            out.addAll(outbound(ch));
        }
        List<CloseWebSocketFrame> closes = out.stream().filter(CloseWebSocketFrame.class::isInstance)
                .map(CloseWebSocketFrame.class::cast).toList();
        assertThat(closes).hasSize(1);
        assertThat(closes.get(0).statusCode()).isEqualTo(1000);
        out.forEach(ReferenceCountUtil::release);
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    /** The code of the next frame written, which must be a close frame. */
    private static int closeCode(EmbeddedChannel ch) {
        CloseWebSocketFrame close = ch.readOutbound();
        try {
            return close.statusCode();
        } finally {
            close.release();
        }
    }

    private static List<Object> outbound(EmbeddedChannel ch) {
        List<Object> out = new ArrayList<>();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            out.add(o);
        }
        return out;
    }

    /** The payloads of the protocol frames written (whole WebSocket frames, see {@link TextFrames}). */
    private static List<String> texts(EmbeddedChannel ch) {
        ch.runPendingTasks();
        List<String> texts = new ArrayList<>();
        for (Object o : outbound(ch)) {
            if (o instanceof ByteBuf b) {
                int length = b.getUnsignedByte(1);
                int header = length < 126 ? 2 : 4;
                texts.add(b.toString(b.readerIndex() + header, b.readableBytes() - header, StandardCharsets.UTF_8));
            }
            ReferenceCountUtil.release(o);
        }
        return texts;
    }
}
