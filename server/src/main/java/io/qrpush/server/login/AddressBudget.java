package io.qrpush.server.login;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One budget of some login call per client address: a token bucket of {@code perMinute} tokens
 * refilled evenly over the minute. {@link #sweep()} drops buckets that have refilled, so memory
 * follows the addresses active in the last minute.
 *
 * <p>IPv6 clients are counted per /64, the block one subscriber usually holds, or one host could
 * rotate through 2^64 addresses. Each /48 also has a bucket of {@value #SLASH48_SHARE} times the
 * budget, taken from first: a site holding a /48 has 65,536 /64s, and without it could spend
 * 65,536 budgets and make as many buckets; with it, it spends at most 16 budgets and makes only as
 * many /64 buckets as its /48 bucket lets requests through.
 */
public final class AddressBudget {
    /** Budgets of one /64 that a whole /48 may spend: an office or campus with many subnets. */
    static final int SLASH48_SHARE = 16;

    private static final class Bucket {
        final double capacity;
        double tokens;
        long lastNanos;

        Bucket(double capacity, long lastNanos) {
            this.capacity = capacity;
            this.tokens = capacity;
            this.lastNanos = lastNanos;
        }

        double perNano() {
            return capacity / 60e9;
        }

        void refill(long now) {
            tokens = Math.min(capacity, tokens + (now - lastNanos) * perNano());
            lastNanos = now;
        }

        /** Whole seconds (at least 1) until a token is back; 0 when one is here. */
        long waitSeconds() {
            return tokens >= 1 ? 0 : Math.max(1, (long) Math.ceil((1 - tokens) / perNano() / 1e9));
        }
    }

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final double capacity;
    private final LongSupplier nanoClock;

    public AddressBudget(int perMinute, LongSupplier nanoClock) {
        this.capacity = perMinute;
        this.nanoClock = nanoClock;
    }

    /**
     * Takes one call for the address; returns 0 when allowed, else the whole seconds (at least 1)
     * until the next one would be, for {@code Retry-After}.
     */
    public long tryAcquire(String ip) {
        long now = nanoClock.getAsLong();
        byte[] a = ClientAddress.parse(ip);
        if (a == null || a.length == 4) {
            return take(a == null ? ip : ClientAddress.format(a), capacity, now);
        }
        String block = prefix(a, 6, "/48");
        long wait = take(block, capacity * SLASH48_SHARE, now);
        if (wait > 0) {
            return wait;
        }
        wait = take(prefix(a, 8, "/64"), capacity, now);
        if (wait > 0) {
            buckets.computeIfPresent(block, (k, b) -> {
                b.tokens = Math.min(b.capacity, b.tokens + 1); // the /48's token was not spent
                return b;
            });
        }
        return wait;
    }

    /**
     * Whole seconds until the address may spend from this budget again; 0 when it may now. For
     * budgets charged only on failure: look first, {@link #tryAcquire} once the call failed.
     */
    public long waitFor(String ip) {
        long now = nanoClock.getAsLong();
        byte[] a = ClientAddress.parse(ip);
        if (a == null || a.length == 4) {
            return peek(a == null ? ip : ClientAddress.format(a), now);
        }
        return Math.max(peek(prefix(a, 6, "/48"), now), peek(prefix(a, 8, "/64"), now));
    }

    private long take(String key, double bucketCapacity, long now) {
        long[] waitSeconds = {0};
        buckets.compute(key, (k, b) -> {
            Bucket bucket = b == null ? new Bucket(bucketCapacity, now) : b;
            bucket.refill(now);
            waitSeconds[0] = bucket.waitSeconds();
            if (waitSeconds[0] == 0) {
                bucket.tokens -= 1;
            }
            return bucket;
        });
        return waitSeconds[0];
    }

    private long peek(String key, long now) {
        long[] waitSeconds = {0};
        buckets.computeIfPresent(key, (k, b) -> {
            b.refill(now);
            waitSeconds[0] = b.waitSeconds();
            return b;
        });
        return waitSeconds[0];
    }

    /** Forgets addresses whose bucket is full again: they are indistinguishable from new ones. */
    public void sweep() {
        long now = nanoClock.getAsLong();
        for (String key : buckets.keySet()) {
            // Under the map's lock for the key, like tryAcquire, so no call is lost.
            buckets.computeIfPresent(key, (k, b) -> b.tokens + (now - b.lastNanos) * b.perNano() >= b.capacity ? null : b);
        }
    }

    /** Buckets held: one per active IPv4 address, IPv6 /64 and IPv6 /48. */
    public int size() {
        return buckets.size();
    }

    /** The first {@code bytes} of the address as a CIDR block. */
    private static String prefix(byte[] a, int bytes, String suffix) {
        byte[] p = new byte[16];
        System.arraycopy(a, 0, p, 0, bytes);
        return ClientAddress.format(p) + suffix;
    }
}
