package io.qrpush.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The files under {@code static/} of the server's own jar (or classes folder), read once at
 * start-up into memory and served by exact path.
 *
 * <p>Why a map and not a lookup per request: a request path is only ever a key, never joined onto
 * a folder, so {@code ..}, encoded dots, backslashes or absolute paths cannot reach anything that
 * was not loaded; and no request blocks an event loop on jar or disk I/O. Only files with a known
 * type are loaded, so folders and stray files are never served.
 */
public final class StaticFiles {
    /** Refuse to load a runaway resource folder into memory. */
    private static final long MAX_TOTAL_BYTES = 16L << 20;
    private static final String ROOT = "static/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "mjs", "text/javascript; charset=utf-8",
            "map", "application/json",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "txt", "text/plain; charset=utf-8");

    /** One loaded file; the ETag is a digest of its bytes, so it changes exactly when they do. */
    record File(byte[] body, String contentType, String etag) {
    }

    private final Map<String, File> files;

    private StaticFiles(Map<String, File> files) {
        this.files = Map.copyOf(files);
    }

    /** Files by URL path, e.g. {@code "/client/qrpush.min.js"}; for tests. */
    public static StaticFiles of(Map<String, byte[]> byPath) {
        Map<String, File> out = new HashMap<>();
        byPath.forEach((path, body) -> {
            String type = typeOf(path);
            if (type != null) {
                out.put(path, new File(body, type, etag(body)));
            }
        });
        return new StaticFiles(out);
    }

    /** Everything under {@code static/} next to this class: {@code static/a/b.js} is served at {@code /a/b.js}. */
    public static StaticFiles fromClasspath() {
        Map<String, byte[]> found = new HashMap<>();
        try {
            Path base = Path.of(StaticFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(base)) {
                readFolder(base, found);
            } else {
                readJar(base, found);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the server's static files", e);
        } catch (URISyntaxException | SecurityException e) {
            throw new IllegalStateException("cannot locate the server's static files", e);
        }
        return of(found);
    }

    private static void readFolder(Path base, Map<String, byte[]> found) throws IOException {
        Path root = base.resolve(ROOT);
        if (!Files.isDirectory(root)) {
            return;
        }
        long[] total = {0};
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String rel = root.relativize(p).toString().replace(java.io.File.separatorChar, '/');
                if (typeOf(rel) != null) {
                    found.put("/" + rel, counted(Files.readAllBytes(p), total));
                }
            }
        }
    }

    private static void readJar(Path jar, Map<String, byte[]> found) throws IOException {
        long[] total = {0};
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                String name = e.getName();
                if (!e.isDirectory() && name.startsWith(ROOT) && typeOf(name) != null) {
                    try (InputStream in = file.getInputStream(e)) {
                        found.put("/" + name.substring(ROOT.length()), counted(in.readAllBytes(), total));
                    }
                }
            }
        }
    }

    private static byte[] counted(byte[] body, long[] total) throws IOException {
        total[0] += body.length;
        if (total[0] > MAX_TOTAL_BYTES) {
            throw new IOException("static/ holds more than " + MAX_TOTAL_BYTES + " bytes");
        }
        return body;
    }

    public boolean has(String path) {
        return files.containsKey(path);
    }

    /**
     * A route serving the request's own path.
     *
     * @param cacheControl the {@code Cache-Control} of every answer
     * @param headers      more headers on every answer (e.g. a content security policy)
     */
    public HttpRoute route(String cacheControl, Map<String, String> headers) {
        return call -> CompletableFuture.completedFuture(answer(call.path(), call, cacheControl, headers));
    }

    /** A route serving one fixed file whatever the request path (e.g. {@code /demo/} → {@code /demo/index.html}). */
    public HttpRoute file(String path, String cacheControl, Map<String, String> headers) {
        return call -> CompletableFuture.completedFuture(answer(path, call, cacheControl, headers));
    }

    private HttpAnswer answer(String path, HttpCall call, String cacheControl, Map<String, String> headers) {
        File f = files.get(path);
        if (f == null) {
            return HttpAnswer.error(404, "not_found", "no such file");
        }
        Map<String, String> h = new HashMap<>(headers);
        h.put("Cache-Control", cacheControl);
        h.put("ETag", f.etag());
        // Revalidation: the browser already holds these bytes, so send none.
        boolean fresh = matches(call.header("if-none-match"), f.etag());
        return new HttpAnswer(fresh ? 304 : 200, f.contentType(), fresh ? new byte[0] : f.body(), h);
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*") || c.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** The content type for a file name, or null for a type this server does not serve. */
    static String typeOf(String name) {
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        if (dot <= slash + 1) {
            return null; // no extension, or a dot file
        }
        return TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static String etag(byte[] body) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(d).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
