package io.qrpush.server.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.protocol.ClientFrame;
import io.qrpush.protocol.FrameCodec;
import io.qrpush.protocol.ProtocolException;
import io.qrpush.server.config.NamespaceSettings;
import io.qrpush.server.config.Namespaces;
import io.qrpush.server.core.Caller;
import io.qrpush.server.core.ChannelKey;
import io.qrpush.server.core.NamespacedFeature;
import io.qrpush.server.core.Publication;
import io.qrpush.server.core.PublishResult;
import io.qrpush.server.core.Subscriber;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * History and recovery (docs/protocol.md section 6) for the channels of namespaces with
 * {@code historySize > 0}: it carries their publications through the {@link HistoryStore}, which
 * gives each its offset and delivers it in offset order; adds the position (or the recovery) to
 * subscribe replies; and answers {@code history}. Other channels never reach it.
 */
public final class HistoryFeature extends NamespacedFeature {
    /** A subscription whose stage waits for its reply. */
    private record Pending(String sid, String channel) {
    }

    private final HistoryStore store;
    private final ConcurrentHashMap<Pending, CatchUpStage> pending = new ConcurrentHashMap<>();
    /** Encodes what a stage reads back from the history; rare (a gap), so its own codec. */
    private final FrameCodec codec = new FrameCodec();
    /** Live gaps that no later message shows; null where there are none (memory) or checks are off. */
    private volatile GapCheck gaps;

    /**
     * @param stores makes the store, given where it hands publications for this node's subscribers
     *               (the memory store; the Redis one delivers through the broker's pub/sub)
     */
    public HistoryFeature(Namespaces namespaces, Function<HistoryDelivery, HistoryStore> stores) {
        super(namespaces, NamespaceSettings::hasHistory);
        this.store = stores.apply((entry, epoch) -> host.deliver(entry.publication().at(entry.offset(), epoch)));
    }

    /**
     * Starts checking, every {@code every} (jittered) and when the store's link is back, that this
     * node delivered every publication of its subscribers' channels up to the stream's top
     * ({@link GapCheck}). A store in this process loses nothing on the way, so there it is a
     * no-op; {@code every} zero turns the checks off. Called once, before the node serves.
     */
    public void startGapChecks(ScheduledExecutorService timer, Duration every) {
        if (store instanceof StreamTops tops && !every.isZero()) {
            GapCheck check = new GapCheck(tops, timer, every);
            gaps = check;
            check.start();
        }
    }

    /** Frees the history that expired, where the store keeps it in this process; the wiring runs it once a second. */
    public void expire() {
        if (store instanceof MemoryHistory memory) {
            memory.sweep();
        }
    }

    @Override
    public Subscriber receiver(Caller caller, ClientFrame.Subscribe request, Subscriber connection) {
        ChannelKey key = caller.key(request.channel());
        NamespaceSettings ns = settings(request.channel());
        GapFill fill = new StoreGapFill(store, key, ns, codec);
        GapCheck check = gaps;
        CatchUpStage stage = check == null ? new CatchUpStage(connection, fill, ns.historySize(), null)
                : check.watch(key, caller.sid(), watch -> new CatchUpStage(connection, fill, ns.historySize(), watch));
        pending.put(new Pending(caller.sid(), request.channel()), stage);
        return stage;
    }

    @Override
    public CompletableFuture<Void> subscribed(Caller caller, ClientFrame.Subscribe request, ObjectNode reply) {
        CatchUpStage stage = pending.remove(new Pending(caller.sid(), request.channel()));
        ChannelKey key = caller.key(request.channel());
        NamespaceSettings ns = settings(request.channel());
        CompletableFuture<Void> answered = new CompletableFuture<>();
        ClientFrame.Recover recover = request.recover();
        if (recover != null && stage != null) {
            StreamPosition client = new StreamPosition(recover.offset(), recover.epoch());
            store.recover(key, ns, client).whenComplete((r, err) -> {
                if (err == null) {
                    HistoryJson.position(reply, r.position()).put("recovered", r.recovered());
                    if (r.recovered()) {
                        HistoryJson.publications(reply, r.publications());
                    }
                }
                answer(answered, err, stage, err == null ? r.position() : null);
            });
        } else {
            // A repeated subscribe has no stage: its messages flow already, so it only learns the position.
            store.position(key, ns).whenComplete((at, err) -> {
                if (err == null) {
                    HistoryJson.position(reply, at);
                }
                answer(answered, err, stage, at);
            });
        }
        return answered;
    }

    /**
     * Completes the hook, then lets the stage's held messages follow the reply. Completing queues
     * the reply on the connection's thread, either at once or, when the session registers for the
     * answer after it is complete, in the session's task running now; a task queued from a task
     * queued now runs after both.
     */
    private static void answer(CompletableFuture<Void> answered, Throwable err, CatchUpStage stage,
                               StreamPosition replied) {
        if (err != null) {
            answered.completeExceptionally(err);
            return;
        }
        answered.complete(null);
        if (stage != null) {
            Executor thread = stage.executor();
            thread.execute(() -> thread.execute(() -> stage.caughtUp(replied)));
        }
    }

    @Override
    public CompletableFuture<PublishResult> carries(Publication p) {
        NamespaceSettings ns = settings(p.channel().channel());
        return store.append(p, ns).thenApply(at ->
                new PublishResult(p.guid(), host.localSubscribers(p.channel()), false, at.offset()));
    }

    @Override
    public CompletableFuture<ObjectNode> query(Caller caller, ClientFrame.ChannelQuery request) {
        if (!"history".equals(request.op())) {
            return null;
        }
        return read(caller.key(request.channel()), request.params());
    }

    /** The {@code history} op's answer; refused with 400 {@code bad_request} when the request is malformed. */
    CompletableFuture<ObjectNode> read(ChannelKey channel, JsonNode params) {
        try {
            return read(channel, HistoryRequests.fromOp(params));
        } catch (ProtocolException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A history read of a claimed channel, answered as the op answers (also the admin page's channel lookup). */
    public CompletableFuture<ObjectNode> read(ChannelKey channel, HistoryQuery query) {
        return store.read(channel, settings(channel.channel()), query).thenApply(HistoryJson::page);
    }

    @Override
    public void left(Caller caller, ChannelKey channel) {
        pending.remove(new Pending(caller.sid(), channel.channel()));
        GapCheck check = gaps;
        if (check != null) {
            check.unwatch(channel, caller.sid());
        }
    }

    /** Closes the store. */
    public void close() {
        GapCheck check = gaps;
        if (check != null) {
            check.close();
        }
        store.close();
    }
}
