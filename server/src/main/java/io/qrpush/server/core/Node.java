package io.qrpush.server.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.protocol.FrameCodec;
import io.qrpush.protocol.RandomIds;
import io.qrpush.protocol.ServerFrame;
import io.qrpush.protocol.token.Otps;
import io.qrpush.server.config.QrpushConfig;
import io.qrpush.server.metrics.ServerMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One server node: routes publishes through the {@link Broker}, keeps this node's subscriptions
 * in the {@link Hub} and its sessions by sid, and answers the broker for what arrives here.
 * Knows nothing of Netty or HTTP.
 */
public final class Node implements BrokerHandler, AutoCloseable {
    private final String nodeId;
    private final QrpushConfig config;
    private final Apps apps;
    private final Hub hub = new Hub();
    private final Broker broker;
    private final OnceStore guids;
    private final OnceStore otpJtis;
    private final OnceStore firstAcks;
    private final ExpiringMap<ReceiptTarget> receiptTargets;
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final FrameCodec codec = new FrameCodec();
    private final ServerMetrics metrics;
    private final Clock clock;
    private final ScheduledExecutorService sweeper;
    private final Overload overload;
    private volatile LoginChannels login = LoginChannels.NONE;

    /** A node on the memory broker and stores: one process, nothing shared. */
    public static Node inMemory(QrpushConfig config, ServerMetrics metrics, Clock clock) {
        Duration window = config.limits().dedupeWindow();
        MemoryOnceStore guids = MemoryOnceStore.forTtl(clock::millis, window);
        MemoryOnceStore jtis = MemoryOnceStore.forTtl(clock::millis, Otps.MAX_LIFETIME);
        MemoryOnceStore acks = MemoryOnceStore.forTtl(clock::millis, window);
        Node node = new Node(newNodeId(), config, new MemoryBroker(), guids, jtis, acks, metrics, clock);
        node.sweeper.scheduleWithFixedDelay(() -> {
            guids.expire();
            jtis.expire();
            acks.expire();
        }, 1, 1, TimeUnit.SECONDS);
        return node;
    }

    /** A fresh random node id: node channels and receipt routing use it. */
    public static String newNodeId() {
        return RandomIds.randomBits(64);
    }

