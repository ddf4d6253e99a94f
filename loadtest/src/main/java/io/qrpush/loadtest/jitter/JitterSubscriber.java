package io.qrpush.loadtest.jitter;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.util.concurrent.ScheduledFuture;
import io.qrpush.loadtest.ledger.ChannelLedger;
import io.qrpush.loadtest.metrics.MicroClock;
import io.qrpush.loadtest.net.Endpoint;
import io.qrpush.loadtest.net.WsConnection;
import io.qrpush.loadtest.scenario.Opener;
import io.qrpush.loadtest.scenario.ProbeMessage;
import io.qrpush.loadtest.scenario.Requests;
import io.qrpush.loadtest.scenario.Run;
import io.qrpush.protocol.ClientFrame;
import io.qrpush.protocol.CloseCodes;
import io.qrpush.protocol.ReconnectDelay;
import io.qrpush.protocol.ServerFrame;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One subscriber of a {@code jitter} run, across all its connections: it subscribes to its
 * history channel, has its socket cut with a TCP reset on the {@link CutSchedule}, reconnects to
 * the next node in a balancer's rotation ({@link NodeHealth}), authorizes again and resubscribes with {@code recover} from the last offset and
 * epoch it saw. Every message, live or replayed, goes to its {@link OffsetBook} (by offset) and to
 * the run's {@link ChannelLedger} (by the publisher's seq, once per subscriber).
 *
 * <p>Its connections live on different event loops one after the other, so its state is guarded
 * by its own lock (never contended for long: one subscriber, one connection at a time).
 */
final class JitterSubscriber implements WsConnection.Listener {
    private final Run run;
    private final String channel;
    private final ChannelLedger ledger;
    private final JitterMeters meters;
    private final CutSchedule schedule;
    private final SubscriberWatch watch;
    private final int index;
    private final List<Endpoint> nodes;
    private final NodeHealth health;
    private final SplittableRandom random;
    private final OffsetBook book = new OffsetBook();
    private final BitSet seqs = new BitSet();
    private int node;
    private WsConnection connection;
    private ScheduledFuture<?> nextCut;
    private long cutsEndNanos = Long.MIN_VALUE;
    private int failures;
    private boolean stopped;

    /** @param index this subscriber's number in the run, as the {@code watch} hears it */
    JitterSubscriber(Run run, String channel, JitterMeters meters, CutSchedule schedule, SubscriberWatch watch,
                     List<Endpoint> nodes, NodeHealth health, int index, int firstNode, long seed) {
        this.run = run;
        this.channel = channel;
        this.ledger = run.ledger().channel(channel);
        this.meters = meters;
        this.schedule = schedule;
        this.watch = watch;
        this.index = index;
        this.nodes = List.copyOf(nodes);
        this.health = health;
        this.node = firstNode % nodes.size();
        this.random = new SplittableRandom(seed);
    }

    String channel() {
        return channel;
    }

    /** The node of the first connection. */
    synchronized Endpoint firstNode() {
        return nodes.get(node);
    }

    /** Authorizes and subscribes on {@code c}, recovering when this subscriber was subscribed before. */
    CompletableFuture<Void> join(WsConnection c) {
        OffsetBook.Position from;
        synchronized (this) {
            from = book.position();
        }
        if (from != null) {
            meters.recoveryAsked.increment();
        }
        c.listener(this);
        return Requests.authorize(c, run.settings().appkey(), null)
                .thenCompose(r -> Requests.ok(c.request(id -> new ClientFrame.Subscribe(id, channel, null,
                        from == null ? null : new ClientFrame.Recover(from.offset(), from.epoch())))))
                .thenAccept(r -> subscribed(c, r, from != null));
    }

    /** Runs on {@code c}'s event loop, before any later frame of it is read: live messages follow the reply. */
    private synchronized void subscribed(WsConnection c, ServerFrame.Reply r, boolean recovering) {
        JsonNode epoch = r.body().get("epoch");
        JsonNode offset = r.body().get("offset");
        if (epoch == null || !epoch.isTextual() || offset == null || !offset.canConvertToLong()) {
            // The channel's namespace keeps no history on this server: nothing to recover with.
            throw new Requests.Refused(r.code(), "no_history");
        }
        if (!recovering) {
            book.subscribed(offset.asLong(), epoch.asText());
            ledger.addSubscriber();
        } else {
            boolean recovered = r.body().path("recovered").asBoolean(false);
            book.recovered(recovered, offset.asLong(), epoch.asText());
            (recovered ? meters.recovered : meters.recoveryRefused).increment();
            long now = MicroClock.now();
            for (JsonNode p : r.body().path("publications")) {
                JsonNode content = p.path("content");
                deliver(p.path("offset").asLong(-1), content.path("seq").asInt(-1), content.path("t").asLong(),
                        ProbeMessage.warmFlag(content.path("w").asLong()), now, true);
            }
            meters.reconnected.increment();
            watch.resubscribed(index, System.nanoTime());
        }
        if (stopped) {
            // The run ended while this reconnect was under way: nobody would close it later.
            c.close();
            return;
        }
        connection = c;
        failures = 0;
        if (cutsEndNanos != Long.MIN_VALUE) {
            scheduleCut(schedule.nextCut(random));
        }
    }

