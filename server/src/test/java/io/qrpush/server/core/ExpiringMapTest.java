package io.qrpush.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ExpiringMapTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final ExpiringMap<String> map = new ExpiringMap<>(now::get);

    @Test
    void onlyTheFirstPutWithinTheTtlWins() {
        assertThat(map.putIfAbsent("k", "first", 100)).isTrue();
        assertThat(map.putIfAbsent("k", "second", 100)).isFalse();
        now.addAndGet(100);
        assertThat(map.putIfAbsent("k", "third", 100)).as("expired entries are replaced").isTrue();
        assertThat(map.remove("k")).isEqualTo("third");
    }

    @Test
    void removeGivesAValueOnceAndNeverAfterExpiry() {
        map.putIfAbsent("a", "x", 50);
        assertThat(map.remove("a")).isEqualTo("x");
        assertThat(map.remove("a")).isNull();
        map.putIfAbsent("b", "y", 50);
        now.addAndGet(51);
        assertThat(map.remove("b")).isNull();
    }

    @Test
    void sweepFreesExactlyTheExpired() {
        map.putIfAbsent("short", "1", 10);
        map.putIfAbsent("long", "2", 1_000);
        now.addAndGet(10);
        assertThat(map.sweep()).isEqualTo(1);
        assertThat(map.size()).isEqualTo(1);
        assertThat(map.remove("long")).isEqualTo("2");
    }
}
