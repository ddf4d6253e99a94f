package io.qrpush.loadtest.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Writes a report as JSON, a text table and one self-contained HTML page, side by side. */
public final class ReportFiles {
    private ReportFiles() {
    }

    /** The mapper reports are written and read with (indented, records supported). */
    public static ObjectMapper mapper() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** Writes {@code <scenario>-<time>.json/.txt/.html} into {@code dir}; returns the three paths. */
    public static List<Path> write(RunReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        String base = report.scenario() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path json = dir.resolve(base + ".json");
        Path txt = dir.resolve(base + ".txt");
        Path html = dir.resolve(base + ".html");
        mapper().writeValue(json.toFile(), report);
        Files.writeString(txt, TextReport.render(report), StandardCharsets.UTF_8);
        Files.writeString(html, HtmlReport.render(report), StandardCharsets.UTF_8);
        return List.of(json, txt, html);
    }
}
