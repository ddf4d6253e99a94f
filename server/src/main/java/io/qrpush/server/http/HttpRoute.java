package io.qrpush.server.http;

import java.util.concurrent.CompletableFuture;

/** One HTTP endpoint. Runs on an event loop: it must not block. */
@FunctionalInterface
public interface HttpRoute {
    CompletableFuture<HttpAnswer> handle(HttpCall call);
}
