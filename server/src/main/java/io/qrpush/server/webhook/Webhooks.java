package io.qrpush.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrpush.protocol.RandomIds;
import io.qrpush.server.config.AppConfig;
import io.qrpush.server.config.WebhookSettings;
import io.qrpush.server.metrics.ServerMetrics;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhooks to the apps' backends (docs/webhooks.md): {@link #emit} queues an event for each app
 * that asked for its type, and one {@link AppDispatcher} per app delivers its queue, signed and
 * batched, retrying until delivered. Whoever emits an event makes it once for the cluster (the
 * node whose write changed the login session, whose presence store saw the join, whose mark
 * flipped the channel), so each event is queued once; the shared queue sends it once.
 */
public final class Webhooks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);
    private static final long TICK_MILLIS = 1000;

    private final Map<String, AppDispatcher> dispatchers = new HashMap<>();
    private final Map<String, WebhookSettings> settings = new HashMap<>();
    private final ObjectMapper mapper;
    private final Clock clock;
    private final WebhookMetrics metrics;
    private final WebhookStores stores;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "qrpush-webhooks");
        t.setDaemon(true);
        return t;
    });

    public Webhooks(List<AppConfig> apps, WebhookStores stores, ServerMetrics serverMetrics, ObjectMapper mapper,
                    Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
        this.stores = stores;
        this.metrics = new WebhookMetrics(serverMetrics);
        WebhookSender sender = new WebhookSender(clock);
        for (AppConfig app : apps) {
            if (app.webhook() != null) {
                settings.put(app.appkey(), app.webhook());
                dispatchers.put(app.appkey(), new AppDispatcher(app.appkey(), app.webhook(),
                        stores.queue(app.appkey()), sender, metrics, thread, clock));
            }
        }
        serverMetrics.gauge("qrpush_webhook_pending", "Webhook events waiting or being sent (all apps)",
                () -> dispatchers.values().stream().mapToLong(d -> d.queue().pending()).sum());
        serverMetrics.gauge("qrpush_webhook_oldest_pending_seconds", "Age of the oldest webhook event not yet delivered",
                this::oldestPendingSeconds);
        if (!dispatchers.isEmpty()) {
            thread.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** The app's webhook settings, or null when it has no webhook. */
    public WebhookSettings settingsOf(String appkey) {
        return settings.get(appkey);
    }

    /** Whether any app asked for {@code channel.occupied} or {@code channel.vacated}. */
    public boolean anyChannelEvents() {
        return settings.values().stream().anyMatch(WebhookSettings::wantsChannelEvents);
    }

    /** Queues an event for the app if it asked for this type; never blocks, never throws. */
    public void emit(String appkey, String type, JsonNode data) {
        WebhookSettings s = settings.get(appkey);
        if (s == null || !s.wants(type)) {
            return;
        }
        WebhookEvent event = new WebhookEvent(RandomIds.random128(), type, clock.millis(), data);
        AppDispatcher d = dispatchers.get(appkey);
        d.queue().add(new QueuedEvent(event.id(), event.time(), event.json(mapper))).whenComplete((ok, err) -> {
            if (err != null) {
                metrics.dropped.increment();
                LOG.warn("webhook event {} of {} dropped: {}", type, appkey, err.toString());
            } else if (d.queue().pending() >= AppDispatcher.MAX_BATCH) {
                thread.execute(d::tick); // a full batch need not wait for the next second
            }
        });
    }

    private void tick() {
        for (AppDispatcher d : dispatchers.values()) {
            try {
                d.queue().refresh().exceptionally(err -> {
                    LOG.debug("webhook queue depth not read; the next tick tries again: {}", err.toString());
                    return null;
                });
                d.tick();
            } catch (RuntimeException e) {
                LOG.warn("webhook tick failed; the next one tries again", e);
            }
        }
    }

    private double oldestPendingSeconds() {
        long oldest = dispatchers.values().stream().mapToLong(d -> d.queue().oldestTime()).filter(t -> t > 0)
                .min().orElse(0);
        return oldest == 0 ? 0 : Math.max(0, clock.millis() - oldest) / 1000.0;
    }

    /** Stops sending; undelivered events stay in a shared queue for another node, or are lost in memory. */
    @Override
    public void close() {
        thread.shutdownNow();
        stores.close();
    }
}