    /** From now until {@code endNanos} ({@link System#nanoTime()}), this subscriber's sockets are cut. */
    synchronized void startCutting(long endNanos) {
        cutsEndNanos = endNanos;
        scheduleCut(schedule.firstCut(random));
    }

    private void scheduleCut(long delayNanos) {
        if (connection == null || System.nanoTime() + delayNanos >= cutsEndNanos) {
            return;
        }
        WsConnection c = connection;
        nextCut = c.channel().eventLoop().schedule(() -> cut(c), delayNanos, TimeUnit.NANOSECONDS);
    }

    private synchronized void cut(WsConnection c) {
        if (stopped || c != connection) {
            return;
        }
        meters.cuts.increment();
        c.reset();
    }

    @Override
    public boolean onText(WsConnection c, byte[] utf8, long receivedMicros) {
        ProbeMessage m = ProbeMessage.read(utf8);
        if (m == null || !channel.equals(m.channel())) {
            return false;
        }
        synchronized (this) {
            deliver(m.offset(), m.seq(), m.sentMicros(), m.warm(), receivedMicros, false);
        }
        return true;
    }

    private void deliver(long offset, int seq, long sentMicros, int warm, long receivedMicros, boolean replayed) {
        if (offset < 0 || seq < 0) {
            meters.metrics.error("jitter:message_without_offset_or_seq");
            return;
        }
        book.message(offset, replayed);
        (replayed ? meters.replayed : meters.received).increment();
        if (seqs.get(seq)) {
            ledger.duplicate();
            return;
        }
        seqs.set(seq);
        long latency = receivedMicros - sentMicros;
        ledger.received(seq, latency);
        (replayed ? meters.replay : meters.delivery).record(latency, warm);
    }

    /** Whatever is not one of this channel's probes: counted, so that a stray message is seen. */
    @Override
    public void onMessage(WsConnection c, ServerFrame.Message m, long receivedMicros) {
        meters.metrics.count("received_other");
    }

    /** In an avalanche run, the drained node's 1001 is the event measured, not an error. */
    @Override
    public boolean closeExpected(int code) {
        return watch != SubscriberWatch.NONE && code == CloseCodes.SHUTTING_DOWN;
    }

    @Override
    public synchronized void onClosed(WsConnection c, int code, boolean byUs) {
        if (c != connection) {
            return;
        }
        connection = null;
        if (nextCut != null) {
            nextCut.cancel(false);
        }
        watch.closed(index, System.nanoTime());
        // A draining server's delay replaces the first pause, as in client-js and the SDK.
        ReconnectDelay delay = c.reconnectDelay();
        scheduleReconnect(delay == null ? schedule.reconnectPause(failures, random)
                : TimeUnit.MILLISECONDS.toNanos(delay.pickMillis(random.nextDouble())));
    }

    private void scheduleReconnect(long pauseNanos) {
        if (!stopped) {
            run.loop().group().schedule(this::reconnect, pauseNanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Reconnects through the balancer: to the next node in its rotation. With none in rotation the
     * balancer would refuse at once, so that counts as a failed attempt, with its backoff.
     */
    private void reconnect() {
        Endpoint target;
        synchronized (this) {
            if (stopped) {
                return;
            }
            int next = health.next(node);
            if (next < 0) {
                failed("connect:no_node_in_rotation");
                return;
            }
            node = next;
            target = nodes.get(node);
        }
        Opener.open(run, target, false, this::join).whenComplete((c, e) -> {
            if (e != null) {
                synchronized (this) {
                    failed(Requests.errorKey(e));
                }
            }
        });
    }

    private void failed(String errorKey) {
        if (!stopped) {
            run.metrics().error(errorKey);
            failures++;
            scheduleReconnect(schedule.reconnectPause(failures, random));
        }
    }

    /** Connected and subscribed (not between a cut and its recovery). */
    synchronized boolean subscribed() {
        return connection != null && connection.isOpen();
    }

    /** No more reconnects; the current connection, if any, for the caller to close. */
    synchronized WsConnection stop() {
        stopped = true;
        if (nextCut != null) {
            nextCut.cancel(false);
        }
        return connection;
    }

    /** Read after {@link #stop()}. */
    synchronized OffsetBook book() {
        return book;
    }
}
