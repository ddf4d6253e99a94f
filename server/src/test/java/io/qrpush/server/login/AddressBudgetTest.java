package io.qrpush.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AddressBudgetTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AddressBudget limiter = new AddressBudget(60, nanos::get);

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
        AddressBudget slow = new AddressBudget(1, nanos::get);
        assertThat(slow.tryAcquire("192.0.2.1")).isZero();
        assertThat(slow.tryAcquire("192.0.2.1")).isEqualTo(60);
        nanos.addAndGet(30_000_000_000L);
        assertThat(slow.tryAcquire("192.0.2.1")).isEqualTo(30);
    }

    @Test
    void waitForLooksWithoutSpending() {
        AddressBudget one = new AddressBudget(1, nanos::get);
        assertThat(one.waitFor("192.0.2.1")).isZero();
        assertThat(one.waitFor("192.0.2.1")).isZero();
        assertThat(one.size()).as("looking makes no bucket").isZero();
        one.tryAcquire("192.0.2.1");
        assertThat(one.waitFor("192.0.2.1")).isEqualTo(60);
        assertThat(one.waitFor("2001:db8::1")).isZero();
    }

    @Test
    void oneClientIsOneBucketHoweverItsAddressIsWritten() {
        AddressBudget one = new AddressBudget(1, nanos::get);
        assertThat(one.tryAcquire("192.0.2.1")).isZero();
        assertThat(one.tryAcquire("::ffff:192.0.2.1")).isPositive();
        assertThat(one.tryAcquire("2001:db8::1")).isZero();
        assertThat(one.tryAcquire("2001:DB8:0:0::1")).isPositive();
    }

    @Test
    void ipv6IsCountedPerSlash64() {
        AddressBudget one = new AddressBudget(1, nanos::get);
        assertThat(one.tryAcquire("2001:db8:1:2::1")).isZero();
        assertThat(one.tryAcquire("2001:db8:1:2:ffff::9")).as("same /64").isPositive();
        assertThat(one.tryAcquire("2001:db8:1:3::1")).as("another /64").isZero();
    }

    @Test
    void aSlash48SpendsAtMostSixteenBudgetsAndMakesNoMoreBuckets() {
        AddressBudget two = new AddressBudget(2, nanos::get);
        int allowed = 0;
        for (int subnet = 0; subnet < 65_536; subnet++) {
            if (two.tryAcquire("2001:db8:7:" + Integer.toHexString(subnet) + "::1") == 0) {
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(2 * AddressBudget.SLASH48_SHARE);
        assertThat(two.size()).as("the /64s that got through, and their /48").isEqualTo(allowed + 1);
        assertThat(two.tryAcquire("2001:db8:8::1")).as("the next /48 has its own").isZero();
        assertThat(two.waitFor("2001:db8:7:ffff::1")).as("a fresh /64 of the spent /48 waits too").isPositive();
    }

    @Test
    void aSlash64RefusedDoesNotSpendItsSlash48() {
        AddressBudget one = new AddressBudget(1, nanos::get);
        assertThat(one.tryAcquire("2001:db8:7:1::1")).isZero();
        for (int i = 0; i < 100; i++) {
            assertThat(one.tryAcquire("2001:db8:7:1::1")).isPositive();
        }
        for (int subnet = 2; subnet <= AddressBudget.SLASH48_SHARE; subnet++) {
            assertThat(one.tryAcquire("2001:db8:7:" + subnet + "::1")).as("/64 %d", subnet).isZero();
        }
    }

    @Test
    void sweepForgetsRefilledBuckets() {
        limiter.tryAcquire("192.0.2.1");
        limiter.tryAcquire("192.0.2.2");
        limiter.tryAcquire("2001:db8::1");
        limiter.sweep();
        assertThat(limiter.size()).isEqualTo(4);
        nanos.addAndGet(1_000_000_000L);
        limiter.sweep();
        assertThat(limiter.size()).isZero();
    }
}
