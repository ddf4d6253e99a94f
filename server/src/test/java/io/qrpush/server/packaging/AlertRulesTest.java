package io.qrpush.server.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code config/prometheus-alerts.yaml}: each alert tells the one paged what happened and how bad it is. */
class AlertRulesTest {
    @Test
    void everyAlertSaysWhatHappenedAndHowBad() throws Exception {
        assertThat(MonitoringFiles.alertRules()).isNotEmpty().allSatisfy(AlertRulesTest::isComplete);
    }

    private static void isComplete(JsonNode rule) {
        String name = rule.path("alert").asText();
        assertThat(name).as("rule %s", rule).startsWith("Qrpush");
        assertThat(rule.path("expr").asText()).as(name).isNotBlank();
        assertThat(rule.path("for").asText()).as(name + " for").matches("\\d+[smh]");
        assertThat(rule.path("labels").path("severity").asText()).as(name).isIn("critical", "warning");
        assertThat(rule.path("annotations").path("summary").asText()).as(name + " summary").isNotBlank();
        assertThat(rule.path("annotations").path("description").asText()).as(name + " description").isNotBlank();
    }
}
