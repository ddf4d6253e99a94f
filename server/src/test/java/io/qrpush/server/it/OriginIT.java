package io.qrpush.server.it;

import static io.qrpush.server.it.TestServer.APP_A;
import static io.qrpush.server.it.TestServer.APP_B;
import static io.qrpush.server.it.TestServer.ORIGIN_A;
import static io.qrpush.server.it.TestServer.ORIGIN_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * Cross-site WebSocket hijacking (docs/protocol.md section 3 "authorize"): the upgrade is refused with HTTP 403
 * when no app allows the Origin, and an authorize to an app that does not allow it is 403 then
 * close 4003. Origins match exactly on scheme, host and port.
 */
class OriginIT extends DefaultServerIT {
    private int handshakeStatus(String origin) throws Exception {
        Throwable t = catchThrowable(() -> WsClient.connect(server.wsUri(), origin).close());
        assertThat(t).as("upgrade from %s should fail", origin).isInstanceOf(ExecutionException.class);
        assertThat(t.getCause()).isInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) t.getCause()).getResponse().statusCode();
    }

    @Test
    void upgradeFromAForeignOriginIsRefused403BeforeAnyUpgrade() throws Exception {
        for (String origin : new String[] {"http://evil.example", "http://a.example:8001", "https://a.example:8000",
            "http://a.example:8000.evil.com", "http://a.example", "null", "http://sub.a.example:8000",
            "http://a.example:8000/path"}) {
            assertThat(handshakeStatus(origin)).as(origin).isEqualTo(403);
        }
        try (RawWs raw = RawWs.connect(server.port(), "/ws", "http://evil.example", 0)) {
            assertThat(raw.upgraded()).isFalse();
            assertThat(raw.statusLine()).startsWith("HTTP/1.1 403");
            assertThat(raw.responseHead().toLowerCase()).doesNotContain("upgrade: websocket");
        }
    }

    @Test
    void exactlyTheConfiguredOriginIsAllowed() throws Exception {
        for (String origin : new String[] {ORIGIN_A, "HTTP://A.EXAMPLE:8000"}) {
            try (WsClient c = WsClient.connect(server.wsUri(), origin)) {
                c.requestOk("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + APP_A + "\"}");
            }
        }
        for (String origin : new String[] {ORIGIN_B, "https://b.example:443"}) {
            try (WsClient c = WsClient.connect(server.wsUri(), origin)) {
                c.requestOk("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + APP_B + "\"}");
            }
        }
    }

    @Test
    void originOfAnotherAppIs403ThenClose4003() throws Exception {
        try (WsClient c = WsClient.connect(server.wsUri(), ORIGIN_B)) {
            JsonNode r = c.request("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + APP_A + "\"}");
            assertThat(r.path("code").asInt()).isEqualTo(403);
            assertThat(r.path("error").asText()).isEqualTo("origin_not_allowed");
            JsonNode d = c.next("disconnect");
            assertThat(d.path("code").asInt()).isEqualTo(4003);
            assertThat(d.path("reconnect").asBoolean(true)).isFalse();
            assertThat(c.awaitClose()).isEqualTo(4003);
        }
        try (WsClient c = WsClient.connect(server.wsUri(), ORIGIN_A)) {
            JsonNode r = c.request("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + APP_B + "\",\"otp\":\""
                    + TestServer.otp(TestServer.SECRET_B, "u1", "*") + "\"}");
            assertThat(r.path("error").asText()).as("an otp does not lift the origin check")
                    .isEqualTo("origin_not_allowed");
            assertThat(c.awaitClose()).isEqualTo(4003);
        }
    }

    @Test
    void connectionsWithoutOriginPassBothChecks() throws Exception {
        try (WsClient a = server.connect(); WsClient b = server.connect()) {
            a.requestOk("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + APP_A + "\"}");
            b.requestOk("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + APP_B + "\"}");
        }
    }

    @Test
    void upgradeWithAQueryStringIsServed() throws Exception {
        // Clients add query parameters (versions, cache busters); the endpoint is the path /ws.
        try (RawWs raw = RawWs.connect(server.port(), "/ws?v=1", null, 0)) {
            assertThat(raw.upgraded()).as(raw.statusLine()).isTrue();
            raw.sendText("{\"op\":\"ping\"}");
            assertThat(raw.nextText(Duration.ofSeconds(5))).contains("pong");
        }
    }
}
