package io.qrpush.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.qrpush.server.config.AppConfig;
import io.qrpush.server.config.QrpushConfig;
import io.qrpush.server.core.Apps;
import io.qrpush.server.core.Node;
import io.qrpush.server.http.HttpRouter;
import io.qrpush.server.login.ClientIpResolver;
import io.qrpush.server.metrics.ServerMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A connection gets the WebSocket handlers when it upgrades, and an HTTP-only one never builds them;
 * once the handshake is done, a frame read passes Netty's frame decoder and the session adapter only.
 */
class WebSocketStageTest {
    private static final List<String> WEBSOCKET_HANDLERS = List.of(PipelineNames.WEBSOCKET, PipelineNames.SESSION);

    private final QrpushConfig config = QrpushConfig.of(List.of(new AppConfig("a", "0123456789abcdef0123",
            "apikey-0123456789abc", List.of("https://a.example"), null, false, false)));
    private final ServerMetrics metrics = new ServerMetrics();
    private final Apps apps = new Apps(config.apps());
    private final Node node = Node.inMemory(config.limits(), apps, metrics, Clock.systemUTC());
    private final EmbeddedChannel channel = httpPipeline();

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
        node.close();
    }

    /** Today's HTTP half of the pipeline, with stand-ins for the timeouts (they need a real socket's timers). */
    private EmbeddedChannel httpPipeline() {
        ClientIpResolver ips = ClientIpResolver.of(config.server());
        ConnectionCuts cuts = new ConnectionCuts(metrics);
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast(PipelineNames.HTTP_BYTE_WATCH, new ChannelInboundHandlerAdapter());
        ch.pipeline().addLast(PipelineNames.HTTP_CODEC, new HttpServerCodec());
        ch.pipeline().addLast(PipelineNames.HTTP_TIMEOUTS, new ChannelInboundHandlerAdapter());
        ch.pipeline().addLast(PipelineNames.HTTP_BODY, new RequestBodyReader(new HttpRouter(), new BodyBudget(1 << 20),
                cuts));
        ch.pipeline().addLast(PipelineNames.HTTP_ROUTES, new HttpRequestHandler(ServerInitializer.WEBSOCKET_PATH, apps,
                new OutOfMemoryWatch(metrics), () -> false, new StreamOpener(node, config.limits(), ips),
                new WebSocketStage(node, config.limits(), ips, ServerInitializer.WEBSOCKET_PATH)));
        return ch;
    }

    @Test
    void aPlainRequestIsAnsweredWithoutBuildingTheWebSocketHandlers() {
        channel.writeInbound(ascii("GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n"));
        assertThat(outbound()).startsWith("HTTP/1.1 404");
        assertThat(channel.pipeline().names()).doesNotContainAnyElementsOf(WEBSOCKET_HANDLERS)
                .contains(PipelineNames.HTTP_ROUTES);
    }

    @Test
    void anUpgradeSwapsTheHttpHandlersForTheWebSocketOnes() {
        channel.writeInbound(ascii("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"));
        assertThat(outbound()).startsWith("HTTP/1.1 101");
        assertThat(channel.pipeline().names()).as("the handshake done, its handler is gone too")
                .containsExactly("wsencoder", "wsdecoder", PipelineNames.SESSION, "DefaultChannelPipeline$TailContext#0");
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    private String outbound() {
        StringBuilder out = new StringBuilder();
        for (ByteBuf b; (b = channel.readOutbound()) != null; ) {
            out.append(b.toString(StandardCharsets.US_ASCII));
            b.release();
        }
        return out.toString();
    }
}
