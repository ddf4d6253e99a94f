package io.qrpush.loadtest.scenario;

import io.qrpush.loadtest.metrics.RunMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code pubsub}: C channels, each with S subscribers and one publisher at R messages a second;
 * and {@code fanout}: one channel, S subscribers, one publish every T ms, where what matters is
 * when the last subscriber has each message. Spread over processes, pubsub splits the channels
 * and fanout splits the subscribers (the first process also publishes).
 */
public final class PubSubScenario implements Scenario {
    private final String name;
    private final int channels;
    private final int subscribers;
    private final double rate;
    private final int payloadBytes;
    private PubSubLoad load;

    private PubSubScenario(String name, int channels, int subscribers, double rate, int payloadBytes) {
        if (channels < 1 || subscribers < 1 || !(rate > 0)) {
            throw new IllegalArgumentException("channels, subscribers and rate must be positive");
        }
        this.name = name;
        this.channels = channels;
        this.subscribers = subscribers;
        this.rate = rate;
        this.payloadBytes = payloadBytes;
    }

    public static PubSubScenario pubsub(int channels, int subscribers, double ratePerChannel, int payloadBytes) {
        return new PubSubScenario("pubsub", channels, subscribers, ratePerChannel, payloadBytes);
    }

    public static PubSubScenario fanout(int subscribers, long everyMillis, int payloadBytes) {
        return new PubSubScenario("fanout", 1, subscribers, 1000.0 / everyMillis, payloadBytes);
    }

    @Override
    public String name() {
        return name;
    }

    public boolean isFanout() {
        return "fanout".equals(name);
    }

    @Override
    public RunMetrics newMetrics() {
        return isFanout() ? new RunMetrics("delivery", "last_delivery", "publish_reply", PubSubLoad.SEND_LAG, "connect")
                : new RunMetrics("delivery", "publish_reply", PubSubLoad.SEND_LAG, "connect");
    }

    /** This process's channels: pubsub splits channels, fanout splits one channel's subscribers. */
    List<PubSubLoad.ChannelPlan> plans(Slice slice) {
        List<PubSubLoad.ChannelPlan> plans = new ArrayList<>();
        if (isFanout()) {
            plans.add(new PubSubLoad.ChannelPlan(0, 1, slice.share(subscribers), slice.first()));
        } else {
            for (int i = slice.from(channels); i < slice.to(channels); i++) {
                plans.add(new PubSubLoad.ChannelPlan(i, channels, subscribers, true));
            }
        }
        return plans;
    }

    @Override
    public long socketsNeeded(Slice slice) {
        return new PubSubLoad(plans(slice), rate, 0).sockets();
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("channels", channels);
        m.put("subscribersPerChannel", subscribers);
        m.put("messagesPerSecondPerChannel", rate);
        m.put("payloadBytes", payloadBytes);
        return m;
    }

    @Override
    public void setup(Run run) throws Exception {
        load = new PubSubLoad(plans(run.slice()), rate, payloadBytes);
        load.setup(run);
    }

    @Override
    public void startLoad(Run run) {
        load.startLoad(run);
    }

    @Override
    public void stopLoad() {
        load.stopLoad();
    }

    @Override
    public List<String> notes() {
        return load == null ? List.of() : load.notes();
    }

    @Override
    public boolean settled(Run run) {
        return load.finished() && run.ledger().settled();
    }

    @Override
    public void teardown(Run run) {
        load.teardown();
    }
}
