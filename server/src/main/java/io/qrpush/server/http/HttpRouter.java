package io.qrpush.server.http;

import io.qrpush.protocol.ErrorWord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Finds the route for a method and path. A pattern is an exact path, or a prefix ending in
 * {@code /*} that matches anything below it. Unknown paths are 404, known paths with another
 * method 405, both with a JSON body.
 */
public final class HttpRouter {
    private record Entry(String method, String pattern, HttpRoute route) {
        boolean pathMatches(String path) {
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
