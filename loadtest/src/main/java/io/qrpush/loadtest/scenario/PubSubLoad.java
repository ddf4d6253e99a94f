package io.qrpush.loadtest.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.loadtest.ledger.ChannelLedger;
import io.qrpush.loadtest.metrics.LatencyRecorder;
import io.qrpush.loadtest.metrics.MicroClock;
import io.qrpush.loadtest.net.Endpoint;
import io.qrpush.loadtest.net.WsConnection;
import io.qrpush.protocol.ClientFrame;
import io.qrpush.protocol.RawJson;
import io.qrpush.protocol.token.Otps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/**
 * Channels with subscribers and one publisher each, publishing on an open-loop schedule: the
 * engine of {@code pubsub}, {@code fanout} and the background load of {@code churn}. Each message
 * carries its sequence number and its intended send time (epoch µs), so a subscriber can take the
 * latency and the {@link io.qrpush.loadtest.ledger.Ledger} can account for every publish.
 */
public final class PubSubLoad {
    /** One channel as this process sees it. */
    public record ChannelPlan(int index, int totalChannels, int subscribers, boolean publisher) {
    }

    /**
     * How late this process sent each publish (in {@code login}, started each flow) against its
     * schedule. It is part of every latency taken from the intended time, so a large one says the
     * load tester, not the server, was short of CPU.
     */
    public static final String SEND_LAG = "send_lag";

    private final List<ChannelPlan> plans;
    private final double ratePerChannel;
    private final String padding;
    private final String prefix;
    private final IntFunction<Endpoint> publisherTarget;
    private final List<WsConnection> subscribers = new ArrayList<>();
    private final List<WsConnection> publishers = new ArrayList<>();
    private final List<Pacer> pacers = new ArrayList<>();

    public PubSubLoad(List<ChannelPlan> plans, double ratePerChannel, int payloadBytes) {
        this(plans, ratePerChannel, payloadBytes, "lt.", null);
    }

    /**
     * {@code prefix} begins every channel's name (a namespace, e.g. {@code jitter:}, puts the
     * channels under its settings); {@code publisherTarget} picks the node the i-th publisher
     * connects to (null: the run's {@code --url}).
     */
    public PubSubLoad(List<ChannelPlan> plans, double ratePerChannel, int payloadBytes, String prefix,
                      IntFunction<Endpoint> publisherTarget) {
        this.plans = List.copyOf(plans);
        this.ratePerChannel = ratePerChannel;
        this.padding = "x".repeat(Math.max(0, payloadBytes));
        this.prefix = prefix;
        this.publisherTarget = publisherTarget;
    }

    /** The channel of plan index {@code i} in run {@code runId}. */
    public static String channelName(String runId, int index) {
        return channelName("lt.", runId, index);
    }

    /** The channel of plan index {@code i} in run {@code runId}, under {@code prefix}. */
    public static String channelName(String prefix, String runId, int index) {
        return prefix + runId + "." + index;
    }

    public int sockets() {
        return plans.stream().mapToInt(p -> p.subscribers() + (p.publisher() ? 1 : 0)).sum();
    }

    public List<ChannelPlan> plans() {
        return plans;
    }

    /** Subscribes every subscriber, then authorizes every publisher with an otp for this run's channels. */
    public void setup(Run run) throws InterruptedException {
        RunSettings s = run.settings();
        List<ChannelPlan> bySubscriber = new ArrayList<>();
        for (ChannelPlan p : plans) {
            for (int i = 0; i < p.subscribers(); i++) {
                bySubscriber.add(p);
            }
        }
        LatencyRecorder delivery = run.metrics().latency("delivery");
        subscribers.addAll(Opener.openAll(run, bySubscriber.size(), (i, c) -> {
            ChannelPlan p = bySubscriber.get(i);
            String channel = channelName(prefix, s.runId(), p.index());
            ChannelLedger ledger = run.ledger().channel(channel);
            c.listener(new Subscriber(channel, ledger, delivery, run.metrics()));
            return Requests.authorize(c, s.appkey(), null)
                    .thenCompose(r -> Requests.subscribe(c, channel, null))
                    .thenRun(ledger::addSubscriber);
        }));
        List<ChannelPlan> publishing = plans.stream().filter(ChannelPlan::publisher).toList();
        String glob = prefix + s.runId() + ".*";
        IntFunction<Endpoint> target = publisherTarget != null ? publisherTarget : i -> run.loop().endpoint();
        publishers.addAll(Opener.openAll(run, publishing.size(), target, (i, c) -> {
            String user = "lt-" + s.runId() + "-pub-" + publishing.get(i).index();
            String otp = Otps.mint(s.secret(), user, Duration.ofSeconds(600), null, null, List.of(glob), Instant.now());
            return Requests.authorize(c, s.appkey(), otp);
        }));
        for (int i = 0; i < publishing.size(); i++) {
            if (publishers.get(i) == null) {
                run.metrics().error("setup:publisher_missing");
            }
        }
    }

