package io.qrpush.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StaticFilesTest {
    private static final byte[] JS = "console.log(1)".getBytes(StandardCharsets.UTF_8);
    private final StaticFiles files = StaticFiles.of(Map.of(
            "/client/a.js", JS,
            "/client/a.js.map", "{}".getBytes(StandardCharsets.UTF_8),
            "/client/README", "no type".getBytes(StandardCharsets.UTF_8),
            "/client/.env", "dot file".getBytes(StandardCharsets.UTF_8)));

    private static HttpCall get(String path, Map<String, String> headers) {
        return new HttpCall("GET", path, Map.of(), headers, new byte[0], "127.0.0.1");
    }

    private HttpAnswer serve(String path, Map<String, String> headers) {
        return files.route("public, max-age=60", Map.of("X-Extra", "1")).handle(get(path, headers)).join();
    }

    @Test
    void typesComeFromTheExtension() {
        assertThat(StaticFiles.typeOf("a.min.js")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(StaticFiles.typeOf("/x/a.mjs")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(StaticFiles.typeOf("a.js.map")).isEqualTo("application/json");
        assertThat(StaticFiles.typeOf("index.HTML")).isEqualTo("text/html; charset=utf-8");
        assertThat(StaticFiles.typeOf("demo.css")).isEqualTo("text/css; charset=utf-8");
        assertThat(StaticFiles.typeOf("folder")).isNull();
        assertThat(StaticFiles.typeOf("/a.b/folder")).isNull();
        assertThat(StaticFiles.typeOf("/x/.hidden")).isNull();
        assertThat(StaticFiles.typeOf("a.class")).isNull();
    }

    @Test
    void servesAKnownFileWithItsHeaders() {
        HttpAnswer a = serve("/client/a.js", Map.of());
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).isEqualTo(JS);
        assertThat(a.contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(a.headers()).containsEntry("Cache-Control", "public, max-age=60").containsEntry("X-Extra", "1")
                .containsKey("ETag");
    }

    @Test
    void filesWithoutAKnownTypeAreNotEvenLoaded() {
        assertThat(files.has("/client/README")).isFalse();
        assertThat(files.has("/client/.env")).isFalse();
        assertThat(serve("/client/README", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void pathsAreKeysNeverJoinedOntoAFolder() {
        for (String path : new String[] {"/client/../client/a.js", "/client/./a.js", "/client//a.js",
                "/client/a.js/", "/client/A.JS", "/client\\a.js", "/client/a.js%00", "/client/"}) {
            assertThat(serve(path, Map.of()).status()).as(path).isEqualTo(404);
        }
    }

    @Test
    void aMatchingEtagIsAnswered304WithoutABody() {
        String etag = serve("/client/a.js", Map.of()).headers().get("ETag");
        assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");
        for (String inm : new String[] {etag, "W/" + etag, "\"other\", " + etag, "*"}) {
            HttpAnswer a = serve("/client/a.js", Map.of("if-none-match", inm));
            assertThat(a.status()).as(inm).isEqualTo(304);
            assertThat(a.body()).isEmpty();
            assertThat(a.headers()).containsEntry("ETag", etag);
        }
        assertThat(serve("/client/a.js", Map.of("if-none-match", "\"other\"")).status()).isEqualTo(200);
    }

    @Test
    void aFixedFileRouteIgnoresTheRequestPath() {
        HttpAnswer a = files.file("/client/a.js", "no-cache", Map.of()).handle(get("/anything", Map.of())).join();
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.headers()).containsEntry("Cache-Control", "no-cache");
    }
}
