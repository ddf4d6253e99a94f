package io.qrpush.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * A login ticket redeemed by the app's backend: who confirmed the login on their phone, for which
 * session, and on which PC. Start that user's session on the PC only after this succeeded.
 *
 * @param userId the {@code sub} of the phone user's otp
 * @param name   the {@code name} of that otp, or null
 * @param avatar the {@code avatar} of that otp, or null
 * @param key    the login session's key
 */
public record VerifiedTicket(String userId, String name, String avatar, String key, Instant confirmedAt,
                             LoginClient client) {

    static VerifiedTicket fromJson(JsonNode n) {
        return new VerifiedTicket(Json.text(n, "userId"), Json.text(n, "name"), Json.text(n, "avatar"),
                Json.text(n, "key"), Json.instant(n, "confirmedAt"), LoginClient.fromJson(n.get("client")));
    }
}