    /** Starts every publisher's schedule, spread evenly over one period so channels do not fire together. */
    public void startLoad(Run run) {
        List<ChannelPlan> publishing = plans.stream().filter(ChannelPlan::publisher).toList();
        double periodNanos = 1e9 / ratePerChannel;
        LatencyRecorder replyLatency = run.metrics().latency("publish_reply");
        LatencyRecorder sendLag = run.metrics().latency(SEND_LAG);
        for (int i = 0; i < publishing.size(); i++) {
            WsConnection c = publishers.get(i);
            ChannelPlan p = publishing.get(i);
            if (c == null) {
                continue;
            }
            String channel = channelName(prefix, run.settings().runId(), p.index());
            ChannelLedger ledger = run.ledger().channel(channel);
            long first = run.loadStartNanos() + (long) (periodNanos * p.index() / p.totalChannels());
            pacers.add(Pacer.start(c.channel().eventLoop(), first, ratePerChannel, run.rampEndNanos(), run.loadEndNanos(),
                    (k, due) -> publish(run, c, channel, ledger, replyLatency, sendLag, k, due)));
        }
    }

    private void publish(Run run, WsConnection c, String channel, ChannelLedger ledger, LatencyRecorder replyLatency,
                         LatencyRecorder sendLag, int seq, long dueNanos) {
        long intended = MicroClock.toEpochMicros(dueNanos);
        int warm = run.warmupFlag(dueNanos);
        sendLag.record(MicroClock.now() - intended, warm);
        // Subscribers leave warm-up messages ("w":1) out of the latency figures, so that every
        // latency (delivery, last_delivery, publish_reply) covers exactly the same messages.
        ObjectNode content = ProbeMessage.content(seq, intended, warm, padding);
        String guid = run.settings().runId() + "-" + channel.hashCode() + "-" + seq;
        ledger.sent(seq, warm);
        run.metrics().count("sent");
        CompletableFuture<io.qrpush.protocol.ServerFrame.Reply> reply = c.request(id -> new ClientFrame.Publish(
                id, channel, RawJson.of(content), guid, 0, false));
        reply.whenComplete((r, err) -> {
            if (err != null) {
                // Closed by us: the run ended before the reply came (no_reply); otherwise the server cut us off.
                boolean ours = err instanceof io.qrpush.loadtest.net.ConnectionClosedException c2 && c2.byUs();
                ledger.refused(seq, ours ? "no_reply" : "closed");
                if (!ours) {
                    run.metrics().error("error:closed_before_reply");
                }
            } else if (r.isOk()) {
                ledger.acked(seq);
                replyLatency.record(MicroClock.now() - intended, warm);
            } else {
                ledger.refused(seq, r.error());
                run.metrics().error("error:" + r.error());
            }
        });
    }

    /**
     * Nothing to do: each schedule ends by itself at the end of the measured time, after firing
     * the events that were due before it, however late (see {@link #finished()}).
     */
    public void stopLoad() {
    }

    /** Publishes scheduled but never sent, if any, as a report note. */
    public List<String> notes() {
        return Scenario.unfinished("publishes", pacers);
    }

    /** Every publisher's schedule has fired all its events. */
    public boolean finished() {
        return pacers.stream().allMatch(Pacer::finished);
    }

    public void teardown() {
        pacers.forEach(Pacer::stop);
        List<WsConnection> all = new ArrayList<>(publishers);
        all.addAll(subscribers);
        Opener.closeAll(all);
    }

    /** A subscriber expected to get every message of its channel; keeps its own record of seqs seen. */
    private static final class Subscriber implements WsConnection.Listener {
        private final String channel;
        private final ChannelLedger ledger;
        private final LatencyRecorder delivery;
        private final io.qrpush.loadtest.metrics.RunMetrics metrics;
        private final java.util.BitSet seen = new java.util.BitSet();
        private final java.util.concurrent.atomic.LongAdder received;

        Subscriber(String channel, ChannelLedger ledger, LatencyRecorder delivery,
                   io.qrpush.loadtest.metrics.RunMetrics metrics) {
            this.channel = channel;
            this.ledger = ledger;
            this.delivery = delivery;
            this.metrics = metrics;
            this.received = metrics.counter("received");
        }

        @Override
        public boolean onText(WsConnection c, byte[] utf8, long receivedMicros) {
            ProbeMessage m = ProbeMessage.read(utf8);
            if (m == null || !channel.equals(m.channel())) {
                return false;
            }
            received.increment();
            if (seen.get(m.seq())) {
                ledger.duplicate();
                return true;
            }
            seen.set(m.seq());
            long latency = receivedMicros - m.sentMicros();
            ledger.received(m.seq(), latency);
            delivery.record(latency, m.warm());
            return true;
        }

        /** Whatever is not one of this channel's probes: counted, so that a stray message is seen. */
        @Override
        public void onMessage(WsConnection c, io.qrpush.protocol.ServerFrame.Message m, long receivedMicros) {
            metrics.count("received_other");
        }
    }
}
