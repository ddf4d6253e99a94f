package io.qrpush.server.packaging;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The series a PromQL expression reads: each metric name with the label names its matchers test.
 * Hand-written because no PromQL parser is published for Java; it knows the PromQL that
 * {@code config/grafana-dashboard.json} and {@code config/prometheus-alerts.yaml} use (selectors,
 * functions, aggregations with {@code by}/{@code without}, vector matching, ranges, offsets,
 * Grafana's {@code $variables}), and {@link PromQlTest} pins that down.
 */
public final class PromQl {
    /** A metric read by an expression, with the label names its matchers test. */
    public record Selector(String metric, Set<String> labels) {
    }

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern LABEL_LIST = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*\\]");
    /** An identifier not inside a number ({@code 1e3}, {@code 5m}) and not a Grafana {@code $variable}. */
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$:])[a-zA-Z_:][\\w:]*");
    private static final Pattern MATCHER_LABEL = Pattern.compile("([a-zA-Z_]\\w*)\\s*(?:=~|!~|!=|=)");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
            "on", "ignoring", "group_left", "group_right", "inf", "nan");

    private PromQl() {
    }

    public static List<Selector> selectors(String expr) {
        String text = STRING.matcher(expr).replaceAll("\"\"");
        text = LABEL_LIST.matcher(text).replaceAll(" ");
        text = RANGE.matcher(text).replaceAll(" ");
        List<Selector> out = new ArrayList<>();
        Matcher m = IDENTIFIER.matcher(text);
        int from = 0;
        while (m.find(from)) {
            from = m.end();
            int next = skipSpaces(text, m.end());
            boolean call = next < text.length() && text.charAt(next) == '(';
            if (call || KEYWORDS.contains(m.group().toLowerCase())) {
                continue;
            }
            Set<String> labels = new LinkedHashSet<>();
            if (next < text.length() && text.charAt(next) == '{') {
                int close = text.indexOf('}', next);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed { in " + expr);
                }
                Matcher label = MATCHER_LABEL.matcher(text.substring(next + 1, close));
                while (label.find()) {
                    labels.add(label.group(1));
                }
                from = close + 1;
            }
            out.add(new Selector(m.group(), labels));
        }
        return out;
    }

    private static int skipSpaces(String text, int i) {
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
