package io.qrpush.protocol.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.RandomIds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One-time passwords: HS256 JWTs an app's backend mints for one of its users (docs/protocol.md section 1).
 * Verification here covers everything but replay, which needs shared state and is the server's.
 */
public final class Otps {
    /** The longest lifetime the protocol allows. */
    public static final Duration MAX_LIFETIME = Duration.ofSeconds(600);
    private static final int MAX_GLOBS = 64;

    private Otps() {
    }

    /** Mints an otp with a fresh jti, valid from {@code now} for {@code ttl} (at most 600 s). */
    public static String mint(String secret, String sub, Duration ttl, String name, String avatar,
                              List<String> pub, Instant now) {
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("otp lifetime must be between 1 s and 600 s");
        }
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        claims.put("sub", sub);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(ttl).getEpochSecond());
        claims.put("jti", RandomIds.random128());
        if (name != null) {
            claims.put("name", name);
        }
        if (avatar != null) {
            claims.put("avatar", avatar);
        }
        if (pub != null && !pub.isEmpty()) {
            ArrayNode globs = claims.putArray("pub");
            pub.forEach(globs::add);
        }
        return Hs256Jwt.sign(claims, secret);
    }

    /**
     * Verifies signature, algorithm, required claims and lifetime.
     *
     * <p>An otp without {@code iat} must still expire within 600 s of now: otherwise leaving
     * {@code iat} out would make an otp that lives for ever.
     */
    public static OtpClaims verify(String otp, String secret, Instant now) throws TokenException {
        ObjectNode c = Hs256Jwt.verify(otp, secret, ErrorWord.BAD_OTP);
        String sub = requiredText(c, "sub");
        String jti = requiredText(c, "jti");
        long exp = requiredSeconds(c, "exp");
        long nowSeconds = now.getEpochSecond();
        JsonNode iat = c.get("iat");
        if (iat != null && !iat.isNull()) {
            if (!iat.isIntegralNumber()) {
                throw new TokenException(ErrorWord.BAD_OTP, "iat must be a number of seconds");
            }
            if (exp - iat.longValue() > MAX_LIFETIME.toSeconds()) {
                throw new TokenException(ErrorWord.BAD_OTP, "otp lifetime is over 600 s");
            }
        }
        if (exp - nowSeconds > MAX_LIFETIME.toSeconds()) {
            throw new TokenException(ErrorWord.BAD_OTP, "otp expires more than 600 s from now");
        }
        if (exp <= nowSeconds) {
            throw new TokenException(ErrorWord.OTP_EXPIRED, "otp expired");
        }
        return new OtpClaims(sub, exp, jti, optionalText(c, "name"), optionalText(c, "avatar"), globs(c));
    }

    private static String requiredText(ObjectNode c, String claim) throws TokenException {
        JsonNode v = c.get(claim);
        if (v == null || !v.isTextual() || v.asText().isEmpty() || v.asText().length() > 256) {
            throw new TokenException(ErrorWord.BAD_OTP, claim + " is required (a string of 1 to 256 characters)");
        }
        return v.asText();
    }

    private static long requiredSeconds(ObjectNode c, String claim) throws TokenException {
        JsonNode v = c.get(claim);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new TokenException(ErrorWord.BAD_OTP, claim + " is required (seconds since the epoch)");
        }
        return v.longValue();
    }

    private static String optionalText(ObjectNode c, String claim) throws TokenException {
        JsonNode v = c.get(claim);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.asText().length() > 2048) {
            throw new TokenException(ErrorWord.BAD_OTP, claim + " must be a string of at most 2048 characters");
        }
        return v.asText();
    }

    private static List<String> globs(ObjectNode c) throws TokenException {
        JsonNode v = c.get("pub");
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray() || v.size() > MAX_GLOBS) {
            throw new TokenException(ErrorWord.BAD_OTP, "pub must be an array of at most 64 channel globs");
        }
        List<String> globs = new ArrayList<>(v.size());
        for (JsonNode g : v) {
            if (!g.isTextual() || g.asText().isEmpty() || g.asText().length() > 256) {
                throw new TokenException(ErrorWord.BAD_OTP, "pub entries must be non-empty strings");
            }
            globs.add(g.asText());
        }
        return globs;
    }
}
