package io.qrpush.server.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.token.SecretDigest;
import io.qrpush.server.core.Broker;
import io.qrpush.server.metrics.ServerMetrics;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * {@code /healthz} for load balancers and {@code /metrics} for Prometheus. {@code /healthz} answers
 * 503 while the broker is unreachable and from the start of a shutdown drain, so a balancer stops
 * sending new clients to a node that is about to go. With
 * {@code server.metricsToken} set, {@code /metrics} answers only {@code Authorization: Bearer <token>}:
 * its figures tell an attacker how close the node is to each limit.
 */
public final class OpsRoutes {
    private OpsRoutes() {
    }

    /**
     * @param metricsToken {@code server.metricsToken}, or null to leave /metrics open
     * @param draining     true once the node has begun its shutdown drain
     */
    public static void register(HttpRouter router, Broker broker, ServerMetrics metrics, String metricsToken,
                                BooleanSupplier draining) {
        router.add("GET", "/healthz", call -> {
            String problem = draining.getAsBoolean() ? "draining" : broker.isHealthy() ? null : "broker unavailable";
            return CompletableFuture.completedFuture(HttpAnswer.json(problem == null ? 200 : 503,
                    JsonNodeFactory.instance.objectNode().put("status", problem == null ? "ok" : problem)));
        });
        byte[] token = SecretDigest.of(metricsToken);
        router.add("GET", "/metrics", call -> CompletableFuture.completedFuture(token != null && !bearerMatches(call, token)
                ? HttpAnswer.error(401, ErrorWord.UNAUTHORIZED.word(), "/metrics needs Authorization: Bearer <server.metricsToken>")
                        .withHeader("WWW-Authenticate", "Bearer")
                : HttpAnswer.text(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape())));
    }

    /** Compares digests, so the time taken tells nothing of the token, not even its length. */
    private static boolean bearerMatches(HttpCall call, byte[] tokenDigest) {
        return SecretDigest.matches(call.bearerToken(), tokenDigest);
    }
}
