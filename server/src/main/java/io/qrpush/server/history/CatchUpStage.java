package io.qrpush.server.history;

import io.qrpush.server.core.Publication;
import io.qrpush.server.core.Subscriber;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Stands between the hub and one connection for a subscription to a history channel, so the
 * client sees offsets strictly increasing by one (docs/protocol.md section 6):
 * <ul>
 *   <li>The subscription joins the channel before its reply's position (or recovery) is read:
 *       live messages that come meanwhile are held here until {@link #caughtUp}, then only those
 *       after the reply's offset follow it; from then on a repeated offset is dropped.</li>
 *   <li>A live message that skips offsets (one lost between Redis and this node, e.g. while the
 *       node's pub/sub connection was being re-established) is held too, while the missed ones are
 *       read back from the history; when the history no longer holds them, the connection ends
 *       with a reconnect so the client's recovery states the loss.</li>
 *   <li>A gap that no later message shows (the last publication before a quiet spell was lost)
 *       is found by {@link GapCheck}, which hands this stage the stream's top
 *       ({@link #checkTop}); what the subscriber lacks up to it is read back the same way.</li>
 *   <li>At most {@code maxHeld} messages are held (the channel's history size: more than that
 *       the history read would not have anyway). Past it they are let go and read back from the
 *       history instead, so a subscriber whose catch-up is slow costs bounded memory.</li>
 * </ul>
 *
 * <p>Everything runs on the connection's thread, so it needs no lock.
 */
final class CatchUpStage implements Subscriber {
    private record Held(byte[] frame, Publication publication) {
    }

    private final Subscriber connection;
    private final GapFill history;
    private final int maxHeld;
    /** Where this node's deliveries on the channel are noted for {@link GapCheck}; null without checks. */
    private final ChannelWatch watch;
    /** Live messages waiting for a reply or a history read; null while messages flow. */
    private List<Held> held = new ArrayList<>(4);
    /** Held messages were let go: what follows {@link #sent} must be read from the history. */
    private boolean letGo;
    /** The loss could not be repaired and the connection is ending: nothing more goes. */
    private boolean ended;
    private String epoch;
    private long sent;

    CatchUpStage(Subscriber connection, GapFill history, int maxHeld, ChannelWatch watch) {
        this.connection = connection;
        this.history = history;
        this.maxHeld = Math.max(1, maxHeld);
        this.watch = watch;
    }

    @Override
    public Executor executor() {
        return connection.executor();
    }

    @Override
    public void deliver(byte[] frame) {
        connection.deliver(frame);
    }

    @Override
    public void deliver(byte[] frame, Publication publication) {
        if (ended) {
            return;
        }
        if (held == null) {
            forward(frame, publication);
        } else if (held.size() < maxHeld) {
            held.add(new Held(frame, publication));
        } else {
            held.clear();
            letGo = true;
        }
    }

    /**
     * The reply has gone with everything up to {@code replied}: the held live messages after it
     * follow. On the connection's thread, after the reply was queued there.
     */
    void caughtUp(StreamPosition replied) {
        epoch = replied.epoch();
        sent = replied.offset();
        release();
    }

    /**
     * The stream's top, read a moment ago: when messages flow and this subscriber has less of
     * the top's epoch, what it lacks is read back from the history (or the loss stated). On the
     * connection's thread.
     */
    void checkTop(StreamPosition top) {
        if (ended || held != null || !top.epoch().equals(epoch) || top.offset() <= sent) {
            return;
        }
        held = new ArrayList<>(4);
        readBack();
    }

    private void release() {
        if (letGo) {
            letGo = false;
            readBack();
            return;
        }
        List<Held> waiting = held;
        held = null;
        for (int i = 0; i < waiting.size(); i++) {
            forward(waiting.get(i).frame(), waiting.get(i).publication());
            if (held != null) {
                // A gap: the rest waits behind the history read it started.
                held.addAll(waiting.subList(i + 1, waiting.size()));
                return;
            }
        }
    }

    /** A live message of another epoch is newer (offsets restarted): it goes, rather than be lost. */
    private void forward(byte[] frame, Publication p) {
        if (p != null && p.offset() > 0) {
            boolean sameEpoch = Objects.equals(p.epoch(), epoch);
            if (sameEpoch && p.offset() <= sent) {
                return;
            }
            if (sameEpoch && p.offset() > sent + 1) {
                held = new ArrayList<>(4);
                held.add(new Held(frame, p));
                readBack();
                return;
            }
            epoch = p.epoch();
            sent = p.offset();
            noteDelivered();
        }
        connection.deliver(frame);
    }

    private void noteDelivered() {
        if (watch != null) {
            watch.delivered(epoch, sent);
        }
    }

    /** Reads what follows {@link #sent} from the history, while live messages are held. */
    private void readBack() {
        StreamPosition from = new StreamPosition(sent, epoch);
        history.after(from).whenComplete((r, err) -> executor().execute(() -> {
            if (err != null || !r.recovered()) {
                ended = true;
                held = null;
                connection.missedMessages();
                return;
            }
            for (HistoryEntry e : r.publications()) {
                connection.deliver(history.frame(e));
                sent = e.offset();
            }
            noteDelivered();
            release();
        }));
    }
}
