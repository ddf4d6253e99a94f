package io.qrpush.server.history;

import java.util.Collection;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One subscription's way from a recovery to live delivery, with nothing lost and nothing repeated
 * (docs/protocol.md section 6). The subscription starts receiving live messages <em>before</em>
 * the recovery is read, so whatever is published during the read arrives live; those messages
 * wait here until the recovery is known, then only the ones after it follow the reply. From then
 * on a live message whose offset was already sent is dropped.
 *
 * <p>Live messages and the recovery arrive on different threads; both hand their output on under
 * this object's lock, so the order they reach the connection's queue is the offset order.
 */
public final class CatchUp {
    private final Consumer<HistoryEntry> send;
    private final TreeMap<Long, HistoryEntry> waiting = new TreeMap<>();
    private String waitingEpoch;
    private String epoch;
    private long sent = -1;

    /** @param send queues a message frame for the connection; it must not block */
    public CatchUp(Consumer<HistoryEntry> send) {
        this.send = send;
    }

    /** A live message arrived: held while the recovery is read, dropped when already sent. */
    public synchronized void live(HistoryEntry entry, String entryEpoch) {
        if (sent < 0) {
            if (!entryEpoch.equals(waitingEpoch)) {
                waiting.clear();
                waitingEpoch = entryEpoch;
            }
            waiting.put(entry.offset(), entry);
            return;
        }
        if (!entryEpoch.equals(epoch)) {
            epoch = entryEpoch;
        } else if (entry.offset() <= sent) {
            return;
        }
        sent = entry.offset();
        send.accept(entry);
    }

    /**
     * The recovery (or, without {@code recover}, the position of the subscribe reply) is known:
     * runs {@code reply} (the subscribe reply, which carries the recovered publications), then
     * sends the live messages that came after them. Live ones of another epoch can only be newer
     * (offsets restarted during the read): they follow too, rather than be lost.
     */
    public synchronized void caughtUp(Recovery recovery, Runnable reply) {
        StreamPosition at = recovery.position();
        reply.run();
        epoch = at.epoch();
        sent = at.offset();
        Collection<HistoryEntry> after = at.epoch().equals(waitingEpoch)
                ? waiting.tailMap(at.offset(), false).values() : waiting.values();
        for (HistoryEntry e : after) {
            epoch = waitingEpoch;
            sent = e.offset();
            send.accept(e);
        }
        waiting.clear();
    }
}
