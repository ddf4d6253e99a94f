package io.qrpush.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to a phone's scan: where the login will happen, and on apps with number matching the
 * three numbers to offer the user, one of them the number the PC shows beside its code.
 *
 * @param client  the PC, with the server's {@link LoginRisk} when it sent one
 * @param choices the numbers to offer, in the server's (random) order; empty without number
 *                matching, and then {@link LoginPhone#confirm()} needs none
 */
public record LoginScan(LoginClient client, List<String> choices) {
    public LoginScan {
        choices = List.copyOf(choices);
    }

    /** Whether the user must pick the PC's number: confirm with {@link LoginPhone#confirm(String)}. */
    public boolean numberMatching() {
        return !choices.isEmpty();
    }

    static LoginScan fromJson(JsonNode body) {
        List<String> choices = new ArrayList<>();
        body.path("choices").forEach(c -> choices.add(c.asText()));
        return new LoginScan(LoginClient.fromJson(body.get("client")), choices);
    }
}
