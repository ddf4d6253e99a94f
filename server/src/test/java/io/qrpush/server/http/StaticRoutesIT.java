package io.qrpush.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrpush.server.it.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The built client at {@code /client/} on a real server (demo off): types, caching, 404s, and no
 * way out of the folder however the path is spelt. Paths go over a raw socket, since an HTTP
 * client library may tidy {@code ..} away before the server ever sees it.
 */
class StaticRoutesIT {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return server.api("GET", path, null, null);
    }

    /** Sends the request line exactly as written, with extra header lines; returns the whole answer. */
    private static String raw(String target, String... headers) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            StringBuilder extra = new StringBuilder();
            for (String h : headers) {
                extra.append(h).append("\r\n");
            }
            out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + extra + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void theMinifiedClientIsJavaScriptCachedBrieflyAndRevalidated() throws Exception {
        HttpResponse<String> r = get("/client/qrpush.min.js");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
        assertThat(r.headers().firstValue("cache-control")).hasValue("public, max-age=600");
        assertThat(r.headers().firstValue("access-control-allow-origin")).hasValue("*");
        assertThat(r.headers().firstValue("x-content-type-options")).hasValue("nosniff");
        assertThat(r.body()).startsWith("\"use strict\";var QrPush=").contains("qrLogin");

        String etag = r.headers().firstValue("etag").orElseThrow();
        String again = raw("/client/qrpush.min.js", "If-None-Match: " + etag);
        assertThat(again).startsWith("HTTP/1.1 304 ").doesNotContain("QrPush");
    }

    @Test
    void theModuleAndTheSourceMapsHaveTheirTypes() throws Exception {
        HttpResponse<String> mjs = get("/client/qrpush.mjs");
        assertThat(mjs.statusCode()).isEqualTo(200);
        assertThat(mjs.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
        assertThat(mjs.body()).contains("export");
        HttpResponse<String> map = get("/client/qrpush.min.js.map");
        assertThat(map.headers().firstValue("content-type")).hasValue("application/json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/client/nope.js", "/client/", "/client/qrpush.min.js/", "/client/QRPUSH.MIN.JS",
            "/client/types/index.d.ts"})
    void unknownFilesAre404(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/client/../demo/index.html", "/client/../../pom.xml", "/client/%2e%2e/demo/index.html",
            "/client/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "/client/..%2f..%2flogback.xml", "/client/..\\..\\logback.xml",
            "/client/....//....//logback.xml", "/client//etc/passwd", "/client/%00../logback.xml",
            "/client/../io/qrpush/server/PushServer.class", "/client/./qrpush.min.js",
            "/client/static/client/qrpush.min.js", "/client/%252e%252e/logback.xml", "/client/../logback.xml"})
    void nothingOutsideTheFolderIsReachable(String target) throws Exception {
        String answer = raw(target);
        assertThat(answer).matches("(?s)HTTP/1.1 (400|404) .*");
        assertThat(answer).doesNotContain("<configuration>").doesNotContain("<html").doesNotContain("root:")
                .doesNotContain("QrPush");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/demo", "/demo/", "/demo/phone", "/demo/index.html", "/demo/api/config"})
    void withTheDemoOffItsPagesDoNotExist(String path) throws Exception {
        assertThat(get(path).statusCode()).isEqualTo(404);
    }

    @Test
    void withTheDemoOffItsEndpointsDoNotExist() throws Exception {
        assertThat(server.api("POST", "/demo/api/otp", null, "{\"userId\":\"alice\"}").statusCode()).isEqualTo(404);
        assertThat(server.api("POST", "/demo/api/redeem", null, "{\"ticket\":\"x\"}").statusCode()).isEqualTo(404);
    }
}
