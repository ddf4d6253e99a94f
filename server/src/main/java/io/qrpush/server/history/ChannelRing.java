package io.qrpush.server.history;

import io.qrpush.server.config.NamespaceSettings;
import io.qrpush.server.core.Publication;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * One channel's history on the memory broker: the last {@code historySize} publications with
 * contiguous offsets, the epoch, and when it all expires. Every method holds the ring's lock, so
 * offsets are handed out in exactly the order the ring keeps (and delivers) them.
 */
final class ChannelRing {
    private final Supplier<String> epochs;
    private final ArrayDeque<HistoryEntry> kept = new ArrayDeque<>();
    private String epoch;
    private long top;
    private long expiresAtMillis;
    private boolean retired;

    ChannelRing(Supplier<String> epochs, long now, NamespaceSettings ns) {
        this.epochs = epochs;
        restart(now, ns);
    }

    /** Appends and delivers; null when the sweeper retired this ring first (the caller retries). */
    synchronized StreamPosition append(Publication p, NamespaceSettings ns, long now, HistoryDelivery delivery) {
        if (!live(now, ns)) {
            return null;
        }
        HistoryEntry e = new HistoryEntry(++top, p);
        kept.addLast(e);
        while (kept.size() > ns.historySize()) {
            kept.removeFirst();
        }
        expiresAtMillis = now + ns.historyTtl().toMillis();
        delivery.deliver(e, epoch);
        return new StreamPosition(top, epoch);
    }

    /** The position and the entries of {@code range}, read at one instant; null when retired. */
    synchronized HistoryPage read(ReadRange range, NamespaceSettings ns, long now) {
        if (!live(now, ns)) {
            return null;
        }
        StreamPosition current = new StreamPosition(top, epoch);
        List<HistoryEntry> out = new ArrayList<>();
        if (!range.isEmpty()) {
            Iterator<HistoryEntry> it = range.reverse() ? kept.descendingIterator() : kept.iterator();
            while (it.hasNext() && out.size() < range.limit()) {
                HistoryEntry e = it.next();
                if (e.offset() >= range.from() && e.offset() <= range.to()) {
                    out.add(e);
                }
            }
        }
        return range.page(current, out);
    }

    /** Retires the ring when it expired, so the map may drop it; true when it did. */
    synchronized boolean retireIfExpired(long now) {
        if (now >= expiresAtMillis) {
            retired = true;
        }
        return retired;
    }

    private boolean live(long now, NamespaceSettings ns) {
        if (retired) {
            return false;
        }
        if (now >= expiresAtMillis) {
            restart(now, ns);
        }
        return true;
    }

    /** Offsets restart at 1 in a new epoch; the ttl runs from now even before a publish. */
    private void restart(long now, NamespaceSettings ns) {
        kept.clear();
        top = 0;
        epoch = epochs.get();
        expiresAtMillis = now + ns.historyTtl().toMillis();
    }
}
