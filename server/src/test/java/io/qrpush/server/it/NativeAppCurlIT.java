package io.qrpush.server.it;

import static io.qrpush.server.it.TestServer.API_KEY_A;
import static io.qrpush.server.it.TestServer.APP_A;
import static io.qrpush.server.it.TestServer.SECRET_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.server.it.LoginFixture.Created;
import io.qrpush.server.packaging.RepoFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The curl calls of docs/login-flow.md, "Native apps and backends", run as written against a real
 * server, so the page cannot drift from what the server answers.
 */
class NativeAppCurlIT {
    private static final String SECTION = "## Native apps and backends";
    private static TestServer server;
    private static LoginFixture login;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        login = new LoginFixture(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theCurlCallsOfTheLoginFlowPageWork() throws Exception {
        List<List<String>> blocks = shellBlocks();
        assertThat(blocks).as("phone, backend and long-poll blocks").hasSize(3);
        assertThat(blocks.get(0)).hasSize(2);
        assertThat(blocks.get(1)).hasSize(2);
        assertThat(blocks.get(2)).hasSize(1);

        Created phone = login.create(APP_A);
        Map<String, String> env = env(phone);
        env.put("OTP", TestServer.otp(SECRET_A, "curl-phone", "login:*"));
        JsonNode scanned = run(blocks.get(0).get(0), env);
        assertThat(scanned.path("status").asText()).isEqualTo("scanned");
        assertThat(scanned.path("client").path("userAgent").asText()).isEqualTo(LoginFixture.UA);
        env.put("PHONE_TOKEN", scanned.path("phoneToken").asText());
        assertThat(run(blocks.get(0).get(1), env).path("status").asText()).isEqualTo("confirmed");

        Created backend = login.create(APP_A);
        env = env(backend);
        assertThat(run(blocks.get(1).get(0), env).path("status").asText()).isEqualTo("scanned");
        assertThat(run(blocks.get(1).get(1), env).path("status").asText()).isEqualTo("confirmed");

        Created kiosk = login.create(APP_A);
        env = env(kiosk);
        env.put("TOKEN", kiosk.token());
        new LoginDoors(server, login).backendAs(API_KEY_A, kiosk, "scan", "curl-user");
        assertThat(run(blocks.get(2).get(0), env).path("status").asText()).isEqualTo("scanned");
    }

    private static Map<String, String> env(Created s) {
        Map<String, String> env = new HashMap<>();
        env.put("QRPUSH", "http://127.0.0.1:" + server.port());
        env.put("KEY", s.key());
        env.put("QRPUSH_API_KEY", API_KEY_A);
        return env;
    }

    /** One shell command as the page writes it; its output must be JSON. */
    private static JsonNode run(String command, Map<String, String> env) throws Exception {
        ProcessBuilder b = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true);
        b.environment().putAll(env);
        Process p = b.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("curl finished: %s", command).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("%s\n%s", command, out).isZero();
        return LoginFixture.JSON.readTree(out);
    }

    /** The commands of each {@code ```sh} block of the section: continuation lines joined, comments left out. */
    private static List<List<String>> shellBlocks() throws Exception {
        String page = Files.readString(RepoFiles.of("docs/login-flow.md"));
        int start = page.indexOf(SECTION);
        assertThat(start).as("docs/login-flow.md has " + SECTION).isNotNegative();
        int end = page.indexOf("\n## ", start + SECTION.length());
        String section = page.substring(start, end < 0 ? page.length() : end);
        List<List<String>> blocks = new ArrayList<>();
        List<String> block = null;
        StringBuilder command = new StringBuilder();
        for (String line : section.split("\n")) {
            if (line.equals("```sh")) {
                block = new ArrayList<>();
            } else if (line.equals("```") && block != null) {
                blocks.add(block);
                block = null;
            } else if (block != null && !line.isBlank() && !line.startsWith("#")) {
                boolean continues = line.endsWith("\\");
                command.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
                if (!continues) {
                    block.add(command.toString().trim());
                    command.setLength(0);
                }
            }
        }
        return blocks;
    }
}
