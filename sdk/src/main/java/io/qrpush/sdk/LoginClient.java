package io.qrpush.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The PC that asked for a login, as the server recorded it when the session was created: shown
 * to the phone's user before they confirm ("Log in on Firefox, Berlin?"), and to the backend with
 * the redeemed ticket. Any field may be null when the server did not know it.
 *
 * @param risk how the login looks to the server (only in a scan's answer; null elsewhere)
 */
public record LoginClient(String ip, String userAgent, String origin, Instant createdAt, LoginRisk risk) {

    static LoginClient fromJson(JsonNode n) {
        if (n == null || !n.isObject()) {
            return null;
        }
        return new LoginClient(Json.text(n, "ip"), Json.text(n, "userAgent"), Json.text(n, "origin"),
                Json.instant(n, "createdAt"), LoginRisk.fromJson(n.get("risk")));
    }
}
