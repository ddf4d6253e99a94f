package io.qrpush.server.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code config/qrpush.service}: a unit systemd accepts without a warning, running what the docs say. */
class SystemdUnitTest {
    private static final Path SYSTEMD_ANALYZE = Path.of("/usr/bin/systemd-analyze");
    private final Path unit = RepoFiles.of("config/qrpush.service");

    /**
     * {@code systemd-analyze verify} reports unknown keys, bad values and an ExecStart binary that is
     * missing. It prints warnings but still exits 0, so any line naming the unit fails the test.
     */
    @Test
    void systemdVerifiesTheUnitWithoutWarnings() throws Exception {
        assumeTrue(Files.isExecutable(SYSTEMD_ANALYZE),
                "systemd-analyze is not installed here, so the unit cannot be verified (it is on Debian with systemd)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/java")),
                "the unit starts /usr/bin/java, which this machine lacks: verify would only report that");
        Process p = new ProcessBuilder(SYSTEMD_ANALYZE.toString(), "verify", "--man=no", unit.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("systemd-analyze finished").isTrue();
        List<String> aboutUnit = output.lines().filter(l -> l.contains("qrpush.service")).toList();
        assertThat(aboutUnit).as("systemd-analyze verify said:%n%s", output).isEmpty();
        assertThat(p.exitValue()).as("systemd-analyze verify said:%n%s", output).isZero();
    }

    @Test
    void theUnitRunsTheJarWithTheRecommendedJvmOptionsAndConfig() throws Exception {
        String text = Files.readString(unit);
        assertThat(text).contains("Environment=\"JAVA_OPTS=" + RepoFiles.recommendedJvmOptions() + "\"")
                .containsPattern("(?m)^ExecStart=/usr/bin/java \\$JAVA_OPTS -jar \\S+\\.jar --config /etc/qrpush/qrpush.yaml$")
                .containsPattern("(?m)^User=qrpush$");
    }
}
