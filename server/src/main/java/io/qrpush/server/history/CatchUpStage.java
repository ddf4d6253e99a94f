package io.qrpush.server.history;

import io.qrpush.server.core.Publication;
import io.qrpush.server.core.Subscriber;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Stands between the hub and one connection for a subscription to a history channel, so the
 * client sees offsets strictly increasing by one (docs/protocol.md section 6). The subscription
 * joins the channel before its reply's position (or recovery) is read: live messages that come
 * meanwhile are held here until {@link #caughtUp}, then only those after the reply's offset
 * follow it; from then on a repeated offset is dropped.
 *
 * <p>Everything runs on the connection's thread, so it needs no lock.
 */
final class CatchUpStage implements Subscriber {
    private record Held(byte[] frame, Publication publication) {
    }

    private final Subscriber connection;
    /** Live messages that came before the reply's position was known; null once it was. */
    private List<Held> held = new ArrayList<>(4);
    private String epoch;
    private long sent;

    CatchUpStage(Subscriber connection) {
        this.connection = connection;
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
        if (held != null) {
            held.add(new Held(frame, publication));
        } else {
            forward(frame, publication);
        }
    }

    /**
     * The reply has gone with everything up to {@code replied}: the held live messages after it
     * follow. On the connection's thread, after the reply was queued there.
     */
    void caughtUp(StreamPosition replied) {
        epoch = replied.epoch();
        sent = replied.offset();
        List<Held> waiting = held;
        held = null;
        for (Held h : waiting) {
            forward(h.frame(), h.publication());
        }
    }

    /** A live message of another epoch is newer (offsets restarted): it goes, rather than be lost. */
    private void forward(byte[] frame, Publication p) {
        if (p != null && p.offset() > 0) {
            if (Objects.equals(p.epoch(), epoch) && p.offset() <= sent) {
                return;
            }
            epoch = p.epoch();
            sent = p.offset();
        }
        connection.deliver(frame);
    }
}
