package io.qrpush.server.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.qrpush.server.core.Broker;
import io.qrpush.server.metrics.ServerMetrics;
import java.util.concurrent.CompletableFuture;

/** {@code /healthz} for load balancers and {@code /metrics} for Prometheus. */
public final class OpsRoutes {
    private OpsRoutes() {
    }

    public static void register(HttpRouter router, Broker broker, ServerMetrics metrics) {
        router.add("GET", "/healthz", call -> {
            boolean ok = broker.isHealthy();
            return CompletableFuture.completedFuture(HttpAnswer.json(ok ? 200 : 503,
                    JsonNodeFactory.instance.objectNode().put("status", ok ? "ok" : "broker unavailable")));
        });
        router.add("GET", "/metrics", call -> CompletableFuture.completedFuture(
                HttpAnswer.text(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape())));
    }
}
