package io.qrpush.server.webhook;

/**
 * An event waiting in a {@link WebhookQueue}, already written as JSON.
 *
 * @param handle what the queue knows it by (a Redis stream entry id, or the event id in memory)
 * @param time   ms since the epoch when the event happened: it is retried until {@code retryFor} after it
 * @param json   the event's JSON object, sent as it is
 */
public record QueuedEvent(String handle, long time, String json) {
}
