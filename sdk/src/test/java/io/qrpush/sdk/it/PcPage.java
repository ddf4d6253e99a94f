package io.qrpush.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrpush.sdk.Message;
import io.qrpush.sdk.QrPushClient;
import io.qrpush.sdk.SubscribeResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

/**
 * The PC side of scan-to-login as a web page does it, driven from Java: create a session over
 * HTTP from the app's origin, then watch its login channel with the session's token through a
 * {@link QrPushClient}.
 */
public final class PcPage implements AutoCloseable {
    public static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) PcPage/1.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode session;
    private final QrPushClient client;
    private final Inbox events = new Inbox();
    private final SubscribeResult subscribed;

    private PcPage(SdkServer server) throws Exception {
        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.httpUrl() + "/api/login/sessions"))
                .header("Origin", SdkServer.ORIGIN)
                .header("User-Agent", USER_AGENT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"appkey\":\"" + SdkServer.APP + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        session = JSON.readTree(created.body());
        client = server.client().header("Origin", SdkServer.ORIGIN).build();
        client.onMessage(channel(), events);
        client.connect().get(10, TimeUnit.SECONDS);
        subscribed = client.subscribe(channel(), session.path("token").asText()).get(10, TimeUnit.SECONDS);
    }

    /** Opens the login page: a new session, watched. */
    public static PcPage open(SdkServer server) throws Exception {
        return new PcPage(server);
    }

    public String key() {
        return session.path("key").asText();
    }

    public String channel() {
        return session.path("channel").asText();
    }

    /** What the QR code shows. */
    public String qrContent() {
        return session.path("qrContent").asText();
    }

    /** The number shown beside the code where the app uses number matching; null otherwise. */
    public String match() {
        return session.path("match").asText(null);
    }

    /** The state in the subscribe reply. */
    public JsonNode initialState() {
        return subscribed.state();
    }

    /** Waits for the login event with this name and returns its content. */
    public JsonNode awaitEvent(String event) {
        Message m = events.awaitContent("event", event);
        assertThat(m.from()).as("login events come from the server, not the phone").isNull();
        return m.content();
    }

    @Override
    public void close() {
        client.close();
    }
}
