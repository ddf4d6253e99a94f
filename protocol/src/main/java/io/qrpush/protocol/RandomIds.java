package io.qrpush.protocol;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable identifiers (login keys, tickets, jtis, guids) from a CSPRNG, base64url. */
public final class RandomIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private RandomIds() {
    }

    /** 128 random bits as 22 base64url characters. */
    public static String random128() {
        return randomBits(128);
    }

    /** {@code bits} random bits (a multiple of 8) as base64url without padding. */
    public static String randomBits(int bits) {
        byte[] bytes = new byte[bits / 8];
        RANDOM.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
