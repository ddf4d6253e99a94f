package io.qrpush.protocol.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Duration MIN = Duration.ofMillis(500);
    private static final Duration MAX = Duration.ofSeconds(20);

    @Test
    void theWindowDoublesFromTheFloorUpToTheCap() {
        Backoff lowest = new Backoff(MIN, MAX, () -> 0.0);
        Backoff highest = new Backoff(MIN, MAX, () -> 1.0);
        assertThat(lowest.delayMillis(0)).isEqualTo(500);
        assertThat(lowest.delayMillis(10)).isEqualTo(500);
        assertThat(highest.delayMillis(0)).isEqualTo(1000);
        assertThat(highest.delayMillis(1)).isEqualTo(2000);
        assertThat(highest.delayMillis(2)).isEqualTo(4000);
        assertThat(highest.delayMillis(5)).isEqualTo(20_000);
        assertThat(highest.delayMillis(6)).isEqualTo(20_000);
    }

    @Test
    void fullJitterSpreadsDelaysOverTheWholeWindow() {
        Random seeded = new Random(42);
        Backoff b = new Backoff(MIN, MAX, seeded::nextDouble);
        long below = 0;
        for (int i = 0; i < 1000; i++) {
            long d = b.delayMillis(3); // window 500..8000
            assertThat(d).isBetween(500L, 8000L);
            if (d < 4250) {
                below++;
            }
        }
        assertThat(below).as("about half fall in the lower half").isBetween(400L, 600L);
    }

    @Test
    void hugeAttemptsNeitherOverflowNorPassTheCap() {
        Backoff highest = new Backoff(MIN, MAX, () -> 1.0);
        assertThat(highest.delayMillis(Integer.MAX_VALUE)).isEqualTo(20_000);
        assertThat(highest.delayMillis(-5)).isEqualTo(1000);
    }

    @Test
    void rateLimitedWaitsSpanFromEightTimesTheFloorToTheCapWhateverTheAttempt() {
        assertThat(new Backoff(MIN, MAX, () -> 0.0).delayMillis(BackoffClass.RATE_LIMITED, 0)).isEqualTo(4000);
        assertThat(new Backoff(MIN, MAX, () -> 1.0).delayMillis(BackoffClass.RATE_LIMITED, 0)).isEqualTo(20_000);
        assertThat(new Backoff(MIN, MAX, () -> 0.0).delayMillis(BackoffClass.RATE_LIMITED, 9)).isEqualTo(4000);
        Backoff narrow = new Backoff(Duration.ofMillis(10), Duration.ofMillis(40), () -> 0.0);
        assertThat(narrow.delayMillis(BackoffClass.RATE_LIMITED, 0)).as("the floor never passes the cap").isEqualTo(40);
    }

    @Test
    void aWindowUpsideDownIsRefused() {
        assertThatThrownBy(() -> new Backoff(MAX, MIN)).isInstanceOf(IllegalArgumentException.class);
    }
}
