package io.qrpush.server.login;

import io.qrpush.protocol.token.HmacSha256;
import io.qrpush.protocol.token.SecretDigest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Login tickets, kept out of every store. A ticket is {@code <key>.<128 bits>} where the bits are
 * an HMAC-SHA256, under the app's secret, of the key and a random seed; the store holds the seed
 * and the ticket's SHA-256, never the ticket. The hash is what a redemption is checked against
 * (in constant time); the seed lets a node with the app's secret hand the same ticket again to
 * the PC that reconnects before it redeemed (the subscribe reply's state, docs/protocol.md 4).
 * So a dump of Redis, or of the session store alone, holds no live ticket; the secret that turns
 * a seed into one lives only in the nodes' configuration.
 *
 * <p>Both are single passes over some sixty bytes, not a key derivation function: a ticket is
 * 128 random-looking bits, which no guessing can reach, so slowing the hash down would only slow
 * the login. {@link HmacSha256} and {@link SecretDigest} keep their MAC and digest per thread: looking them up in the
 * security providers cost more than the hashing (the login tail's JFR profile, docs/benchmarks.md).
 */
final class Tickets {
    private static final String LABEL = "qrpush login ticket\n";
    private static final int RANDOM_BYTES = 16;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Tickets() {
    }

    /** The ticket of the session {@code key} confirmed with {@code seed}, for the app with {@code secret}. */
    static String derive(String secret, String key, String seed) {
        byte[] tag = HmacSha256.of(secret, (LABEL + key + "\n" + seed).getBytes(StandardCharsets.UTF_8));
        return key + "." + B64.encodeToString(Arrays.copyOf(tag, RANDOM_BYTES));
    }

    /** What the store keeps of a ticket: its SHA-256, base64url. */
    static String hash(String ticket) {
        return B64.encodeToString(SecretDigest.of(ticket));
    }

    /** Whether {@code ticket} is the one whose hash is stored; constant time in the ticket's content. */
    static boolean matches(String ticket, String storedHash) {
        return storedHash != null && SecretDigest.matches(ticket, Base64.getUrlDecoder().decode(storedHash));
    }
}
