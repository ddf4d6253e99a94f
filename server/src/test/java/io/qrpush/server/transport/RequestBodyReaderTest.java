package io.qrpush.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.qrpush.server.http.HttpAnswer;
import io.qrpush.server.http.HttpRoute;
import io.qrpush.server.http.HttpRouter;
import io.qrpush.server.metrics.ServerMetrics;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The route is found once, from the head: its limit bounds the body, and the request carries it on. */
class RequestBodyReaderTest {
    private final HttpRoute publish = call -> CompletableFuture.completedFuture(HttpAnswer.error(200, "x", "x"));
    private final HttpRouter router = new HttpRouter().add("POST", "/api/v1/publish", 16, publish);
    private final EmbeddedChannel channel = new EmbeddedChannel(
            new RequestBodyReader(router, new BodyBudget(1 << 20), new ConnectionCuts(new ServerMetrics())));

    @Test
    void theWholeRequestCarriesTheRouteFoundFromItsHead() {
        channel.writeInbound(head("/api/v1/publish?x=1", 5), new DefaultLastHttpContent(
                Unpooled.copiedBuffer("hello", StandardCharsets.UTF_8)));
        RoutedRequest req = channel.readInbound();
        assertThat(req.target().route()).isSameAs(publish);
        assertThat(req.decodedUri().path()).isEqualTo("/api/v1/publish");
        assertThat(req.decodedUri().parameters()).containsKey("x");
        assertThat(req.content().toString(StandardCharsets.UTF_8)).isEqualTo("hello");
        req.release();
    }

    @Test
    void aBodyOverTheRoutesLimitIsRefusedFromTheHead() {
        channel.writeInbound(head("/api/v1/publish", 17));
        HttpRefusal refusal = channel.readInbound();
        assertThat(refusal.answer().status()).isEqualTo(413);
    }

    @Test
    void anUnknownPathGetsTheDefaultLimitAndA404Route() {
        channel.writeInbound(head("/nothing", 0), new DefaultLastHttpContent());
        RoutedRequest req = channel.readInbound();
        assertThat(req.target().maxBodyBytes()).isEqualTo(HttpRouter.DEFAULT_BODY_BYTES);
        assertThat(req.target().route().handle(null).join().status()).isEqualTo(404);
        req.release();
    }

    private static HttpRequest head(String uri, int contentLength) {
        HttpRequest h = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri);
        h.headers().set(HttpHeaderNames.CONTENT_LENGTH, contentLength);
        return h;
    }
}
