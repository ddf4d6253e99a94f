package io.qrpush.loadtest.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrpush.loadtest.cli.DurationConverter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SliceAndTextTest {
    @Test
    void slicesCoverEveryItemOnce() {
        int total = 0;
        int expectedFrom = 0;
        for (int i = 0; i < 3; i++) {
            Slice s = new Slice(i, 3);
            assertThat(s.from(10)).isEqualTo(expectedFrom);
            expectedFrom = s.to(10);
            total += s.share(10);
        }
        assertThat(total).isEqualTo(10);
        assertThat(expectedFrom).isEqualTo(10);
        assertThatThrownBy(() -> new Slice(3, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void prometheusSamplesAreSummedOverMatchingSeries() {
        PrometheusText m = new PrometheusText("""
                # HELP jvm_memory_used_bytes The amount of used memory
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.0E7
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2.5E7
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 3.0E7
                qrpush_connections 42.0
                """);
        assertThat(m.sum("jvm_memory_used_bytes", "area=heap")).isEqualTo(3.5e7);
        assertThat(m.sum("jvm_memory_used_bytes", "area=nonheap")).isEqualTo(3.0e7);
        assertThat(m.sum("qrpush_connections")).isEqualTo(42);
        assertThat(m.sum("process_resident_memory_bytes")).isNaN();
    }

    @Test
    void durationsReadAsTheServerWritesThem() {
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(DurationConverter.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> DurationConverter.parse("10 seconds")).hasMessageContaining("not a duration");
    }
}
