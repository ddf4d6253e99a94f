package io.qrpush.protocol.token;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256, the one MAC of the protocol: JWT signatures, login tickets and webhook signatures.
 * Each thread keeps its {@link Mac}: looking one up in the security providers costs more than
 * the MAC over a short text (the login tail's JFR profile, docs/benchmarks.md).
 */
public final class HmacSha256 {
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    });

    private HmacSha256() {
    }

    /** The MAC of {@code data} under the UTF-8 bytes of {@code key} (which must not be empty). */
    public static byte[] of(String key, byte[] data) {
        Mac mac = MACS.get();
        try {
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256")); // resets it too
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("an HMAC key of any length is valid", e);
        }
        return mac.doFinal(data);
    }
}
