package io.qrpush.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.qrpush.protocol.webhook.WebhookSignature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The verification snippets of docs/webhooks.md, run as written against a body this server's
 * code signed: a good signature passes; another body, another secret and an old timestamp fail.
 * Each language is run where its runtime is on the PATH (Node and Python are on the build
 * machines; Go and PHP are not, and are skipped there).
 */
class WebhookSnippetsTest {
    private static final Path DOC = Path.of("..", "docs", "webhooks.md");
    private static final String SECRET = "hook-secret-0123456789";
    private static final String BODY = "{\"events\":[{\"id\":\"e1\",\"type\":\"login.confirmed\",\"time\":1,"
            + "\"data\":{\"key\":\"k\",\"userId\":\"ü-7\"}}]}";

    /** The first fenced block of the language in the page. */
    static String snippet(String language) throws IOException {
        Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
        assertThat(m.find()).as("a ```%s block in %s", language, DOC).isTrue();
        return m.group(1);
    }

    private static boolean installed(String command) {
        try {
            return new ProcessBuilder(command, "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Runs the program with the secret, header and body in its environment; true when it exits 0. */
    private static boolean accepts(List<String> command, String secret, String header, String body) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(Map.of("SECRET", secret, "HEADER", header, "BODY", body));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isIn(0, 1);
        return p.exitValue() == 0;
    }

    private static void check(List<String> command) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String header = WebhookSignature.header(SECRET, now, BODY);
        assertThat(accepts(command, SECRET, header, BODY)).as("the server's signature").isTrue();
        assertThat(accepts(command, SECRET, header, BODY.replace("ü-7", "ü-8"))).as("another body").isFalse();
        assertThat(accepts(command, SECRET + "x", header, BODY)).as("another secret").isFalse();
        String old = WebhookSignature.header(SECRET, now - 3600, BODY);
        assertThat(accepts(command, SECRET, old, BODY)).as("an hour old").isFalse();
        assertThat(accepts(command, SECRET, "t=" + now, BODY)).as("no v1").isFalse();
    }

    private static Path write(String name, String program) throws IOException {
        Path dir = Files.createTempDirectory("qrpush-snippet");
        return Files.writeString(dir.resolve(name), program);
    }

    @Test
    void node() throws Exception {
        assumeTrue(installed("node"), "node is not installed");
        Path file = write("verify.js", snippet("js") + """
                process.exit(verifyQrpush(process.env.SECRET, process.env.HEADER, process.env.BODY) ? 0 : 1);
                """);
        check(List.of("node", file.toString()));
    }

    @Test
    void python() throws Exception {
        assumeTrue(installed("python3"), "python3 is not installed");
        Path file = write("verify.py", snippet("python") + """

                import os, sys
                sys.exit(0 if verify_qrpush(os.environ["SECRET"], os.environ["HEADER"], os.environb[b"BODY"]) else 1)
                """);
        check(List.of("python3", file.toString()));
    }

    @Test
    void go() throws Exception {
        assumeTrue(installed("go"), "go is not installed on this machine");
        String code = snippet("go").replace("import (", "import (\n\t\"os\"");
        Path file = write("verify.go", "package main\n\n" + code + """

                func main() {
                	if VerifyQrpush(os.Getenv("SECRET"), os.Getenv("HEADER"), []byte(os.Getenv("BODY")), 5*time.Minute) {
                		os.Exit(0)
                	}
                	os.Exit(1)
                }
                """);
        check(List.of("go", "run", file.toString()));
    }

    @Test
    void php() throws Exception {
        assumeTrue(installed("php"), "php is not installed on this machine");
        Path file = write("verify.php", "<?php\n" + snippet("php") + """
                exit(verify_qrpush(getenv('SECRET'), getenv('HEADER'), getenv('BODY')) ? 0 : 1);
                """);
        check(List.of("php", file.toString()));
    }
}
