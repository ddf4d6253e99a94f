package io.qrpush.server.http;

import io.qrpush.protocol.ErrorWord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Finds the route for a method and path. A pattern is an exact path, a prefix ending in
 * {@code /*} that matches anything below it, or a path with one {@code /*}{@code /} segment that
 * matches any one non-empty segment there ({@code /api/v1/channels/*}{@code /history}). The first
 * route added that matches wins, so a narrower pattern goes before a wider one. Unknown paths are
 * 404, known paths with another method 405, both with a JSON body. Each route names the largest
 * body it takes, so the transport can refuse a larger one from its head, before any byte of it is held.
 */
public final class HttpRouter {
    /**
     * The body limit of routes that name none: login creation and ticket redemption send about a
     * hundred bytes of JSON ({@code {"appkey":"..."}}), and most routes take no body at all.
     */
    public static final int DEFAULT_BODY_BYTES = 4096;

    private record Entry(String method, String pattern, int maxBodyBytes, HttpRoute route) {
        boolean pathMatches(String path) {
            int star = pattern.indexOf("/*/");
            if (star >= 0) {
                String before = pattern.substring(0, star + 1);
                String after = pattern.substring(star + 2);
                return path.startsWith(before) && path.endsWith(after)
                        && path.length() > before.length() + after.length()
                        && path.indexOf('/', before.length()) == path.length() - after.length();
            }
            return pattern.endsWith("/*")
                    ? path.startsWith(pattern.substring(0, pattern.length() - 1)) && path.length() > pattern.length() - 1
                    : pattern.equals(path);
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    /** A route whose requests carry at most {@link #DEFAULT_BODY_BYTES} of body. */
    public HttpRouter add(String method, String pattern, HttpRoute route) {
        return add(method, pattern, DEFAULT_BODY_BYTES, route);
    }

    /** A route whose requests carry at most {@code maxBodyBytes} of body; a larger one is 413. */
    public HttpRouter add(String method, String pattern, int maxBodyBytes, HttpRoute route) {
        entries.add(new Entry(method, pattern, maxBodyBytes, route));
        return this;
    }

    /** The largest body the route of this method and path takes; {@link #DEFAULT_BODY_BYTES} when none matches. */
    public int maxBodyBytes(String method, String path) {
        Entry e = find(method, path);
        return e == null ? DEFAULT_BODY_BYTES : e.maxBodyBytes;
    }

    public CompletableFuture<HttpAnswer> route(HttpCall call) {
        Entry e = find(call.method(), call.path());
        if (e != null) {
            return e.route.handle(call);
        }
        boolean pathKnown = entries.stream().anyMatch(x -> x.pathMatches(call.path()));
        return CompletableFuture.completedFuture(pathKnown
                ? HttpAnswer.error(405, "method_not_allowed", call.method() + " is not allowed here")
                : HttpAnswer.error(404, ErrorWord.NOT_FOUND.word(), "no such endpoint"));
    }

    private Entry find(String method, String path) {
        for (Entry e : entries) {
            if (e.method.equals(method) && e.pathMatches(path)) {
                return e;
            }
        }
        return null;
    }
}
