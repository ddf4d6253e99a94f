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
 * The transport looks a request's {@link Target} up once, from its head, and keeps it for the answer.
 */
public final class HttpRouter {
    /**
     * The body limit of routes that name none: login creation and ticket redemption send about a
     * hundred bytes of JSON ({@code {"appkey":"..."}}), and most routes take no body at all.
     */
    public static final int DEFAULT_BODY_BYTES = 4096;

    /** What a request's method and path lead to: the largest body it may carry, and the route that answers it. */
    public record Target(int maxBodyBytes, HttpRoute route) {
    }

    private static final Target NOT_FOUND = new Target(DEFAULT_BODY_BYTES, call -> CompletableFuture.completedFuture(
            HttpAnswer.error(404, ErrorWord.NOT_FOUND.word(), "no such endpoint")));
    private static final Target METHOD_NOT_ALLOWED = new Target(DEFAULT_BODY_BYTES, call -> CompletableFuture
            .completedFuture(HttpAnswer.error(405, "method_not_allowed", call.method() + " is not allowed here")));

    /**
     * A pattern cut into its parts when the route is added, so a request compares strings and
     * builds none: {@code before} and {@code after} are around a {@code /*}{@code /} segment, or
     * {@code before} alone is the prefix of a {@code /*} pattern, or {@code exact} the whole path.
     */
    private record Entry(String method, String exact, String before, String after, Target target) {

        static Entry of(String method, String pattern, Target target) {
            int star = pattern.indexOf("/*/");
            if (star >= 0) {
                return new Entry(method, null, pattern.substring(0, star + 1), pattern.substring(star + 2), target);
            }
            if (pattern.endsWith("/*")) {
                return new Entry(method, null, pattern.substring(0, pattern.length() - 1), null, target);
            }
            return new Entry(method, pattern, null, null, target);
        }

        boolean pathMatches(String path) {
            if (exact != null) {
                return exact.equals(path);
            }
            if (after == null) {
                return path.startsWith(before) && path.length() > before.length();
            }
            return path.startsWith(before) && path.endsWith(after)
                    && path.length() > before.length() + after.length()
                    && path.indexOf('/', before.length()) == path.length() - after.length();
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    /** A route whose requests carry at most {@link #DEFAULT_BODY_BYTES} of body. */
    public HttpRouter add(String method, String pattern, HttpRoute route) {
        return add(method, pattern, DEFAULT_BODY_BYTES, route);
    }

    /** A route whose requests carry at most {@code maxBodyBytes} of body; a larger one is 413. */
    public HttpRouter add(String method, String pattern, int maxBodyBytes, HttpRoute route) {
        entries.add(Entry.of(method, pattern, new Target(maxBodyBytes, route)));
        return this;
    }

    /** The route of this method and path; for an unknown path one answering 404, for a known path with another method 405. */
    public Target target(String method, String path) {
        boolean pathKnown = false;
        for (Entry e : entries) {
            if (e.pathMatches(path)) {
                if (e.method.equals(method)) {
                    return e.target;
                }
                pathKnown = true;
            }
        }
        return pathKnown ? METHOD_NOT_ALLOWED : NOT_FOUND;
    }
}
