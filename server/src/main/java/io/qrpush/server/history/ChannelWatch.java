package io.qrpush.server.history;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One channel with history as {@link GapCheck} sees it on this node: the stages of its
 * subscriptions here, and the newest offset any of them delivered live (or read back into a gap),
 * which the check compares with the stream's top.
 */
final class ChannelWatch {
    /** Offsets delivered here; compared by epoch first, since offsets restart with a new one. */
    private record Delivered(String epoch, long offset) {
    }

    /** Stages by the sid of their connection. */
    final Map<String, CatchUpStage> stages = new ConcurrentHashMap<>();
    private volatile Delivered delivered;

    /**
     * A stage delivered {@code offset}: called for every message on the connections' threads, so
     * it writes only when the offset is new (once per publication, not once per subscriber).
     */
    void delivered(String epoch, long offset) {
        Delivered d = delivered;
        if (d != null && d.offset() >= offset && Objects.equals(d.epoch(), epoch)) {
            return;
        }
        synchronized (this) {
            d = delivered;
            if (d == null || d.offset() < offset || !Objects.equals(d.epoch(), epoch)) {
                delivered = new Delivered(epoch, offset);
            }
        }
    }

    /**
     * Whether this node may be missing publications up to {@code top}: it delivered less in the
     * top's epoch, or nothing live yet (then each stage compares its own position). A top of
     * another epoch is newer offsets its live messages will bring as they come.
     */
    boolean behind(StreamPosition top) {
        Delivered d = delivered;
        if (d == null) {
            return top.offset() > 0;
        }
        return Objects.equals(d.epoch(), top.epoch()) && d.offset() < top.offset();
    }
}
