package io.qrpush.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A request the HTTP parser rejected is never routed: 400, or 431 for a header section over
 * {@code limits.maxHeaderBytes}, then the connection closes. Before, the headers up to the
 * overflow were routed: an upgrade whose foreign Origin preceded a 9 KB header was answered 101
 * and authorized as if it had no Origin, and a 20 KB header on /healthz got 200.
 */
@Tag(TestServer.SINGLE_NODE)
class MalformedHttpIT extends HostileClientIT {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String UPGRADE = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
            + "Origin: https://evil.example\r\n";

    private static String filler(int bytes) {
        return "X-Filler: " + "a".repeat(bytes) + "\r\n";
    }

    @Test
    void aTwentyKilobyteHeaderOnHealthzIs431AndClosed() throws Exception {
        server = TestServer.start();
        RawHttp s = open().send(RawHttp.get("/healthz", filler(20_000)));
        RawHttp.Response r = s.read(WAIT);
        assertThat(r.status()).isEqualTo(431);
        assertThat(r.body()).contains("\"error\":\"too_large\"").contains("maxHeaderBytes");
        assertThat(s.closedWithin(WAIT)).isTrue();
        await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(cut("header_too_large")).isEqualTo(1));
    }

    @Test
    void aForeignOriginBeforeAnOverflowingHeaderIsNeverUpgraded() throws Exception {
        server = TestServer.start(LimitsBuilder.limits(l -> l.http = l.http.withMaxHeaderBytes(8192)));
        RawHttp s = open().send(UPGRADE + filler(9000) + "\r\n");
        RawHttp.Response r = s.read(WAIT);
        assertThat(r.status()).as(r.head()).isEqualTo(431);
        assertThat(s.closedWithin(WAIT)).isTrue();
    }

    @Test
    void underTheLimitTheSameUpgradeIsRefusedForItsOrigin() throws Exception {
        server = TestServer.start();
        RawHttp s = open().send(UPGRADE + filler(9000) + "\r\n");
        RawHttp.Response r = s.read(WAIT);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).contains("origin_not_allowed");
    }

    @Test
    void aRequestLineThatIsNotHttpIs400AndClosed() throws Exception {
        server = TestServer.start();
        RawHttp s = open().send("HELLO\r\n\r\n");
        RawHttp.Response r = s.read(WAIT);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("\"error\":\"bad_request\"");
        assertThat(s.closedWithin(WAIT)).isTrue();
    }

    @Test
    void aBrokenChunkedBodyIs400AndNeverRouted() throws Exception {
        server = TestServer.start();
        RawHttp s = open().send("POST /api/v1/publish HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + TestServer.API_KEY_A + "\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
        RawHttp.Response r = s.read(WAIT);
        assertThat(r.status()).isEqualTo(400);
        assertThat(s.closedWithin(WAIT)).isTrue();
    }
}
