package io.qrpush.server.login;

import io.netty.util.Timeout;
import io.netty.util.Timer;
import io.qrpush.server.core.ChannelKey;
import io.qrpush.server.core.Node;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The {@code pcGrace} clock: when the last PC watching a login channel on this node leaves, a
 * timeout is set on the shared wheel; the PC coming back cancels it; if it fires and no PC
 * watches the channel anywhere (the broker's count, so a PC that came back on another node
 * counts), the session is abandoned. Only channels in their grace period take memory here.
 */
final class PcPresence {
    private final ConcurrentHashMap<ChannelKey, Timeout> pending = new ConcurrentHashMap<>();
    private final Timer wheel;
    private final long graceMillis;
    private final Node node;
    private final Consumer<ChannelKey> abandoned;

    PcPresence(Timer wheel, Duration grace, Node node, Consumer<ChannelKey> abandoned) {
        this.wheel = wheel;
        this.graceMillis = grace.toMillis();
        this.node = node;
        this.abandoned = abandoned;
    }

    void left(ChannelKey channel) {
        if (node.localSubscribers(channel) > 0) {
            return;
        }
        Timeout t;
        try {
            t = wheel.newTimeout(self -> expire(channel, self), graceMillis, TimeUnit.MILLISECONDS);
        } catch (IllegalStateException | RejectedExecutionException stopped) {
            return;
        }
        Timeout before = pending.put(channel, t);
        if (before != null) {
            before.cancel();
        }
    }

    void joined(ChannelKey channel) {
        Timeout t = pending.remove(channel);
        if (t != null) {
            t.cancel();
        }
    }

    private void expire(ChannelKey channel, Timeout self) {
        // Removing only our own entry: a join or a later leave replaced or cleared it.
        if (!pending.remove(channel, self)) {
            return;
        }
        node.broker().subscriberCount(channel).whenComplete((n, err) -> {
            if (err == null && n == 0) {
                abandoned.accept(channel);
            }
        });
    }

    int pending() {
        return pending.size();
    }
}
