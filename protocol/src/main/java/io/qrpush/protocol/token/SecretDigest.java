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
    /**
     * Each thread keeps its digest: looking one up in the security providers costs more than
     * hashing a token (the login tail's JFR profile, docs/benchmarks.md).
     */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });

    private SecretDigest() {
    }

    /** The SHA-256 of the text's UTF-8 bytes; null for null (a secret that is not set). */
    public static byte[] of(String secret) {
        if (secret == null) {
            return null;
        }
        return SHA256.get().digest(secret.getBytes(StandardCharsets.UTF_8)); // digest() leaves it reset
    }

    /** Whether {@code candidate} is the secret of {@code digest}; false when either is null. */
    public static boolean matches(String candidate, byte[] digest) {
        return candidate != null && digest != null && MessageDigest.isEqual(of(candidate), digest);
    }
}
