package io.qrpush.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A phone's login actions as HTTPS calls (docs/protocol.md section 4, "Phone actions over plain
 * HTTPS"): {@code POST /api/login/sessions/<key>/actions} with the otp, and after a scan with the
 * phone token its answer carried. Never retried, as over WebSocket: an otp is spent by the first
 * attempt that arrives, and a confirm whose answer was lost may have been taken.
 */
final class HttpsLoginDoor implements LoginPhone.Door {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpCaller caller;
    private final String path;
    /** The otp until a scan answers with a phone token; then that token. */
    private volatile String credential;

    HttpsLoginDoor(HttpClient http, String baseUrl, String key, String otp) {
        this.caller = new HttpCaller(http, baseUrl, null, TIMEOUT, RetryPolicy.none());
        this.path = "/api/login/sessions/" + key + "/actions";
        this.credential = otp;
    }

    @Override
    public CompletableFuture<JsonNode> act(ObjectNode content) {
        return caller.callAs(credential, "POST", path, content, false).thenApply(answer -> {
            String phoneToken = Json.text(answer, "phoneToken");
            if (phoneToken != null) {
                credential = phoneToken;
            }
            return answer;
        });
    }

    /** Shows where it goes only: the otp and the phone token never appear in logs. */
    @Override
    public String toString() {
        return "HttpsLoginDoor[" + path + "]";
    }
}
