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
 * 404, known paths with another method 405, both with a JSON body.
 */
public final class HttpRouter {
    private record Entry(String method, String pattern, HttpRoute route) {
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

    public HttpRouter add(String method, String pattern, HttpRoute route) {
        entries.add(new Entry(method, pattern, route));
        return this;
    }

    public CompletableFuture<HttpAnswer> route(HttpCall call) {
        boolean pathKnown = false;
        for (Entry e : entries) {
            if (e.pathMatches(call.path())) {
                if (e.method.equals(call.method())) {
                    return e.route.handle(call);
                }
                pathKnown = true;
            }
        }
        return CompletableFuture.completedFuture(pathKnown
                ? HttpAnswer.error(405, "method_not_allowed", call.method() + " is not allowed here")
                : HttpAnswer.error(404, ErrorWord.NOT_FOUND.word(), "no such endpoint"));
    }
}
