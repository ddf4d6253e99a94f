package io.qrpush.server.it;

import io.qrpush.server.it.LoginFixture.Created;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The two HTTP doors to a login session beside the WebSocket publish (docs/protocol.md 4, 5) and
 * its long-poll (section 4 too), as a native app, an app's backend and a polling PC call them.
 */
final class LoginDoors {
    private final TestServer server;
    private final LoginFixture login;
    private final HttpClient http = HttpClient.newHttpClient();

    LoginDoors(TestServer server, LoginFixture login) {
        this.server = server;
        this.login = login;
    }

    /** A phone's action over HTTPS with an otp or a phone token; {@code token} null sends no Authorization. */
    HttpResponse<String> phone(String key, String action, String token) throws Exception {
        String body = "{\"action\":\"" + action + "\"}";
        return token == null
                ? login.http("POST", "/api/login/sessions/" + key + "/actions", body, "Content-Type", "application/json")
                : login.http("POST", "/api/login/sessions/" + key + "/actions", body, "Content-Type", "application/json",
                        "Authorization", "Bearer " + token);
    }

    /** The app's backend acting for one of its users; {@code body} as sent. */
    HttpResponse<String> backend(String apiKey, String key, String action, String body) throws Exception {
        return login.http("POST", "/api/v1/logins/" + key + "/" + action, body, "Content-Type", "application/json",
                "Authorization", "Bearer " + apiKey);
    }

    HttpResponse<String> backendAs(String apiKey, Created s, String action, String userId) throws Exception {
        return backend(apiKey, s.key(), action, "{\"userId\":\"" + userId + "\",\"name\":\"" + userId + " name\"}");
    }

    /**
     * A long-poll on the node the other calls do not go to (in the cluster run), so the changes it
     * waits for reach it through the broker.
     */
    HttpResponse<String> pollOnPeer(Created s, String query) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(server.peerHttpUri("/api/login/sessions/" + s.key() + "/status" + query))
                .timeout(Duration.ofSeconds(40)).header("Authorization", "Bearer " + s.token()).GET().build();
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    /** A long-poll of the session's state; {@code query} is appended as it is. */
    HttpResponse<String> poll(Created s, String query, String token) throws Exception {
        return login.http("GET", "/api/login/sessions/" + s.key() + "/status" + query, null,
                "Authorization", "Bearer " + token);
    }
}
