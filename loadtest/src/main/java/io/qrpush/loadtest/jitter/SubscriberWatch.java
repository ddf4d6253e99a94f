package io.qrpush.loadtest.jitter;

/**
 * Hears when a history subscriber's connection ends and when it is subscribed again, with
 * {@link System#nanoTime()} stamps: the avalanche scenario's clock. Called under the
 * subscriber's lock, from its connections' event loops.
 */
public interface SubscriberWatch {
    /** For runs that only count. */
    SubscriberWatch NONE = new SubscriberWatch() {
        @Override
        public void closed(int subscriber, long nanos) {
        }

        @Override
        public void resubscribed(int subscriber, long nanos) {
        }
    };

    /** Subscriber {@code subscriber}'s connection ended (closed by the server, cut, or dropped). */
    void closed(int subscriber, long nanos);

    /** Subscriber {@code subscriber} is subscribed again after a reconnect (recovered or not). */
    void resubscribed(int subscriber, long nanos);
}
