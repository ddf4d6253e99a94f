package io.qrpush.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The floor server of loadtest/bench/floor is a script that {@code run.sh} starts from source
 * (FLOOR=1), so no build compiles it: this does, against the Netty and Jackson the server's jar
 * carries, so that a library upgrade that breaks it fails here and not in the middle of a benchmark.
 */
class FloorServerTest {
    private static final Path SOURCE = Path.of("bench", "floor", "FloorServer.java");

    @Test
    void theFloorServerCompilesAgainstTheLibrariesOfThisBuild(@TempDir Path out) throws Exception {
        assertThat(SOURCE).as("run from the loadtest module's folder, as Maven does").exists();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        boolean compiled = javac.getTask(errors, null, null,
                List.of("-d", out.toString(), "-classpath", System.getProperty("java.class.path")),
                null, javac.getStandardFileManager(null, null, null).getJavaFileObjects(SOURCE)).call();
        assertThat(compiled).as(errors.toString()).isTrue();
        assertThat(Files.exists(out.resolve("FloorServer.class"))).isTrue();
    }
}
