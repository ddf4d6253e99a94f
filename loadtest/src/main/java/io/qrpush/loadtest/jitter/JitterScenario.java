package io.qrpush.loadtest.jitter;

import io.qrpush.loadtest.metrics.RunMetrics;
import io.qrpush.loadtest.net.Endpoint;
import io.qrpush.loadtest.net.WsConnection;
import io.qrpush.loadtest.scenario.Opener;
import io.qrpush.loadtest.scenario.PubSubLoad;
import io.qrpush.loadtest.scenario.Run;
import io.qrpush.loadtest.scenario.Scenario;
import io.qrpush.loadtest.scenario.Slice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code jitter}: C history channels with S subscribers each and one publisher each at R
 * messages a second, while the load tester cuts subscribers' sockets with a TCP reset about every
 * {@code cutEvery} and each cut subscriber reconnects (to the next node, when there are several)
 * and recovers by offset and epoch. Publishers are never cut: what is measured is the
 * subscribers' recovery. Cuts stop at the end of the measured time; the grace period lets the
 * last recoveries finish.
 */
public final class JitterScenario implements Scenario {
    /** Channels are {@code jitter:<run>.<n>}: the server needs a namespace {@code jitter} with history. */
    public static final String NAMESPACE = "jitter";

    /**
     * The scenario's shape.
     *
     * @param healthEvery how often the balancer's view of the nodes ({@link NodeHealth}) checks each {@code /healthz}
     */
    public record Settings(int channels, int subscribers, double rate, int payloadBytes, Duration cutEvery,
                           Duration reconnectPause, Duration healthEvery, List<Endpoint> nodes) {
        public Settings {
            if (channels < 1 || subscribers < 1 || !(rate > 0) || nodes.isEmpty() || healthEvery.isZero() || healthEvery.isNegative()) {
                throw new IllegalArgumentException("channels, subscribers, rate, nodes and healthEvery must be positive");
            }
            nodes = List.copyOf(nodes);
        }
    }

    private final Settings settings;
    private final CutSchedule schedule;
    /** Null in a {@code jitter} run: then subscribers are spread over the nodes and cut. */
    private final SubscriberWatch drainWatch;
    /** Where the publishers connect in an {@code avalanche} run; null in a {@code jitter} run. */
    private final Endpoint publishersNode;
    private final List<JitterSubscriber> subscribers = new ArrayList<>();
    private PubSubLoad publishers;
    private NodeHealth health;
    private JitterMeters meters;
    private JitterSummary summary;

    public JitterScenario(Settings settings) {
        this(settings, null, null);
    }

    /**
     * Subscribers that are never cut, all on the first node, which the caller drains: each comes
     * back to the next node when the drain tells it to go (the {@code avalanche} scenario). The
     * {@code watch} hears every close and return; {@code cutEvery} is not used. The publishers all
     * connect to {@code publishersNode}, so that what the drain disturbs is the subscribers alone.
     */
    public static JitterScenario drainedFirstNode(Settings settings, SubscriberWatch watch, Endpoint publishersNode) {
        return new JitterScenario(settings, watch, publishersNode);
    }

    private JitterScenario(Settings settings, SubscriberWatch drainWatch, Endpoint publishersNode) {
        this.settings = settings;
        this.schedule = new CutSchedule(settings.cutEvery(), settings.reconnectPause());
        this.drainWatch = drainWatch;
        this.publishersNode = publishersNode;
    }

    @Override
    public String name() {
        return "jitter";
    }

    @Override
    public RunMetrics newMetrics() {
        return new RunMetrics("delivery", JitterMeters.REPLAY, "publish_reply", PubSubLoad.SEND_LAG, "connect");
    }

    private List<PubSubLoad.ChannelPlan> plans() {
        List<PubSubLoad.ChannelPlan> plans = new ArrayList<>();
        for (int i = 0; i < settings.channels(); i++) {
            plans.add(new PubSubLoad.ChannelPlan(i, settings.channels(), 0, true));
        }
        return plans;
    }

