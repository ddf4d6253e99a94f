package io.qrpush.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The figures behind the admin page's charts: once a {@link #INTERVAL_MILLIS} it reads the node's
 * meters into the {@link StatsRing} and publishes the node's status to the {@link NodeDirectory};
 * {@link #answer(long)} is what {@code GET /admin/api/stats} returns.
 */
public final class AdminStats {
    static final long INTERVAL_MILLIS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(AdminStats.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final MeterRegistry registry;
    private final NodeDirectory nodes;
    private final String nodeId;
    private final Clock clock;
    private final ObjectMapper mapper;
    private final long startedAt;
    private final StatsRing ring = new StatsRing();

    public AdminStats(MeterRegistry registry, NodeDirectory nodes, String nodeId, Clock clock, ObjectMapper mapper) {
        this.registry = registry;
        this.nodes = nodes;
        this.nodeId = nodeId;
        this.clock = clock;
        this.mapper = mapper;
        this.startedAt = clock.millis();
    }

    /** Samples every second on {@code periodic} from now on. */
    public void start(ScheduledExecutorService periodic) {
        periodic.scheduleAtFixedRate(this::tick, 0, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** One sample and one beat; a failure must not cancel the ticks to come. */
    void tick() {
        try {
            MeterReadings now = MeterReadings.read(registry, clock.millis());
            ring.add(now);
            ObjectNode status = JSON.objectNode().put("node", nodeId).put("connections", (long) now.connections())
                    .put("subscriptions", (long) now.subscriptions())
                    .put("eventLoopLagMs", Math.round(now.lagSeconds() * 1000))
                    .put("startedAt", startedAt).put("seenAt", now.atMillis());
            nodes.beat(nodeId, status.toString());
        } catch (RuntimeException e) {
            LOG.warn("admin stats sample failed; the next tick tries again", e);
        }
    }

    /** {@code {"node","intervalMs","samples":{columns after sinceMillis},"nodes":[statuses]}}. */
    CompletableFuture<ObjectNode> answer(long sinceMillis) {
        ObjectNode body = JSON.objectNode().put("node", nodeId).put("intervalMs", INTERVAL_MILLIS);
        body.set("samples", ring.since(sinceMillis));
        return nodes.statuses().thenApply(list -> {
            ArrayNode out = body.putArray("nodes");
            for (String s : list) {
                JsonNode n = parse(s);
                if (n != null && n.isObject()) {
                    out.add(n);
                }
            }
            return body;
        });
    }

    /** A status another node stored; a garbled one is left out, not an error of this page. */
    private JsonNode parse(String status) {
        try {
            return mapper.readTree(status);
        } catch (IOException e) {
            return null;
        }
    }
}
