package io.qrpush.server.admin;

import io.qrpush.protocol.token.SecretDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.function.LongSupplier;

/**
 * The admin page's signed-in browsers: a sign-in with the configured token makes a random session
 * id, which the browser keeps in a cookie instead of the token. Sessions expire after
 * {@link #LIFETIME} and at most {@link #MAX_SESSIONS} live at once (a new one pushes out the oldest),
 * so a flood of sign-ins cannot grow memory.
 *
 * <p>Both the token and the session ids are compared as SHA-256 digests: the token with
 * {@link SecretDigest#matches}, and a session id by looking up its digest, so neither the time
 * taken nor a hash collision tells anything about a secret, and a wrong id costs the same as one
 * that expired. The ids themselves are never stored.
 */
public final class AdminSessions {
    /** A working day: an operator signs in again the next morning, a stolen cookie dies the same day. */
    public static final Duration LIFETIME = Duration.ofHours(8);
    /** A handful of operators, each with a few browsers. */
    static final int MAX_SESSIONS = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] tokenDigest;
    private final LongSupplier nanoClock;
    /** Expiry (nano clock) by the digest of a session id, oldest first. */
    private final LinkedHashMap<String, Long> expiries = new LinkedHashMap<>();

    public AdminSessions(String token, LongSupplier nanoClock) {
        this.tokenDigest = SecretDigest.of(token);
        this.nanoClock = nanoClock;
    }

    /** A new session id when {@code candidate} is the token, else null. */
    public String signIn(String candidate) {
        if (!SecretDigest.matches(candidate, tokenDigest)) {
            return null;
        }
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        long expiry = nanoClock.getAsLong() + LIFETIME.toNanos();
        synchronized (expiries) {
            dropExpired();
            while (expiries.size() >= MAX_SESSIONS) {
                expiries.remove(expiries.keySet().iterator().next());
            }
            expiries.put(key(id), expiry);
        }
        return id;
    }

    /** Whether {@code id} names a live session. */
    public boolean isLive(String id) {
        if (id == null) {
            return false;
        }
        String key = key(id);
        synchronized (expiries) {
            Long expiry = expiries.get(key);
            if (expiry != null && expiry - nanoClock.getAsLong() <= 0) {
                expiries.remove(key);
                return false;
            }
            return expiry != null;
        }
    }

    /** Ends the session (sign-out); an unknown id is ignored. */
    public void end(String id) {
        if (id != null) {
            String key = key(id);
            synchronized (expiries) {
                expiries.remove(key);
            }
        }
    }

    /** Live sessions now; for tests. */
    int size() {
        synchronized (expiries) {
            dropExpired();
            return expiries.size();
        }
    }

    private void dropExpired() {
        long now = nanoClock.getAsLong();
        expiries.values().removeIf(expiry -> expiry - now <= 0);
    }

    private static String key(String id) {
        return Base64.getEncoder().encodeToString(SecretDigest.of(id));
    }
}
