package io.qrpush.protocol.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.protocol.ErrorWord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Compact JWS signed with HMAC-SHA256 (RFC 7515/7519), and nothing else: the header must say
 * {@code "alg":"HS256"}, so {@code none} and algorithm-confusion tokens are refused before any
 * claim is read. Signatures are compared in constant time.
 *
 * <p>Written here rather than taken from a JWT library to keep the protocol module free of
 * dependencies beyond Jackson and to make the accepted subset exactly this one algorithm.
 */
public final class Hs256Jwt {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final String HEADER = B64.encodeToString(
            "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.US_ASCII));
    /** Tokens longer than this are refused unread; ours are a few hundred bytes. */
    public static final int MAX_TOKEN_LENGTH = 4096;
    private Hs256Jwt() {
    }

    /** Signs the claims with the secret's UTF-8 bytes. */
    public static String sign(ObjectNode claims, String secret) {
        try {
            String payload = B64.encodeToString(MAPPER.writeValueAsBytes(claims));
            String signingInput = HEADER + "." + payload;
            return signingInput + "." + B64.encodeToString(hmac(signingInput, secret));
        } catch (IOException e) {
            throw new IllegalStateException("claims could not be written", e);
        }
    }

    /**
     * Checks the algorithm and the signature and returns the claims; expiry and the meaning of
     * the claims are the caller's.
     *
     * @param invalid the error word for a malformed, wrongly signed or wrong-algorithm token
     */
    public static ObjectNode verify(String token, String secret, ErrorWord invalid)
            throws TokenException {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw new TokenException(invalid, "token missing or too long");
        }
        int dot1 = token.indexOf('.');
        int dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
        if (dot1 <= 0 || dot2 <= dot1 + 1 || token.indexOf('.', dot2 + 1) >= 0) {
            throw new TokenException(invalid, "token is not a compact JWS");
        }
        JsonNode header = decodeJson(token.substring(0, dot1), invalid);
        if (!"HS256".equals(header.path("alg").asText(null))) {
            throw new TokenException(invalid, "only alg HS256 is accepted");
        }
        byte[] signature;
        try {
            signature = B64D.decode(token.substring(dot2 + 1));
        } catch (IllegalArgumentException e) {
            throw new TokenException(invalid, "signature is not base64url");
        }
        byte[] expected = hmac(token.substring(0, dot2), secret);
        if (!MessageDigest.isEqual(expected, signature)) {
            throw new TokenException(invalid, "bad signature");
        }
        JsonNode claims = decodeJson(token.substring(dot1 + 1, dot2), invalid);
        if (!(claims instanceof ObjectNode object)) {
            throw new TokenException(invalid, "claims must be a JSON object");
        }
        return object;
    }

    private static JsonNode decodeJson(String part, ErrorWord invalid) throws TokenException {
        try {
            JsonNode node = MAPPER.readTree(B64D.decode(part));
            if (node == null || !node.isObject()) {
                throw new TokenException(invalid, "token part is not a JSON object");
            }
            return node;
        } catch (IllegalArgumentException | IOException e) {
            throw new TokenException(invalid, "token part is not base64url JSON");
        }
    }

    private static byte[] hmac(String signingInput, String secret) {
        return HmacSha256.of(secret, signingInput.getBytes(StandardCharsets.US_ASCII));
    }
}
