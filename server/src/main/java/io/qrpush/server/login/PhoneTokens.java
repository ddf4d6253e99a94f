package io.qrpush.server.login;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.token.Hs256Jwt;
import io.qrpush.protocol.token.SubscriptionTokens;
import io.qrpush.protocol.token.TokenException;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;

/**
 * The {@code phoneToken} of a scan over HTTPS (docs/protocol.md section 4): an HS256 JWT under the
 * app's secret with {@code sub} (the scanner), {@code ch} (the session's login channel) and
 * {@code exp} (the end of {@code confirmTtl}), so one otp serves a phone's whole exchange. It also
 * carries {@code "use":"login-phone"}: that tells it from an otp here, and it keeps the token from
 * opening a subscription to the PC's channel, whose events hold the ticket.
 */
final class PhoneTokens {
    static final String USE = "login-phone";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PhoneTokens() {
    }

    static String mint(String secret, String userId, String channel, Instant expiresAt) {
        ObjectNode claims = JsonNodeFactory.instance.objectNode().put("sub", userId).put("ch", channel)
                .put("exp", expiresAt.getEpochSecond()).put(SubscriptionTokens.USE_CLAIM, USE);
        return Hs256Jwt.sign(claims, secret);
    }

    /**
     * Whether the token says it is a phone token, read before its signature is checked, so that a
     * door can tell which check applies; {@link #verify} decides whether it is good.
     */
    static boolean claimsToBe(String token) {
        try {
            int dot1 = token.indexOf('.');
            int dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
            if (dot2 < 0 || token.length() > Hs256Jwt.MAX_TOKEN_LENGTH) {
                return false;
            }
            JsonNode claims = MAPPER.readTree(Base64.getUrlDecoder().decode(token.substring(dot1 + 1, dot2)));
            return claims != null && USE.equals(claims.path(SubscriptionTokens.USE_CLAIM).asText(null));
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The user a good phone token for {@code channel} was minted for; every refusal is 403 {@code bad_token}. */
    static String verify(String token, String secret, String channel, Instant now) throws TokenException {
        ObjectNode c = Hs256Jwt.verify(token, secret, ErrorWord.BAD_TOKEN);
        if (!USE.equals(c.path(SubscriptionTokens.USE_CLAIM).asText(null))) {
            throw new TokenException(ErrorWord.BAD_TOKEN, "this is not a phone token");
        }
        if (!channel.equals(c.path("ch").asText(null))) {
            throw new TokenException(ErrorWord.BAD_TOKEN, "this phone token is for another login session");
        }
        JsonNode exp = c.get("exp");
        if (exp == null || !exp.isIntegralNumber() || exp.longValue() <= now.getEpochSecond()) {
            throw new TokenException(ErrorWord.BAD_TOKEN, "this phone token has expired");
        }
        String sub = c.path("sub").asText("");
        if (sub.isEmpty()) {
            throw new TokenException(ErrorWord.BAD_TOKEN, "this phone token names no user");
        }
        return sub;
    }
}
