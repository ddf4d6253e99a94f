package io.qrpush.server.webhook;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.protocol.Channels;
import io.qrpush.protocol.ClientFrame;
import io.qrpush.server.config.WebhookSettings;
import io.qrpush.server.core.Caller;
import io.qrpush.server.core.ChannelFeature;
import io.qrpush.server.core.ChannelKey;
import io.qrpush.server.core.FeatureHost;
import io.qrpush.server.core.Scheduler;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code channel.occupied} and {@code channel.vacated} (docs/webhooks.md) for the apps that asked:
 * counts this node's subscriptions per channel; a channel's first here sets its shared mark
 * ({@link OccupancyMarks}) and the node that set it sends {@code occupied}. A channel's last
 * subscription here leaving starts a {@code vacatedDelay} clock; when it runs out with nobody
 * subscribed on any node, the node that clears the mark sends {@code vacated}. A reload within
 * the delay leaves the mark alone: no event at all. A node that dies holding a channel leaves
 * its mark behind; a survivor's {@link #upkeep} finds it and runs the same check. Login
 * channels are left out: their sessions have their own events.
 */
public final class OccupancyFeature implements ChannelFeature {
    private static final Logger LOG = LoggerFactory.getLogger(OccupancyFeature.class);

    private final Webhooks webhooks;
    private final OccupancyMarks marks;
    private final Scheduler scheduler;
    private final boolean any;
    /** Subscriptions on this node per channel of an app that wants channel events. */
    private final Map<ChannelKey, Integer> here = new ConcurrentHashMap<>();
    private volatile FeatureHost host;

    /** @param scheduler the {@code vacatedDelay} clocks; closed by the wiring */
    public OccupancyFeature(Webhooks webhooks, OccupancyMarks marks, Scheduler scheduler) {
        this.webhooks = webhooks;
        this.marks = marks;
        this.scheduler = scheduler;
        this.any = webhooks.anyChannelEvents();
    }

    @Override
    public boolean claims(String channel) {
        return any && !Channels.isLogin(channel);
    }

    @Override
    public void start(FeatureHost h) {
        this.host = h;
    }

    @Override
    public CompletableFuture<Void> subscribed(Caller caller, ClientFrame.Subscribe request, ObjectNode reply) {
        WebhookSettings s = webhooks.settingsOf(caller.app().appkey());
        if (s == null || !s.wantsChannelEvents()) {
            return null;
        }
        ChannelKey channel = caller.key(request.channel());
        // Under the channel's entry, so this node's share changes in the order its count does.
        here.compute(channel, (k, n) -> {
            if (n == null) {
                marks.mark(channel).whenComplete((first, err) -> occupied(channel, first, err));
                return 1;
            }
            return n + 1;
        });
        return null;
    }

    private void occupied(ChannelKey channel, Boolean first, Throwable err) {
        if (err != null) {
            LOG.debug("occupancy mark of a channel not set: {}", err.toString());
        } else if (first) {
            webhooks.emit(channel.appkey(), "channel.occupied", data(channel));
        }
    }

    @Override
    public void left(Caller caller, ChannelKey channel) {
        WebhookSettings s = webhooks.settingsOf(channel.appkey());
        if (s == null || !s.wantsChannelEvents()) {
            return;
        }
        boolean[] emptied = {false};
        here.computeIfPresent(channel, (k, n) -> {
            emptied[0] = n == 1;
            if (n == 1) {
                marks.release(channel);
                return null;
            }
            return n - 1;
        });
        if (emptied[0]) {
            vacatedCheckAfter(channel, s);
        }
    }

    private void vacatedCheckAfter(ChannelKey channel, WebhookSettings s) {
        try {
            scheduler.schedule(() -> maybeVacated(channel), s.vacatedDelay());
        } catch (IllegalStateException closing) {
            // The node is stopping: once its liveness runs out, a surviving node claims its marks.
        }
    }

    /**
     * Once per {@code pingInterval} (the wiring runs it from start-up): keeps this node's share of
     * the marks alive, marks its channels again when a survivor took its share after a stall
     * ({@code occupied} follows where the mark was cleared meanwhile), and checks the channels a
     * dead node held as if their last subscriber had just left.
     */
    public CompletableFuture<Void> upkeep() {
        if (!any) {
            return CompletableFuture.completedFuture(null);
        }
        return marks.upkeep().thenAccept(u -> {
            if (u.relisted()) {
                here.keySet().forEach(channel -> here.computeIfPresent(channel, (k, n) -> {
                    marks.mark(channel).whenComplete((first, err) -> occupied(channel, first, err));
                    return n;
                }));
            }
            for (ChannelKey channel : u.orphaned()) {
                WebhookSettings s = webhooks.settingsOf(channel.appkey());
                if (s != null && s.wantsChannelEvents()) {
                    vacatedCheckAfter(channel, s);
                }
            }
        });
    }

    /** The delay ran out: vacated if still nobody is subscribed here or on any node. */
    private void maybeVacated(ChannelKey channel) {
        if (here.containsKey(channel)) {
            return;
        }
        host.subscriberCount(channel)
                .thenCompose(n -> n > 0 ? CompletableFuture.completedFuture(false) : marks.unmark(channel))
                .whenComplete((cleared, err) -> {
                    if (err != null) {
                        LOG.debug("vacated check of a channel failed: {}", err.toString());
                    } else if (cleared) {
                        webhooks.emit(channel.appkey(), "channel.vacated", data(channel));
                    }
                });
    }

    private static ObjectNode data(ChannelKey channel) {
        return JsonNodeFactory.instance.objectNode().put("channel", channel.channel());
    }
}
