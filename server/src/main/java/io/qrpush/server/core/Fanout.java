package io.qrpush.server.core;

import java.util.Arrays;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one message to every subscriber of a channel with one task per connection thread (per
 * {@value #CHUNK} subscribers) rather than one per subscriber. On its own thread a subscriber
 * writes the frame at once instead of queuing it for a later drain, so a fan-out to thousands
 * costs no queue node, task or wake-up per subscriber.
 */
final class Fanout {
    private static final Logger LOG = LoggerFactory.getLogger(Fanout.class);

    /**
     * Subscribers per task. A thread runs a task to its end, so a smaller chunk lets the reads of
     * its other connections in between; a larger one saves tasks. A chunk of this size takes a
     * few milliseconds here.
     */
    static final int CHUNK = 256;

    private Fanout() {
    }

    static void deliver(Subscriber[] subscribers, byte[] frame, Publication publication) {
        if (subscribers.length == 1) {
            // A QR login channel's one browser: no grouping to do.
            Subscriber only = subscribers[0];
            only.executor().execute(() -> deliverOne(only, frame, publication));
            return;
        }
        // A node has a handful of connection threads: a scan of them costs less than hashing every
        // subscriber. Counting first lets each thread's group be one array of its exact size, not
        // a list grown (and copied) as it fills.
        Executor[] threads = new Executor[4];
        int[] counts = new int[4];
        int known = 0;
        for (Subscriber s : subscribers) {
            int t = indexOf(threads, known, s.executor());
            if (t == known) {
                if (known == threads.length) {
                    threads = Arrays.copyOf(threads, known * 2);
                    counts = Arrays.copyOf(counts, known * 2);
                }
                threads[known++] = s.executor();
            }
            counts[t]++;
        }
        Subscriber[][] groups = new Subscriber[known][];
        for (int t = 0; t < known; t++) {
            groups[t] = new Subscriber[counts[t]];
            counts[t] = 0;
        }
        for (Subscriber s : subscribers) {
            int t = indexOf(threads, known, s.executor());
            groups[t][counts[t]++] = s;
        }
        for (int t = 0; t < known; t++) {
            Subscriber[] group = groups[t];
            for (int from = 0; from < group.length; from += CHUNK) {
                int start = from;
                int end = Math.min(group.length, from + CHUNK);
                threads[t].execute(() -> {
                    for (int i = start; i < end; i++) {
                        deliverOne(group[i], frame, publication);
                    }
                });
            }
        }
    }

    /** The thread's place among the first {@code known}, or {@code known} when it is new. */
    private static int indexOf(Executor[] threads, int known, Executor thread) {
        for (int t = 0; t < known; t++) {
            if (threads[t] == thread) {
                return t;
            }
        }
        return known;
    }

    /**
     * One subscriber's failure is its own: the rest of its chunk, which shares the task, still
     * gets the message, as it did when each subscriber had a task of its own.
     */
    private static void deliverOne(Subscriber s, byte[] frame, Publication publication) {
        try {
            s.deliver(frame, publication);
        } catch (RuntimeException e) {
            LOG.error("delivery to one subscriber failed; the others still get the message", e);
        }
    }
}
