package io.qrpush.loadtest.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrpush.loadtest.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs a command whose options must stop it before it starts. */
final class Refusals {
    private Refusals() {
    }

    /** Runs {@code args} then {@code options}; returns what it said on stderr, expecting exit 2. */
    static String refused(List<String> args, String... options) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(options));
        PrintStream saved = System.err;
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        System.setErr(new PrintStream(said, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.run(all.toArray(String[]::new))).as("exit status").isEqualTo(2);
        } finally {
            System.setErr(saved);
        }
        return said.toString(StandardCharsets.UTF_8);
    }
}
