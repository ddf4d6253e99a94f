package io.qrpush.server.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one message to every subscriber of a channel with one task per connection thread (per
 * {@value #CHUNK} subscribers) rather than one per subscriber. On its own thread a subscriber
 * writes the frame at once instead of queuing it for a later drain, so a fan-out to thousands
 * costs no queue node, task or wake-up per subscriber (docs/benchmarks-history.md, seventh round).
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

    static void deliver(Subscriber[] subscribers, byte[] frame) {
        if (subscribers.length == 1) {
            // A QR login channel's one browser: no grouping to do.
            Subscriber only = subscribers[0];
            only.executor().execute(() -> deliverOne(only, frame));
            return;
        }
        // A node has a handful of connection threads: a scan of them costs less than hashing.
        List<Executor> threads = new ArrayList<>(4);
        List<List<Subscriber>> groups = new ArrayList<>(4);
        for (Subscriber s : subscribers) {
            Executor thread = s.executor();
            int i = indexOf(threads, thread);
            if (i < 0) {
                i = threads.size();
                threads.add(thread);
                groups.add(new ArrayList<>(subscribers.length / 2 + 1));
            }
            groups.get(i).add(s);
        }
        for (int t = 0; t < threads.size(); t++) {
            List<Subscriber> group = groups.get(t);
            for (int from = 0; from < group.size(); from += CHUNK) {
                List<Subscriber> chunk = group.subList(from, Math.min(group.size(), from + CHUNK));
                threads.get(t).execute(() -> {
                    for (Subscriber s : chunk) {
                        deliverOne(s, frame);
                    }
                });
            }
        }
    }

    private static int indexOf(List<Executor> threads, Executor thread) {
        for (int i = 0; i < threads.size(); i++) {
            if (threads.get(i) == thread) {
                return i;
            }
        }
        return -1;
    }

    /**
     * One subscriber's failure is its own: the rest of its chunk, which shares the task, still
     * gets the message, as it did when each subscriber had a task of its own.
     */
    private static void deliverOne(Subscriber s, byte[] frame) {
        try {
            s.deliver(frame);
        } catch (RuntimeException e) {
            LOG.error("delivery to one subscriber failed; the others still get the message", e);
        }
    }
}