    @Override
    public long socketsNeeded(Slice slice) {
        // A cut socket is closed before its subscriber reconnects; a few more for the HTTP side.
        return (long) settings.channels() * (settings.subscribers() + 1) + 8;
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channels", settings.channels());
        m.put("subscribersPerChannel", settings.subscribers());
        m.put("messagesPerSecondPerChannel", settings.rate());
        m.put("payloadBytes", settings.payloadBytes());
        m.put("cutEveryMillis", settings.cutEvery().toMillis());
        m.put("reconnectPauseMillis", settings.reconnectPause().toMillis());
        m.put("healthCheckEveryMillis", settings.healthEvery().toMillis());
        m.put("nodes", settings.nodes().stream().map(e -> e.http().toString()).toList());
        return m;
    }

    @Override
    public void setup(Run run) throws Exception {
        meters = new JitterMeters(run.metrics());
        List<Endpoint> nodes = settings.nodes();
        health = new NodeHealth(nodes, settings.healthEvery());
        health.start();
        String prefix = NAMESPACE + ":";
        int n = 0;
        for (int ch = 0; ch < settings.channels(); ch++) {
            String channel = PubSubLoad.channelName(prefix, run.settings().runId(), ch);
            for (int s = 0; s < settings.subscribers(); s++, n++) {
                subscribers.add(new JitterSubscriber(run, channel, meters, schedule,
                        drainWatch == null ? SubscriberWatch.NONE : drainWatch, nodes, health, n,
                        drainWatch == null ? n : 0,
                        31L * n + 7));
            }
        }
        Opener.openAll(run, subscribers.size(), i -> subscribers.get(i).firstNode(),
                (i, c) -> subscribers.get(i).join(c));
        // Publishers go round-robin over the nodes, from the node after the first subscriber's; when the
        // first node is drained, all to the node given for them.
        publishers = new PubSubLoad(plans(), settings.rate(), settings.payloadBytes(), prefix,
                i -> drainWatch == null ? nodes.get((i + 1) % nodes.size()) : publishersNode);
        publishers.setup(run);
    }

    @Override
    public void startLoad(Run run) {
        publishers.startLoad(run);
        if (drainWatch == null) {
            subscribers.forEach(s -> s.startCutting(run.loadEndNanos()));
        }
    }

    @Override
    public void stopLoad() {
        // Cuts and publishes end by themselves at the end of the measured time.
    }

    @Override
    public boolean settled(Run run) {
        return publishers.finished() && run.ledger().settled() && subscribers.stream().allMatch(s -> s.subscribed()
                || !s.book().started());
    }

    @Override
    public String outstanding(Run run) {
        long away = subscribers.stream().filter(s -> s.book().started() && !s.subscribed()).count();
        return run.ledger().outstanding() + ", " + away + " subscribers not resubscribed";
    }

    @Override
    public void teardown(Run run) {
        List<WsConnection> open = new ArrayList<>();
        subscribers.forEach(s -> open.add(s.stop()));
        summary = summarize();
        Opener.closeAll(open);
        publishers.teardown();
        if (health != null) {
            health.close();
        }
    }

    private JitterSummary summarize() {
        // The highest offset any subscriber of a channel saw in the channel's current epoch.
        Map<String, Long> tops = new HashMap<>();
        for (JitterSubscriber s : subscribers) {
            OffsetBook b = s.book();
            if (b.started()) {
                tops.merge(s.channel() + " " + b.epoch(), b.top(), Math::max);
            }
        }
        long live = 0, replayed = 0, duplicates = 0, gaps = 0, epochChanges = 0;
        int subscribed = 0;
        for (JitterSubscriber s : subscribers) {
            OffsetBook b = s.book();
            if (b.started()) {
                subscribed++;
                live += b.live();
                replayed += b.replayed();
                duplicates += b.duplicates();
                gaps += b.gaps(tops.get(s.channel() + " " + b.epoch()));
                epochChanges += b.epochChanges();
            }
        }
        return new JitterSummary(settings.channels(), subscribed,
                settings.nodes().stream().map(e -> e.http().toString()).toList(), settings.cutEvery().toMillis(),
                meters.cuts.sum(), meters.reconnected.sum(), meters.recoveryAsked.sum(), meters.recovered.sum(),
                meters.recoveryRefused.sum(), live, replayed, duplicates, gaps, epochChanges);
    }

    @Override
    public JitterSummary jitterSummary() {
        return summary;
    }

    @Override
    public List<String> notes() {
        List<String> notes = new ArrayList<>(publishers == null ? List.of() : publishers.notes());
        if (health != null) {
            // Which nodes the clients' balancer view had in rotation, and why not when not.
            notes.add(health.summary());
        }
        return notes;
    }
}
