package io.qrpush.server.webhook;

import io.qrpush.server.metrics.ServerMetrics;
import java.util.concurrent.atomic.LongAdder;

/**
 * Webhook counters on {@code /metrics}: events delivered, requests failed, events dropped (given
 * up after {@code retryFor}, or refused by a full queue); the queues' depth and oldest age are
 * gauges registered by {@link Webhooks}.
 */
final class WebhookMetrics {
    final LongAdder delivered = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder dropped = new LongAdder();

    WebhookMetrics(ServerMetrics metrics) {
        metrics.counter("qrpush_webhook_delivered", "Webhook events delivered (a 2xx answer)", delivered,
                LongAdder::doubleValue);
        metrics.counter("qrpush_webhook_failed", "Webhook requests that failed (non-2xx, timeout, no connection)",
                failed, LongAdder::doubleValue);
        metrics.counter("qrpush_webhook_dropped", "Webhook events given up after retryFor or refused by a full queue",
                dropped, LongAdder::doubleValue);
    }
}
