package io.qrpush.server.login;

import io.qrpush.server.core.ChannelKey;
import io.qrpush.server.core.FeatureHost;
import io.qrpush.server.core.Scheduler;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The {@code pcGrace} clock: when the last PC watching a login channel on this node leaves, a
 * timer is set; the PC coming back cancels it; if it fires and no PC watches the channel anywhere
 * (the broker's count, so a PC that came back on another node counts), the session is abandoned.
 * Only channels in their grace period take memory here.
 */
final class PcPresence {
    private final ConcurrentHashMap<ChannelKey, Grace> pending = new ConcurrentHashMap<>();
    private final Scheduler scheduler;
    private final Duration grace;
    private final FeatureHost node;
    private final Consumer<ChannelKey> abandoned;

    PcPresence(Scheduler scheduler, Duration grace, FeatureHost node, Consumer<ChannelKey> abandoned) {
        this.scheduler = scheduler;
        this.grace = grace;
        this.node = node;
        this.abandoned = abandoned;
    }

    void left(ChannelKey channel) {
        if (node.localSubscribers(channel) > 0) {
            return;
        }
        Grace g = new Grace();
        try {
            g.task = scheduler.schedule(() -> expire(channel, g), grace);
        } catch (IllegalStateException | RejectedExecutionException stopped) {
            return;
        }
        Grace before = pending.put(channel, g);
        if (before != null) {
            before.task.cancel();
        }
    }

    void joined(ChannelKey channel) {
        Grace g = pending.remove(channel);
        if (g != null) {
            g.task.cancel();
        }
    }

    private void expire(ChannelKey channel, Grace self) {
        // Removing only our own entry: a join or a later leave replaced or cleared it.
        if (!pending.remove(channel, self)) {
            return;
        }
        node.subscriberCount(channel).whenComplete((n, err) -> {
            if (err == null && n == 0) {
                abandoned.accept(channel);
            }
        });
    }

    /** One channel's grace period: the entry a firing timer finds itself by. */
    private static final class Grace {
        private volatile Scheduler.Task task;
    }
}
