package io.qrpush.protocol.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Secrets a server checks but need not keep (API keys, the admin and metrics tokens, session ids,
 * login tickets) are kept and compared as SHA-256 digests: {@link MessageDigest#isEqual} over two
 * digests of one fixed length takes a time that tells nothing of the candidate, not even how long
 * the secret is or how much of it was right.
 */
public final class SecretDigest {
    private SecretDigest() {
    }

    /** The SHA-256 of the text's UTF-8 bytes; null for null (a secret that is not set). */
    public static byte[] of(String secret) {
        if (secret == null) {
            return null;
        }
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Whether {@code candidate} is the secret of {@code digest}; false when either is null. */
    public static boolean matches(String candidate, byte[] digest) {
        return candidate != null && digest != null && MessageDigest.isEqual(of(candidate), digest);
    }
}
