package io.qrpush.server.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OCI image Jib builds (server/pom.xml). The build's {@code image-check} execution writes it on
 * an empty base, offline, before the integration tests; this reads its manifest, its config and
 * the files of its layers, as {@code docker load} would.
 */
class ImageIT {
    private static final Path TAR = Path.of("target", "image-check", "image.tar");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode config;
    private static final List<TarArchiveEntry> files = new ArrayList<>();

    @BeforeAll
    static void readImage() throws IOException {
        assertThat(TAR).as("the image tar, built by mvn verify (jib:buildTar, execution image-check)").isRegularFile();
        Map<String, byte[]> entries = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(TAR))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                entries.put(e.getName(), tar.readAllBytes());
            }
        }
        JsonNode manifest = JSON.readTree(entries.get("manifest.json"));
        assertThat(manifest).as("one image in the tar").hasSize(1);
        config = JSON.readTree(entries.get(manifest.get(0).path("Config").asText())).path("config");
        for (JsonNode layer : manifest.get(0).path("Layers")) {
            byte[] layerTar = entries.get(layer.asText());
            assertThat(layerTar).as("layer %s in the tar", layer).isNotNull();
            files.addAll(entriesOf(new GZIPInputStream(new ByteArrayInputStream(layerTar))));
        }
    }

    private static List<TarArchiveEntry> entriesOf(InputStream layer) throws IOException {
        List<TarArchiveEntry> out = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(layer)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void startsTheServerWithTheConfigUnderEtc() {
        assertThat(texts(config.path("Entrypoint"))).first().isEqualTo("java");
        assertThat(texts(config.path("Entrypoint"))).last().isEqualTo("io.qrpush.server.Main");
        assertThat(texts(config.path("Cmd"))).containsExactly("--config", "/etc/qrpush/qrpush.yaml");
        assertThat(config.path("WorkingDir").asText()).isEqualTo("/app");
        assertThat(config.path("ExposedPorts").has("8080/tcp")).as("exposed ports %s", config.path("ExposedPorts"))
                .isTrue();
    }

    @Test
    void runsAsAnUnprivilegedUser() {
        String user = config.path("User").asText();
        assertThat(user).as("an image without a User runs as root").isNotEmpty();
        String uid = user.split(":")[0];
        assertThat(uid).as("a numeric uid: the base image may have no named account").matches("[0-9]+");
        assertThat(Integer.parseInt(uid)).as("uid").isPositive();
    }

    @Test
    void passesTheRecommendedJvmOptions() throws IOException {
        assertThat(texts(config.path("Env")))
                .contains("JAVA_TOOL_OPTIONS=" + RepoFiles.recommendedJvmOptions());
    }

    @Test
    void isLabelled() {
        JsonNode labels = config.path("Labels");
        assertThat(labels.path("org.opencontainers.image.title").asText()).isEqualTo("qrpush-server");
        assertThat(labels.path("org.opencontainers.image.version").asText()).isNotBlank();
    }

    /** The server's classes are there, and the unprivileged user cannot change them. */
    @Test
    void holdsTheServerReadOnly() {
        assertThat(files).extracting(TarArchiveEntry::getName)
                .contains("app/classes/io/qrpush/server/Main.class", "app/jib-classpath-file")
                .anyMatch(n -> n.matches("app/libs/netty-all-.*\\.jar"));
        assertThat(files).allSatisfy(e -> {
            assertThat(e.getLongUserId()).as("owner of %s", e.getName()).isZero();
            assertThat(e.getMode() & 0022).as("group/other write bits of %s", e.getName()).isZero();
        });
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
