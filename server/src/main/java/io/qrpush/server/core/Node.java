package io.qrpush.server.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.protocol.CloseCodes;
import io.qrpush.protocol.FrameCodec;
import io.qrpush.protocol.RandomIds;
import io.qrpush.protocol.RawJson;
import io.qrpush.protocol.ServerFrame;
import io.qrpush.server.config.Limits;
import io.qrpush.server.metrics.ServerMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One server node: routes publishes through the {@link Broker}, keeps this node's subscriptions
 * in the {@link Hub} and its sessions by sid, and answers the broker for what arrives here.
 * The {@link ChannelFeature features} it is built with see the channels they claim; the node
 * names none of them. Knows nothing of Netty or HTTP.
 */
public final class Node implements BrokerHandler, FeatureHost, AutoCloseable {
    private final String nodeId;
    private final Limits limits;
    private final Apps apps;
    private final Hub hub = new Hub();
    private final Broker broker;
    private final OnceStore guids;
    private final OnceStore otpJtis;
    private final OnceStore firstAcks;
    private final ExpiringMap<ReceiptTarget> receiptTargets;
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final Streams streams;
    private final FrameCodec codec;
    private final ServerMetrics metrics;
    private final Clock clock;
    private final ChannelFeature[] features;
    private final ScheduledExecutorService sweeper;

    /** A node on the memory broker and stores (tests). */
    public static Node inMemory(Limits limits, Apps apps, ServerMetrics metrics, Clock clock,
                                ChannelFeature... features) {
        return new Node(NodeBacking.inMemory(clock, limits.dedupeWindow()), limits, apps, new FrameCodec(), metrics,
                clock, List.of(features));
    }

