package io.qrpush.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Scan-to-login helpers over the real server: a PC page's HTTP calls and WebSocket, phones, and
 * the backend's ticket redemption.
 */
final class LoginFixture {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String UA = "Mozilla/5.0 (qrpush test PC)";

    /** What {@code POST /api/login/sessions} answered. */
    record Created(String key, String channel, String token, String qrContent, String qrPng, String qrSvg,
                   long expiresAt) {
        static Created of(JsonNode b) {
            return new Created(b.path("key").asText(), b.path("channel").asText(), b.path("token").asText(),
                    b.path("qrContent").asText(), b.path("qrPng").asText(), b.path("qrSvg").asText(),
                    b.path("expiresAt").asLong());
        }
    }

    private final TestServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    LoginFixture(TestServer server) {
        this.server = server;
    }

    static String originOf(String appkey) {
        return TestServer.APP_A.equals(appkey) ? TestServer.ORIGIN_A : TestServer.ORIGIN_B;
    }

    static String apiKeyOf(String appkey) {
        return TestServer.APP_A.equals(appkey) ? TestServer.API_KEY_A : TestServer.API_KEY_B;
    }

    /** Any HTTP call; {@code headers} alternate name, value. */
    HttpResponse<String> http(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.httpUri(path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET answered in bytes; {@code headers} alternate name, value. */
    HttpResponse<byte[]> bytes(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.httpUri(path)).timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Creates a session from the app's page origin, unless {@code headers} name another Origin. */
    HttpResponse<String> post(String appkey, String... headers) throws Exception {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("Content-Type", "application/json",
                "User-Agent", UA));
        boolean origin = false;
        for (int i = 0; i < headers.length; i += 2) {
            origin |= headers[i].equalsIgnoreCase("Origin");
        }
        if (!origin) {
            all.addAll(java.util.List.of("Origin", originOf(appkey)));
        }
        all.addAll(java.util.List.of(headers));
        return http("POST", "/api/login/sessions", "{\"appkey\":\"" + appkey + "\"}", all.toArray(new String[0]));
    }

    Created create(String appkey) throws Exception {
        HttpResponse<String> r = post(appkey);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return Created.of(JSON.readTree(r.body()));
    }

    /** A PC page: anonymous, subscribed with the token; the subscribe reply's state is checked by callers. */
    WsClient pc(String appkey, Created s) throws Exception {
        WsClient pc = WsClient.connect(server.wsUri(), originOf(appkey));
        pc.requestOk("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + appkey + "\"}");
        JsonNode reply = pc.subscribe(s.channel(), s.token());
        assertThat(reply.path("code").asInt()).as(reply.toString()).isEqualTo(200);
        return pc;
    }

    /** A logged-in phone user whose otp allows {@code login:*}. */
    WsClient phone(String appkey, String user) throws Exception {
        return server.user(appkey, user, "login:*");
    }

    static JsonNode act(WsClient phone, Created s, String action) throws Exception {
        return phone.publish(s.channel(), "{\"action\":\"" + action + "\"}");
    }

    static void assertRefused(JsonNode reply, int code, String word) {
        assertThat(reply.path("code").asInt()).as(reply.toString()).isEqualTo(code);
        assertThat(reply.path("error").asText()).as(reply.toString()).isEqualTo(word);
    }

    /** The next server event on the session's channel, whatever it is. */
    static JsonNode nextEvent(WsClient pc, Created s) throws Exception {
        JsonNode m = pc.next(f -> "message".equals(f.path("op").asText()) && s.channel().equals(f.path("channel").asText()));
        assertThat(m.has("from")).as("server events carry no from: %s", m).isFalse();
        return m.path("content");
    }

    /** Logs the session in as {@code user} (a PC watching, a phone scanning and confirming); the PC's ticket. */
    String confirmedTicket(String appkey, Created s, String user) throws Exception {
        try (WsClient pc = pc(appkey, s); WsClient phone = phone(appkey, user)) {
            act(phone, s, "scan");
            act(phone, s, "confirm");
            nextEvent(pc, s);
            return nextEvent(pc, s).path("ticket").asText();
        }
    }

    HttpResponse<String> verify(String apiKey, String ticket) throws Exception {
        return http("POST", "/api/v1/tickets/verify", "{\"ticket\":\"" + ticket + "\"}",
                "Content-Type", "application/json", "Authorization", "Bearer " + apiKey);
    }

    HttpResponse<String> delete(Created s, String token, String origin) throws Exception {
        return origin == null
                ? http("DELETE", "/api/login/sessions/" + s.key(), null, "Authorization", "Bearer " + token)
                : http("DELETE", "/api/login/sessions/" + s.key(), null, "Authorization", "Bearer " + token,
                        "Origin", origin);
    }

    static JsonNode body(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }
}