    /**
     * @param guids     the publish dedupe window, shared by all nodes of a cluster
     * @param otpJtis   the otp replay cache, shared by all nodes
     * @param firstAcks decides which ack of a message is the first, across all nodes
     */
    public Node(String nodeId, QrpushConfig config, Broker broker, OnceStore guids, OnceStore otpJtis,
                OnceStore firstAcks, ServerMetrics metrics, Clock clock) {
        this.nodeId = nodeId;
        this.config = config;
        this.apps = new Apps(config.apps());
        this.broker = broker;
        this.guids = guids;
        this.otpJtis = otpJtis;
        this.firstAcks = firstAcks;
        this.receiptTargets = new ExpiringMap<>(clock::millis);
        this.metrics = metrics;
        this.clock = clock;
        this.overload = new Overload(config.login().maxLoopLag());
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "qrpush-sweeper");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(receiptTargets::sweep, 1, 1, TimeUnit.SECONDS);
        metrics.gauge("qrpush_channels", "Channels with subscribers on this node", hub::channels);
        metrics.gauge("qrpush_subscriptions", "Subscriptions on this node", hub::subscriptions);
        metrics.gauge("qrpush_event_loop_lag_seconds", "Sustained event-loop lag: the least lateness of a probe"
                + " task in the last window, on the worst loop", overload::lagSeconds);
        metrics.gauge("qrpush_login_admit_share", "Share of new login sessions this node admits: below 1 while"
                + " its event loops lag more than login.maxLoopLag", overload::admitShare);
        metrics.counter("qrpush_login_admission_refused", "New login sessions refused (503) because this node"
                + " was behind", overload, Overload::refused);
        broker.start(this);
    }

    public QrpushConfig config() {
        return config;
    }

    public Apps apps() {
        return apps;
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    public FrameCodec codec() {
        return codec;
    }

    public Clock clock() {
        return clock;
    }

    public Broker broker() {
        return broker;
    }

    public String nodeId() {
        return nodeId;
    }

    /** The periodic-work thread; tasks on it must be short and never block. */
    public ScheduledExecutorService scheduler() {
        return sweeper;
    }

    /** Whether this node is behind on its work, and so should refuse new work. */
    public Overload overload() {
        return overload;
    }

    public LoginChannels login() {
        return login;
    }

    /** Installs the scan-to-login service; before that every login channel is unknown. */
    public void useLogin(LoginChannels service) {
        this.login = service;
    }

    /**
     * Publishes unless the guid was seen on this channel within the dedupe window. A missing guid
     * gets a fresh one, which cannot repeat, so it skips the dedupe store.
     */
    public CompletableFuture<PublishResult> publish(ChannelKey channel, JsonNode content, String guid, String from,
                                                    ReceiptTarget receiptTo) {
        if (guid == null) {
            return send(channel, content, RandomIds.random128(), from, receiptTo);
        }
        String dedupeKey = messageKey(channel, guid);
        return guids.firstUse(dedupeKey, config.limits().dedupeWindow()).thenCompose(first -> first
                ? send(channel, content, guid, from, receiptTo).whenComplete((r, err) -> {
                    if (err != null) {
                        guids.forget(dedupeKey); // the client's retry of this failure must not be a "duplicate"
                    }
                })
                : CompletableFuture.completedFuture(new PublishResult(guid, 0, true)));
    }

    private CompletableFuture<PublishResult> send(ChannelKey channel, JsonNode content, String guid, String from,
                                                  ReceiptTarget receiptTo) {
        Publication p = new Publication(channel, guid, from, clock.millis(), content, receiptTo);
        return broker.publish(p).thenApply(delivered -> new PublishResult(guid, delivered, false));
    }

    /** Records an otp's jti; true the first time within its lifetime. */
    public CompletableFuture<Boolean> firstUseOfOtp(String appkey, String jti, Duration lifetime) {
        return otpJtis.firstUse(appkey + '\u0000' + jti, lifetime);
    }

    /** Adds a subscription; the broker is told when it is the node's first on the channel. */
    public CompletableFuture<Void> subscribe(ChannelKey channel, Subscriber s) {
        if (!hub.add(channel, s)) {
            return CompletableFuture.completedFuture(null);
        }
        return broker.subscribe(channel).whenComplete((ok, err) -> {
            if (err != null) {
                unsubscribe(channel, s);
            }
        });
    }

    public void unsubscribe(ChannelKey channel, Subscriber s) {
        if (hub.remove(channel, s)) {
            broker.unsubscribe(channel);
        }
    }

    /**
     * A subscriber acked a message. If the message asked for a receipt and this is the first ack
     * on this node, the shared first-ack store decides whether it is the first in the cluster;
     * only that one is routed back to the publisher.
     */
    public void ack(ChannelKey channel, String guid, String byUserId) {
        String key = messageKey(channel, guid);
        ReceiptTarget target = receiptTargets.remove(key);
        if (target == null) {
            return;
        }
        firstAcks.firstUse(key, config.limits().dedupeWindow()).thenAccept(first -> {
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

    /** Sessions on this node, for shutdown. */
    public Iterable<Session> sessions() {
        return sessions.values();
    }

    @Override
    public int deliver(Publication p) {
        Subscriber[] subs = hub.subscribers(p.channel());
        if (subs.length == 0) {
            return 0;
        }
        byte[] frame = codec.encode(new ServerFrame.Message(p.channel().channel(), p.guid(), p.from(), p.ts(),
                p.content()));
        if (p.receiptTo() != null) {
            receiptTargets.putIfAbsent(messageKey(p.channel(), p.guid()), p.receiptTo(),
                    config.limits().dedupeWindow().toMillis());
        }
        Fanout.deliver(subs, frame);
        metrics.framesOut("message", subs.length);
        metrics.delivered(p.ts(), clock.millis());
        return subs.length;
    }

    @Override
    public void receipt(String sid, ServerFrame.Receipt receipt) {
        Session s = sessions.get(sid);
        if (s != null) {
            s.send(receipt);
        }
    }

    @Override
    public int disconnectUser(String appkey, String userId) {
        int n = 0;
        for (Session s : sessions.values()) {
            if (s.belongsTo(appkey, userId)) {
                s.kick(io.qrpush.protocol.CloseCodes.KICKED, "disconnected by the server API", false);
                n++;
            }
        }
        return n;
    }

    @Override
    public int localSubscribers(ChannelKey channel) {
        return hub.count(channel);
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        broker.close();
    }
}
