package io.qrpush.server.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrpush.server.packaging.PromQl.Selector;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromQlTest {
    @Test
    void aBareMetricIsOneSelectorWithoutLabels() {
        assertThat(PromQl.selectors("qrpush_connections")).containsExactly(new Selector("qrpush_connections", Set.of()));
    }

    @Test
    void functionsAggregationsAndLabelListsAreNotMetrics() {
        assertThat(PromQl.selectors("histogram_quantile(0.99, sum by (instance, le) "
                + "(rate(qrpush_publish_to_deliver_seconds_bucket{instance=~\"$instance\"}[$__rate_interval])))"))
                .containsExactly(new Selector("qrpush_publish_to_deliver_seconds_bucket", Set.of("instance")));
        assertThat(PromQl.selectors("sum(rate(qrpush_closes_total{code=\"4010\", job!=\"x\"}[5m])) by (code) * 60"))
                .containsExactly(new Selector("qrpush_closes_total", Set.of("code", "job")));
    }

    @Test
    void bothSidesOfABinaryOperationAreRead() {
        assertThat(PromQl.selectors("process_files_open_files / on (instance) group_left process_files_max_files > 0.8"))
                .extracting(Selector::metric).containsExactly("process_files_open_files", "process_files_max_files");
        assertThat(PromQl.selectors("sum by (instance) (jvm_memory_max_bytes{area=\"heap\"} > 0) and up == 1"))
                .extracting(Selector::metric).containsExactly("jvm_memory_max_bytes", "up");
    }

    @Test
    void numbersDurationsOffsetsStringsAndVariablesAreNotMetrics() {
        assertThat(PromQl.selectors("increase(qrpush_errors_total{error=~\"internal|unavailable\"}[10m] offset 1h)"
                + " > 1e3 or label_replace(vector(1), \"dst\", \"$1\", \"src\", \"(.*)\") > bool $threshold"))
                .extracting(Selector::metric).containsExactly("qrpush_errors_total");
    }
}
