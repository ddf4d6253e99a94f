package io.qrpush.sdk;

import io.qrpush.protocol.token.Otps;
import io.qrpush.protocol.token.SubscriptionTokens;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Mints the tokens an app's backend hands to its clients, signed with the app secret: otps (one
 * per connection of a logged-in user, docs/protocol.md section 1) and subscription tokens for protected
 * channels. They are plain HS256 JWTs: any JWT library verifies them with the same secret.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * Tokens tokens = Tokens.of(System.getenv("QRPUSH_SECRET"));
 * String otp = tokens.otp("u17").name("Ann").publishTo("login:*").mint();
 * }</pre>
 *
 * The secret never leaves the backend: never send it to a browser or phone, only what it mints.
 */
public final class Tokens {
    /** Lifetime of an otp when none is set: enough to connect, short enough to be useless if leaked. */
    public static final Duration DEFAULT_OTP_TTL = Duration.ofSeconds(60);

    private final String secret;
    private final Clock clock;

    private Tokens(String secret, Clock clock) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the app secret is required");
        }
        this.secret = secret;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static Tokens of(String appSecret) {
        return new Tokens(appSecret, Clock.systemUTC());
    }

    /** The same tokens with another clock (tests). */
    public Tokens withClock(Clock c) {
        return new Tokens(secret, c);
    }

    /** Starts an otp for one of the app's users; each {@link Otp#mint()} gives a fresh {@code jti}. */
    public Otp otp(String userId) {
        return new Otp(userId, DEFAULT_OTP_TTL, null, null, List.of());
    }

    /**
     * A subscription token for one exact channel (a {@code private:} channel of the app), valid for
     * {@code ttl}. Not single-use: a client resubscribes with it after a reconnect.
     */
    public String subscriptionToken(String channel, Duration ttl) {
        Objects.requireNonNull(channel, "channel");
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        return SubscriptionTokens.mint(secret, channel, clock.instant().plus(ttl));
    }

    /** Leaves the secret out. */
    @Override
    public String toString() {
        return "Tokens[secret=***]";
    }

    /** An otp being described; immutable, so one template can mint many. */
    public final class Otp {
        private final String userId;
        private final Duration ttl;
        private final String name;
        private final String avatar;
        private final List<String> pub;

        private Otp(String userId, Duration ttl, String name, String avatar, List<String> pub) {
            if (userId == null || userId.isEmpty() || userId.length() > 256) {
                throw new IllegalArgumentException("userId must be 1 to 256 characters");
            }
            this.userId = userId;
            this.ttl = ttl;
            this.name = name;
            this.avatar = avatar;
            this.pub = pub;
        }

        /** Lifetime from now, at most 600 s (the protocol's limit); default 60 s. */
        public Otp ttl(Duration lifetime) {
            if (lifetime == null || lifetime.isNegative() || lifetime.isZero()
                    || lifetime.compareTo(Otps.MAX_LIFETIME) > 0) {
                throw new IllegalArgumentException("otp lifetime must be between 1 s and 600 s");
            }
            return new Otp(userId, lifetime, name, avatar, pub);
        }

        /** The user's display name, shown to the PC after a confirmed (or revealed) scan. */
        public Otp name(String displayName) {
            return new Otp(userId, ttl, displayName, avatar, pub);
        }

        /** The URL of the user's picture, shown like the name. */
        public Otp avatar(String url) {
            return new Otp(userId, ttl, name, url, pub);
        }

        /**
         * Channel globs the user may publish to, {@code *} matching any run of characters; adds
         * to those given before. A phone that scans login codes needs {@code login:*}.
         */
        public Otp publishTo(String... globs) {
            List<String> all = new ArrayList<>(pub);
            for (String g : globs) {
                if (g == null || g.isEmpty()) {
                    throw new IllegalArgumentException("publish globs must not be empty");
                }
                all.add(g);
            }
            return new Otp(userId, ttl, name, avatar, List.copyOf(all));
        }

        /** Signs a new otp with a fresh jti: each call gives a token that works once. */
        public String mint() {
            return Otps.mint(secret, userId, ttl, name, avatar, pub, clock.instant());
        }

        @Override
        public String toString() {
            return "Otp[userId=" + userId + ", ttl=" + ttl + ", pub=" + pub + "]";
        }
    }
}
