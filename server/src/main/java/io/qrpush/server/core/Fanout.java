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
        // A node has a handful of connection threads: a scan of the groups, each named by its
        // first subscriber's thread, costs less than hashing every subscriber.
        List<List<Subscriber>> byThread = new ArrayList<>(4);
        for (Subscriber s : subscribers) {
            groupOf(byThread, s.executor()).add(s);
        }
        for (List<Subscriber> group : byThread) {
            Executor thread = group.get(0).executor();
            for (int from = 0; from < group.size(); from += CHUNK) {
                List<Subscriber> chunk = group.subList(from, Math.min(group.size(), from + CHUNK));
                thread.execute(() -> {
                    for (Subscriber s : chunk) {
                        deliverOne(s, frame, publication);
                    }
                });
            }
        }
    }

    private static List<Subscriber> groupOf(List<List<Subscriber>> byThread, Executor thread) {
        for (List<Subscriber> group : byThread) {
            if (group.get(0).executor() == thread) {
                return group;
            }
        }
        List<Subscriber> group = new ArrayList<>();
        byThread.add(group);
        return group;
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
