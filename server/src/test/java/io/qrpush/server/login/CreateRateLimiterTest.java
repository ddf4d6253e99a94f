package io.qrpush.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CreateRateLimiterTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final CreateRateLimiter limiter = new CreateRateLimiter(60, nanos::get);

    @Test
    void burstOfAMinutesWorthThenOneASecond() {
        for (int i = 0; i < 60; i++) {
            assertThat(limiter.tryAcquire("192.0.2.1")).isZero();
        }
        assertThat(limiter.tryAcquire("192.0.2.1")).isEqualTo(1);
        assertThat(limiter.tryAcquire("192.0.2.2")).as("other IPs are not affected").isZero();
        nanos.addAndGet(1_000_000_000L);
        assertThat(limiter.tryAcquire("192.0.2.1")).isZero();
        assertThat(limiter.tryAcquire("192.0.2.1")).isPositive();
    }

    @Test
    void retryAfterCoversTheWait() {
        CreateRateLimiter slow = new CreateRateLimiter(1, nanos::get);
        assertThat(slow.tryAcquire("192.0.2.1")).isZero();
        assertThat(slow.tryAcquire("192.0.2.1")).isEqualTo(60);
        nanos.addAndGet(30_000_000_000L);
        assertThat(slow.tryAcquire("192.0.2.1")).isEqualTo(30);
    }

    @Test
    void ipv6IsCountedPerSlash64() {
        CreateRateLimiter one = new CreateRateLimiter(1, nanos::get);
        assertThat(one.tryAcquire("2001:db8:1:2::1")).isZero();
        assertThat(one.tryAcquire("2001:db8:1:2:ffff::9")).as("same /64").isPositive();
        assertThat(one.tryAcquire("2001:db8:1:3::1")).as("another /64").isZero();
    }

    @Test
    void sweepForgetsRefilledBuckets() {
        limiter.tryAcquire("192.0.2.1");
        limiter.tryAcquire("192.0.2.2");
        limiter.sweep();
        assertThat(limiter.size()).isEqualTo(2);
        nanos.addAndGet(1_000_000_000L);
        limiter.sweep();
        assertThat(limiter.size()).isZero();
    }
}
