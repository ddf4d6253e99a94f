package io.qrpush.server.login;

import io.qrpush.server.config.IpRange;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Login-session creations per client IP: a token bucket of {@code perMinute} tokens refilled
 * evenly over the minute. IPv6 clients are counted per /64, the block one subscriber usually
 * holds, or one host could rotate through 2^64 addresses. {@link #sweep()} drops buckets that
 * have refilled, so memory follows the IPs active in the last minute.
 */
public final class CreateRateLimiter {
    private static final class Bucket {
        double tokens;
        long lastNanos;

        Bucket(double tokens, long lastNanos) {
            this.tokens = tokens;
            this.lastNanos = lastNanos;
        }
    }

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final double capacity;
    private final double perNano;
    private final LongSupplier nanoClock;

    public CreateRateLimiter(int perMinute, LongSupplier nanoClock) {
        this.capacity = perMinute;
        this.perNano = perMinute / 60e9;
        this.nanoClock = nanoClock;
    }

    /**
     * Takes one creation for the IP; returns 0 when allowed, else the whole seconds (at least 1)
     * until the next one would be, for {@code Retry-After}.
     */
    public long tryAcquire(String ip) {
        long now = nanoClock.getAsLong();
        long[] waitSeconds = {0};
        buckets.compute(bucketKey(ip), (k, b) -> {
            Bucket bucket = b == null ? new Bucket(capacity, now) : b;
            refill(bucket, now);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
            } else {
                waitSeconds[0] = Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perNano / 1e9));
            }
            return bucket;
        });
        return waitSeconds[0];
    }

    private void refill(Bucket b, long now) {
        b.tokens = Math.min(capacity, b.tokens + (now - b.lastNanos) * perNano);
        b.lastNanos = now;
    }

    /** Forgets IPs whose bucket is full again: they are indistinguishable from new ones. */
    public void sweep() {
        long now = nanoClock.getAsLong();
        for (String key : buckets.keySet()) {
            // Under the map's lock for the key, like tryAcquire, so no creation is lost.
            buckets.computeIfPresent(key, (k, b) -> b.tokens + (now - b.lastNanos) * perNano >= capacity ? null : b);
        }
    }

    public int size() {
        return buckets.size();
    }

    static String bucketKey(String ip) {
        byte[] a = IpRange.literal(ip);
        if (a == null || a.length == 4) {
            return ip;
        }
        StringBuilder sb = new StringBuilder("v6:");
        for (int i = 0; i < 8; i++) {
            sb.append(Integer.toHexString(a[i] & 0xFF)).append('.');
        }
        return sb.toString();
    }
}