    /** @param features in the order they see a channel's events; each is {@linkplain ChannelFeature#start started} here */
    public Node(NodeBacking backing, Limits limits, Apps apps, FrameCodec codec, ServerMetrics metrics, Clock clock,
                List<ChannelFeature> features) {
        this.nodeId = backing.nodeId();
        this.limits = limits;
        this.apps = apps;
        this.broker = backing.broker();
        this.guids = backing.guids();
        this.otpJtis = backing.otpJtis();
        this.firstAcks = backing.firstAcks();
        this.receiptTargets = new ExpiringMap<>(clock::millis);
        this.streams = new Streams(nodeId);
        this.codec = codec;
        this.metrics = metrics;
        this.clock = clock;
        this.features = features.toArray(new ChannelFeature[0]);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "qrpush-sweeper");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(() -> {
            receiptTargets.sweep();
            guids.expire();
            otpJtis.expire();
            firstAcks.expire();
        }, 1, 1, TimeUnit.SECONDS);
        metrics.gauge("qrpush_channels", "Channels with subscribers on this node", hub::channels);
        metrics.gauge("qrpush_subscriptions", "Subscriptions on this node", hub::subscriptions);
        metrics.gauge("qrpush_streams", "HTTP streams open on this node", streams::size);
        metrics.gauge("qrpush_broker_up", "1 while the broker is reachable, 0 while /healthz answers 503 for it",
                () -> broker.isHealthy() ? 1 : 0);
        broker.start(this);
        for (ChannelFeature f : this.features) {
            f.start(this);
        }
    }

    // What this node's sessions share; package-private: other packages get their own from the wiring.
    Limits limits() {
        return limits;
    }

    Apps apps() {
        return apps;
    }

    ServerMetrics metrics() {
        return metrics;
    }

    FrameCodec codec() {
        return codec;
    }

    Clock clock() {
        return clock;
    }

    String nodeId() {
        return nodeId;
    }

    ChannelFeature[] features() {
        return features;
    }

    /**
     * Publishes unless the guid was seen on this channel within the dedupe window. A missing guid
     * gets a fresh one, which cannot repeat, so it skips the dedupe store.
     */
    public CompletableFuture<PublishResult> publish(ChannelKey channel, RawJson content, String guid, String from,
                                                    ReceiptTarget receiptTo) {
        if (guid == null) {
            return send(channel, content, RandomIds.random128(), from, receiptTo);
        }
        String dedupeKey = messageKey(channel, guid);
        return guids.firstUse(dedupeKey, limits.dedupeWindow()).thenCompose(first -> first
                ? send(channel, content, guid, from, receiptTo).whenComplete((r, err) -> {
                    if (err != null) {
                        guids.forget(dedupeKey); // the client's retry of this failure must not be a "duplicate"
                    }
                })
                : CompletableFuture.completedFuture(new PublishResult(guid, 0, true, 0)));
    }

    @Override
    public CompletableFuture<PublishResult> publish(ChannelKey channel, JsonNode content) {
        return publish(channel, RawJson.of(content), null, null, null);
    }

    private CompletableFuture<PublishResult> send(ChannelKey channel, RawJson content, String guid, String from,
                                                  ReceiptTarget receiptTo) {
        Publication p = new Publication(channel, guid, from, clock.millis(), content, receiptTo);
        return toBroker(p, 0);
    }

    /**
     * Lets each feature from {@code next} on that claims the channel hold or decorate the
     * publication, or carry it to every node itself; what none carries goes to the broker.
     */
    private CompletableFuture<PublishResult> toBroker(Publication p, int next) {
        String channel = p.channel().channel();
        for (int i = next; i < features.length; i++) {
            if (features[i].claims(channel)) {
                CompletableFuture<Publication> held = features[i].publishes(p);
                if (held != null) {
                    int after = i + 1;
                    return held.thenCompose(decorated -> toBroker(decorated, after));
                }
                CompletableFuture<PublishResult> carried = features[i].carries(p);
                if (carried != null) {
                    return carried;
                }
            }
        }
        return broker.publish(p).thenApply(delivered -> new PublishResult(p.guid(), delivered, false, p.offset()));
    }

    /**
     * Records an otp's jti; true the first time within its lifetime. Public for the login doors
     * over HTTPS, which spend an otp as {@code authorize} does, in the same replay cache.
     */
    public CompletableFuture<Boolean> firstUseOfOtp(String appkey, String jti, Duration lifetime) {
        return otpJtis.firstUse(appkey + '\u0000' + jti, lifetime);
    }

    /** Adds a subscription; the broker is told when it is the node's first on the channel. */
    CompletableFuture<Void> subscribe(ChannelKey channel, Subscriber s) {
        if (!hub.add(channel, s)) {
            return CompletableFuture.completedFuture(null);
        }
        return broker.subscribe(channel).whenComplete((ok, err) -> {
            if (err != null) {
                unsubscribe(channel, s);
            }
        });
    }

    void unsubscribe(ChannelKey channel, Subscriber s) {
        if (hub.remove(channel, s)) {
            broker.unsubscribe(channel);
        }
    }

    /**
     * A subscriber acked a message. If the message asked for a receipt and this is the first ack
     * on this node, the shared first-ack store decides whether it is the first in the cluster;
     * only that one is routed back to the publisher.
     */
    void ack(ChannelKey channel, String guid, String byUserId) {
        String key = messageKey(channel, guid);
        ReceiptTarget target = receiptTargets.remove(key);
        if (target == null) {
            return;
        }
        firstAcks.firstUse(key, limits.dedupeWindow()).thenAccept(first -> {
            if (first) {
                broker.sendReceipt(target, new ServerFrame.Receipt(channel.channel(), guid, byUserId));
            }
        });
    }

    /** One message of one channel: the key of its dedupe entry, its receipt target and its first ack. */
    private static String messageKey(ChannelKey channel, String guid) {
        return channel.appkey() + '\u0000' + channel.channel() + '\u0000' + guid;
    }

    void register(Session s) {
        sessions.put(s.sid(), s);
    }

    void unregister(Session s) {
        sessions.remove(s.sid(), s);
    }

    /** The session runs over an HTTP stream whose posted frames go to {@code uplink}; before {@link Session#start}. */
    public void openStream(Session s, StreamUplink uplink) {
        s.attachStream(streams.open(s, uplink));
    }

    void closeStream(String secret) {
        streams.close(secret);
    }

    /**
     * Frames posted for a stream: handed to it here, or through the broker to the node holding it.
     * Completes with false for an unknown, ended or another app's stream.
     */
    public CompletableFuture<Boolean> uplink(Uplink u) {
        String owner = u.nodeId();
        return owner == null || owner.equals(nodeId)
                ? CompletableFuture.completedFuture(streams.deliver(u))
                : broker.forwardUplink(owner, u);
    }

    @Override
    public boolean deliverUplink(Uplink u) {
        return streams.deliver(u);
    }

    /** The sessions of this node now, for a drain that disconnects them a few at a time. */
    public List<Session> sessions() {
        return List.copyOf(sessions.values());
    }

    /** Whether a session is still open on this node. */
    public boolean hasSessions() {
        return !sessions.isEmpty();
    }

    @Override
    public int deliver(Publication p) {
        Subscriber[] subs = hub.subscribers(p.channel());
        if (subs.length == 0) {
            return 0;
        }
        if (p.event() != null) {
            return tell(p, subs);
        }
        byte[] frame = codec.encode(new ServerFrame.Message(p.channel().channel(), p.guid(), p.from(), p.ts(),
                p.content(), p.offset()));
        if (p.receiptTo() != null) {
            receiptTargets.putIfAbsent(messageKey(p.channel(), p.guid()), p.receiptTo(),
                    limits.dedupeWindow().toMillis());
        }
        Fanout.deliver(subs, frame, p);
        metrics.framesOut("message", subs.length);
        metrics.delivered(p.ts(), clock.millis());
        return subs.length;
    }

    /** A channel event's own frame to this node's subscribers. */
    private int tell(Publication p, Subscriber[] subs) {
        ServerFrame.ChannelEvent event = new ServerFrame.ChannelEvent(p.event(), p.channel().channel(),
                (ObjectNode) p.content().tree());
        Fanout.deliver(subs, codec.encode(event), p);
        metrics.framesOut(event.op(), subs.length);
        return subs.length;
    }

    @Override
    public CompletableFuture<Integer> tell(ChannelKey channel, String event, ObjectNode fields) {
        return broker.publish(Publication.event(channel, event, fields, clock.millis()));
    }

    @Override
    public void receipt(String sid, ServerFrame.Receipt receipt) {
        Session s = sessions.get(sid);
        if (s != null) {
            s.executor().execute(() -> s.send(receipt));
        }
    }

    @Override
    public int disconnectUser(String appkey, String userId) {
        int n = 0;
        for (Session s : sessions.values()) {
            if (s.belongsTo(appkey, userId)) {
                s.kick(CloseCodes.KICKED, "disconnected by the server API", false);
                n++;
            }
        }
        return n;
    }

    @Override
    public CompletableFuture<Void> listen(ChannelKey channel, Subscriber listener) {
        return subscribe(channel, listener);
    }

    @Override
    public void unlisten(ChannelKey channel, Subscriber listener) {
        unsubscribe(channel, listener);
    }

    @Override
    public int localSubscribers(ChannelKey channel) {
        return hub.count(channel);
    }

    @Override
    public CompletableFuture<Long> subscriberCount(ChannelKey channel) {
        return broker.subscriberCount(channel);
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        broker.close();
    }
}
