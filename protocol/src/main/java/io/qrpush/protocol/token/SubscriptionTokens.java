package io.qrpush.protocol.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.protocol.ErrorWord;
import java.time.Instant;

/**
 * Subscription tokens: HS256 JWTs with the exact channel in {@code ch} and an {@code exp}. They
 * are not single use: a PC that reconnects subscribes again with the same token. A token that
 * carries {@value #USE_CLAIM} was minted for something else (a phone's {@code phoneToken}, which
 * names the same login channel) and never opens a subscription.
 */
public final class SubscriptionTokens {
    /** The claim of the server's other channel-bound tokens, which a subscription token never has. */
    public static final String USE_CLAIM = "use";

    private SubscriptionTokens() {
    }

    /** Mints a token for one channel, valid until {@code expiresAt}. */
    public static String mint(String secret, String channel, Instant expiresAt) {
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        claims.put("ch", channel);
        claims.put("exp", expiresAt.getEpochSecond());
        return Hs256Jwt.sign(claims, secret);
    }

    /** Verifies the token grants {@code channel} at {@code now}; every refusal is {@code bad_token}. */
    public static void verify(String token, String secret, String channel, Instant now) throws TokenException {
        ObjectNode c = Hs256Jwt.verify(token, secret, ErrorWord.BAD_TOKEN);
        JsonNode ch = c.get("ch");
        if (ch == null || !ch.isTextual() || !ch.asText().equals(channel)) {
            throw new TokenException(ErrorWord.BAD_TOKEN, "token is for another channel");
        }
        if (c.has(USE_CLAIM)) {
            throw new TokenException(ErrorWord.BAD_TOKEN, "this token is not a subscription token");
        }
        JsonNode exp = c.get("exp");
        if (exp == null || !exp.isIntegralNumber()) {
            throw new TokenException(ErrorWord.BAD_TOKEN, "token has no exp");
        }
        if (exp.longValue() <= now.getEpochSecond()) {
            throw new TokenException(ErrorWord.BAD_TOKEN, "token expired");
        }
    }
}
