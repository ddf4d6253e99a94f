package io.qrpush.server.packaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The PromQL of {@code config/grafana-dashboard.json} and the rules of {@code config/prometheus-alerts.yaml}. */
public final class MonitoringFiles {
    private static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\(\\s*([a-zA-Z_:][\\w:]*)\\s*,");

    /** An expression and where it comes from, for failure messages. */
    public record Query(String where, String expr) {
    }

    private MonitoringFiles() {
    }

    /** Every panel's targets, and the metric each query variable lists label values of. */
    public static List<Query> dashboardQueries() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(RepoFiles.of("config/grafana-dashboard.json").toFile());
        List<Query> out = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            if ("row".equals(panel.path("type").asText())) {
                continue;
            }
            if (panel.path("targets").isEmpty()) {
                throw new AssertionError("panel " + panel.path("title") + " queries nothing");
            }
            for (JsonNode target : panel.path("targets")) {
                out.add(new Query("panel " + panel.path("title").asText(), target.path("expr").asText()));
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                Matcher m = LABEL_VALUES.matcher(variable.path("query").path("query").asText());
                if (!m.find()) {
                    throw new AssertionError("variable " + variable.path("name") + ": expected label_values(metric, label)");
                }
                out.add(new Query("variable " + variable.path("name").asText(), m.group(1)));
            }
        }
        return out;
    }

    public static List<JsonNode> alertRules() throws IOException {
        JsonNode alerts = new ObjectMapper(new YAMLFactory())
                .readTree(RepoFiles.of("config/prometheus-alerts.yaml").toFile());
        List<JsonNode> out = new ArrayList<>();
        alerts.path("groups").forEach(g -> g.path("rules").forEach(out::add));
        return out;
    }

    public static List<Query> alertQueries() throws IOException {
        return alertRules().stream().map(r -> new Query("alert " + r.path("alert").asText(), r.path("expr").asText()))
                .toList();
    }
}
