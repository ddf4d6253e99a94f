package io.qrpush.server.webhook;

import io.qrpush.server.config.WebhookSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one app's queue: takes a batch (up to {@link #MAX_BATCH} events), posts it, and on a
 * failure posts the same batch again after a backoff that doubles, until it is delivered or its
 * events are older than {@code retryFor}. One batch is in flight at a time, so the backend sees
 * events in order and a failing backend is not flooded.
 *
 * <p>Everything runs on the one webhook thread: {@link #tick} every second (so an event waits at
 * most a second to be batched) and at once when a full batch is waiting.
 */
final class AppDispatcher {
    static final int MAX_BATCH = 100;
    private static final Logger LOG = LoggerFactory.getLogger(AppDispatcher.class);

    private final String appkey;
    private final WebhookSettings settings;
    private final WebhookQueue queue;
    private final WebhookSender sender;
    private final WebhookMetrics metrics;
    private final ScheduledExecutorService thread;
    private final Clock clock;
    /** The batch being sent or waiting for its retry; null when none. */
    private List<QueuedEvent> batch;
    private boolean taking;
    private Duration backoff;

    AppDispatcher(String appkey, WebhookSettings settings, WebhookQueue queue, WebhookSender sender,
                  WebhookMetrics metrics, ScheduledExecutorService thread, Clock clock) {
        this.appkey = appkey;
        this.settings = settings;
        this.queue = queue;
        this.sender = sender;
        this.metrics = metrics;
        this.thread = thread;
        this.clock = clock;
        this.backoff = settings.retryBackoff();
    }

    WebhookQueue queue() {
        return queue;
    }

    /** On the webhook thread: takes and sends a batch unless one is in flight; keeps a retried one held. */
    void tick() {
        if (batch != null) {
            queue.keep(batch); // sending or waiting for a retry: no other node may take the batch meanwhile
            return;
        }
        if (taking) {
            return;
        }
        taking = true;
        queue.take(MAX_BATCH).whenCompleteAsync((taken, err) -> {
            taking = false;
            if (err != null) {
                LOG.debug("webhook queue of {} unreadable; the next tick tries again: {}", appkey, err.toString());
            } else if (!taken.isEmpty()) {
                batch = taken;
                send();
            }
        }, thread);
    }

    private void send() {
        String body = batch.stream().map(QueuedEvent::json).collect(Collectors.joining(",", "{\"events\":[", "]}"));
        sender.post(settings.url(), settings.secret(), settings.timeout(), body)
                .whenCompleteAsync((status, err) -> sent(status, err), thread);
    }

    private void sent(Integer status, Throwable err) {
        if (err == null && status >= 200 && status < 300) {
            metrics.delivered.add(batch.size());
            finish();
            tick(); // more may be waiting: no need to wait for the next second
            return;
        }
        metrics.failed.increment();
        LOG.debug("webhook of {} failed ({}); retrying in {}", appkey, err == null ? "HTTP " + status : err.toString(),
                backoff);
        long oldestKept = clock.millis() - settings.retryFor().toMillis();
        List<QueuedEvent> expired = batch.stream().filter(e -> e.time() < oldestKept).toList();
        if (!expired.isEmpty()) {
            LOG.warn("webhook of {}: dropping {} events after retrying them for {}", appkey, expired.size(),
                    settings.retryFor());
            metrics.dropped.add(expired.size());
            queue.done(expired);
            batch = batch.stream().filter(e -> e.time() >= oldestKept).toList();
            if (batch.isEmpty()) {
                finish();
                return;
            }
        }
        thread.schedule(this::send, backoff.toMillis(), TimeUnit.MILLISECONDS);
        backoff = backoff.multipliedBy(2);
        if (backoff.compareTo(WebhookSettings.MAX_BACKOFF) > 0) {
            backoff = WebhookSettings.MAX_BACKOFF;
        }
    }

    private void finish() {
        queue.done(batch);
        batch = null;
        backoff = settings.retryBackoff();
    }
}
