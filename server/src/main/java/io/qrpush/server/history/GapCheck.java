package io.qrpush.server.history;

import io.qrpush.server.core.ChannelKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the live gaps that no later publication shows (docs/protocol.md section 6): a
 * publication lost between Redis and this node is otherwise noticed only when the channel's next
 * one arrives, so the last one before a quiet spell could stay missing for good.
 *
 * <p>Every {@code broker.gapCheckInterval} (jittered, so the nodes of a cluster do not read
 * together), and at once when the store's link is back after a loss, it reads the stream's top of
 * the channels this node has subscribers of (one small read each, pipelined; at most
 * {@link #MAX_CHANNELS_PER_CHECK} per check, the rest at the next ones). A channel whose top is
 * ahead of what this node delivered is looked at again after a short grace, so a publication
 * merely on its way is not taken for a loss; if it is still behind, each of its stages reads what
 * it lacks back from the history, as for a gap a live message shows (or ends with 4012 when the
 * history no longer holds it).
 */
final class GapCheck implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GapCheck.class);
    /** Channels one check reads the top of at most, so a node with very many stays bounded. */
    static final int MAX_CHANNELS_PER_CHECK = 2000;
    /** How long a publication may take from Redis to the stages before it counts as lost. */
    private static final long GRACE_MILLIS = 500;

    private final ConcurrentHashMap<ChannelKey, ChannelWatch> watched = new ConcurrentHashMap<>();
    private final StreamTops tops;
    private final ScheduledExecutorService timer;
    private final long everyMillis;
    private final AtomicBoolean soon = new AtomicBoolean();
    private volatile boolean closed;
    /** Where the next check starts in the list of channels, so each gets its turn. */
    private int cursor;

    GapCheck(StreamTops tops, ScheduledExecutorService timer, Duration every) {
        this.tops = tops;
        this.timer = timer;
        this.everyMillis = every.toMillis();
    }

    /** Starts the periodic checks, and a check whenever the link is back. */
    void start() {
        tops.whenLinkBack(this::checkSoon);
        scheduleNext();
    }

    /**
     * Registers the stage {@code make} builds for a subscription of {@code sid}, given the
     * channel's watch to note its deliveries in.
     */
    CatchUpStage watch(ChannelKey channel, String sid, Function<ChannelWatch, CatchUpStage> make) {
        CatchUpStage[] made = new CatchUpStage[1];
        watched.compute(channel, (k, w) -> {
            ChannelWatch watch = w != null ? w : new ChannelWatch();
            made[0] = make.apply(watch);
            watch.stages.put(sid, made[0]);
            return watch;
        });
        return made[0];
    }

    /** The subscription of {@code sid} ended. */
    void unwatch(ChannelKey channel, String sid) {
        watched.computeIfPresent(channel, (k, w) -> {
            w.stages.remove(sid);
            return w.stages.isEmpty() ? null : w;
        });
    }

    private void scheduleNext() {
        if (closed) {
            return;
        }
        later(this::periodic, everyMillis - ThreadLocalRandom.current().nextLong(everyMillis / 4 + 1));
    }

    /** Runs {@code task} on the timer after {@code millis}; nothing once the node is stopping. */
    private void later(Runnable task, long millis) {
        try {
            timer.schedule(task, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            closed = true;
        }
    }

    private void periodic() {
        try {
            check();
        } catch (RuntimeException e) {
            LOG.warn("gap check failed; the next one tries again", e);
        } finally {
            scheduleNext();
        }
    }

    /** The link is back: one check shortly (a reconnect confirms many subscriptions; they make one check). */
    private void checkSoon() {
        if (!closed && soon.compareAndSet(false, true)) {
            later(() -> {
                soon.set(false);
                check();
            }, 0);
        }
    }

    /** One round: the tops of up to {@link #MAX_CHANNELS_PER_CHECK} channels, read at once. */
    void check() {
        List<ChannelKey> channels = new ArrayList<>(watched.keySet());
        int n = Math.min(channels.size(), MAX_CHANNELS_PER_CHECK);
        int from = channels.isEmpty() ? 0 : Math.floorMod(cursor, channels.size());
        cursor = from + n;
        for (int i = 0; i < n; i++) {
            ChannelKey channel = channels.get((from + i) % channels.size());
            tops.top(channel).whenComplete((top, err) -> {
                if (err != null) {
                    LOG.debug("reading a stream's top failed; the next check tries again: {}", err.toString());
                } else if (top != null && behind(channel, top)) {
                    later(() -> fill(channel, top), GRACE_MILLIS);
                }
            });
        }
    }

    private boolean behind(ChannelKey channel, StreamPosition top) {
        ChannelWatch w = watched.get(channel);
        return w != null && w.behind(top);
    }

    /** Still behind after the grace: each stage reads back what it lacks, on its own thread. */
    private void fill(ChannelKey channel, StreamPosition top) {
        ChannelWatch w = watched.get(channel);
        if (w == null || !w.behind(top)) {
            return;
        }
        for (CatchUpStage stage : w.stages.values()) {
            try {
                stage.executor().execute(() -> stage.checkTop(top));
            } catch (RejectedExecutionException closing) {
                // The connection's thread is stopping with the node: nobody is left to fill.
            }
        }
        // Every stage is now at the top or reading up to it. Noted as delivered, so a quiet channel
        // whose subscribers joined after its last publication (nothing live ever reached them) is
        // not found behind, and its stages asked again, at every check.
        w.delivered(top.epoch(), top.offset());
    }

    @Override
    public void close() {
        closed = true;
    }
}
