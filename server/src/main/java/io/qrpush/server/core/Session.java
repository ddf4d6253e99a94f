package io.qrpush.server.core;

import io.qrpush.protocol.ClientFrame;
import io.qrpush.protocol.CloseCodes;
import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.FrameException;
import io.qrpush.protocol.ProtocolException;
import io.qrpush.protocol.ServerFrame;
import io.qrpush.protocol.ServerFrame.Reply;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection's protocol state, free of Netty. Runs on its transport's thread:
 * frames are handled one at a time in arrival order, and a request whose answer needs the broker
 * holds the next ones back, so replies always leave in request order (docs/protocol.md section 3).
 * It asks the {@link Authorizer} and {@link RequestHandler} for answers and applies them itself.
 * {@link #kick} may be called from any thread.
 */
public final class Session implements Subscriber {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    /** Frames that could not be read before the connection is closed with 4000. */
    static final int MAX_MALFORMED = 10;
    /**
     * The count of rate-limited requests that closes a connection with 4008. Each request within
     * the budget takes one off the count rather than clearing it, so a client that keeps pressing
     * is closed however its requests interleave with the budget's refills.
     */
    static final int MAX_RATE_LIMITED = 50;
    /** Requests waiting behind one the broker is still answering. */
    static final int MAX_PENDING = 1024;

    /** A frame that could not be read: refused in its turn, so its reply cannot overtake earlier ones. */
    private record Unreadable(Long id, ErrorWord word, String message) {
    }

    private final String sid;
    private final Transport transport;
    private final Node node;
    private final Authorizer authorizer;
    private final RequestHandler requests;
    private final TokenBucket budget;
    private SessionState state = SessionState.CONNECTED;
    /** Who the connection is, once authorized; read by uplinks from other threads. */
    private volatile Caller caller;
    /** The secret of the HTTP stream this session runs over, or null over WebSocket. */
    private String streamSecret;
    /** Whether a reply carried {@link #streamSecret} yet: the first one does, whatever it answers. */
    private boolean secretTold;
    private int malformed;
    private int rateLimited;
    private ArrayDeque<Object> pending;
    private Future<?> authorizeTimer;

    public Session(String sid, Transport transport, Node node) {
        this.sid = sid;
        this.transport = transport;
        this.node = node;
        this.authorizer = new Authorizer(node);
        this.requests = new RequestHandler(node, this);
        int rate = node.limits().maxRequestsPerSecond();
        this.budget = new TokenBucket(rate, rate * 2, System.nanoTime());
    }

    public String sid() {
        return sid;
    }

    boolean belongsTo(String appkey, String userId) {
        Caller c = caller;
        return c != null && c.app().appkey().equals(appkey) && c.identity().userId().equals(userId);
    }

    /**
     * This session runs over an HTTP stream: its first reply (to the authorize that opened it, or
     * to whatever else the client sent first) carries the secret its uplinks name.
     */
    void attachStream(String secret) {
        this.streamSecret = secret;
    }

    /**
     * Whether a poster that names {@code appkey} (or none) from {@code origin} (or none) may send
     * this stream frames: once authorized, only its own app's pages. Before that the stream is no
     * app's yet, and its client knows the secret only from a refused authorize's reply.
     */
    boolean acceptsUplink(String appkey, String origin) {
        Caller c = caller;
        return c == null || (appkey == null || c.app().appkey().equals(appkey)) && node.apps().allows(c.app(), origin);
    }

    /** The connection is open and upgraded: start the authorize clock. */
    public void start() {
        node.register(this);
        node.metrics().connectionOpened();
        authorizeTimer = transport.schedule(() -> {
            if (caller == null) {
                disconnect(CloseCodes.UNAUTHORIZED, "not authorized in time", true);
            }
        }, node.limits().authorizeTimeout());
    }

    /** A text frame arrived. */
    public void onText(byte[] utf8) {
        if (!state.open()) {
            return;
        }
        Object frame;
        try {
            ClientFrame read = node.codec().decodeClient(utf8);
            node.metrics().frameIn(read.op());
            frame = read;
        } catch (FrameException e) {
            node.metrics().frameIn("invalid");
            frame = new Unreadable(e.requestId(), e.word(), e.getMessage());
        }
        enqueue(frame);
    }

    /** A frame that is not text (binary) is not part of the protocol. */
    public void onBinary() {
        if (state.open()) {
            enqueue(new Unreadable(null, ErrorWord.BAD_REQUEST,
                    "binary frames are not part of the protocol; send JSON text"));
        }
    }

    private void enqueue(Object frame) {
        if (pending == null) {
            pending = new ArrayDeque<>(4);
        }
        if (pending.size() >= MAX_PENDING) {
            disconnect(CloseCodes.RATE_LIMITED, "too many requests waiting for replies", true);
            return;
        }
        pending.add(frame);
        pump();
    }

    private void pump() {
        while (state.ready() && !pending.isEmpty()) {
            Object next = pending.poll();
            if (next instanceof Unreadable u) {
                refuse(u.id(), u.word(), u.message());
            } else if (next instanceof ClientFrame.Request request) {
                if (withinBudget(request.id())) {
                    answer(request);
                }
            } else if (next instanceof ClientFrame.Ping) {
                if (withinBudget(null)) {
                    send(new ServerFrame.Pong());
                }
            } else if (next instanceof ClientFrame.Ack ack && caller != null) {
                // Acks follow the messages the server sent, so they are not budgeted.
                requests.ack(ack, caller);
            }
        }
    }

    private void answer(ClientFrame.Request request) {
        long id = request.id();
        if (request instanceof ClientFrame.Authorize a && caller == null) {
            settle(() -> authorizer.authorize(a, sid, transport.origin(), transport.remoteAddress()),
                    err -> Authorization.refused(failureReply(id, err)), this::apply);
        } else if (caller == null) {
            send(Reply.error(id, ErrorWord.UNAUTHORIZED, "authorize first"));
        } else {
            settle(() -> requests.handle(request, caller), err -> failureReply(id, err), this::send);
        }
    }

    /**
     * Applies an answer now when it is ready, else once it is (holding the next requests back); a
     * handler that throws or fails is answered by {@code onFailure}, never left unanswered.
     */
    private <T> void settle(Supplier<CompletableFuture<T>> start, Function<Throwable, T> onFailure, Consumer<T> apply) {
        CompletableFuture<T> answer;
        try {
            answer = start.get();
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer = answer.exceptionally(onFailure);
        if (answer.isDone()) {
            apply.accept(answer.join());
        } else {
            later(answer, apply);
        }
    }

    /** Holds the next requests back until the answer is ready, then applies it on this session's thread. */
    private <T> void later(CompletableFuture<T> answer, Consumer<T> apply) {
        state = state.waiting();
        answer.whenComplete((value, err) -> transport.executor().execute(() -> {
            state = state.answered();
            apply.accept(value);
            pump();
        }));
    }

    private void apply(Authorization a) {
        if (a.caller() != null && state.open()) {
            caller = a.caller();
            state = state.authorized();
            if (authorizeTimer != null) {
                authorizeTimer.cancel(false);
            }
        }
        send(a.reply());
        if (a.closeCode() != 0) {
            disconnect(a.closeCode(), a.closeReason(), false);
        }
    }

    private void refuse(Long id, ErrorWord word, String message) {
        send(Reply.error(id, word, message));
        if (id == null && ++malformed >= MAX_MALFORMED) {
            disconnect(CloseCodes.PROTOCOL_ERROR, "too many malformed frames", false);
        }
    }

    /**
     * Takes one request from the budget. Over it, a request is answered 429 (a ping just goes
     * unanswered), and a client that keeps going is closed with 4008.
     */
    private boolean withinBudget(Long requestId) {
        if (budget.tryTake(System.nanoTime())) {
            rateLimited = Math.max(0, rateLimited - 1);
            return true;
        }
        if (requestId != null) {
            send(Reply.error(requestId, ErrorWord.RATE_LIMITED, "slow down: too many requests"));
        }
        if (++rateLimited >= MAX_RATE_LIMITED) {
            disconnect(CloseCodes.RATE_LIMITED, "rate limited repeatedly", true);
        }
        return false;
    }

    private static Reply failureReply(long id, Throwable err) {
        ProtocolException answer = Failures.answerFor(err);
        if (answer != null) {
            return Reply.error(id, answer.word(), answer.getMessage());
        }
        LOG.error("request {} failed", id, Failures.causeOf(err));
        return Reply.error(id, ErrorWord.INTERNAL, "internal error; retry shortly");
    }

    /** Encodes and queues a frame for this connection; on this session's thread. */
    void send(ServerFrame frame) {
        if (state == SessionState.CLOSED) {
            return;
        }
        if (frame instanceof Reply r) {
            if (r.error() != null) {
                node.metrics().error(r.error());
            }
            if (streamSecret != null && !secretTold) {
                r.body().put("session", streamSecret);
                secretTold = true;
            }
        }
        node.metrics().frameOut(frame.op());
        if (!transport.send(node.codec().encode(frame))) {
            slowConsumer();
        }
    }

    @Override
    public Executor executor() {
        return transport.executor();
    }

    @Override
    public void deliver(byte[] frame) {
        if (state.open() && !transport.sendOnLoop(frame)) {
            slowConsumer();
        }
    }

    /** Sends {@code disconnect} then closes; on this session's thread. */
    void disconnect(int code, String reason, boolean reconnect) {
        if (!state.open()) {
            return;
        }
        state = SessionState.CLOSING;
        send(new ServerFrame.Disconnect(code, reason, reconnect));
        node.metrics().closed(code);
        transport.close(code, reason);
    }

    /** Disconnects from any thread (server API kicks, shutdown). */
    public void kick(int code, String reason, boolean reconnect) {
        transport.executor().execute(() -> disconnect(code, reason, reconnect));
    }

    @Override
    public void missedMessages() {
        disconnect(CloseCodes.MISSED_MESSAGES, "missed messages the channel's history no longer holds", true);
    }

    /** The peer sent a frame or message over {@code maxFrameBytes}; on this session's thread, closes at once. */
    public void onFrameTooBig() {
        disconnect(CloseCodes.FRAME_TOO_BIG, "frame over maxFrameBytes", false);
    }

    /** The outbound queue overflowed: this client cannot keep up, so it gets one last frame and the close. */
    private void slowConsumer() {
        if (!state.open()) {
            return;
        }
        state = SessionState.CLOSING;
        node.metrics().closed(CloseCodes.SLOW_CONSUMER);
        String reason = "slow consumer: outbound buffer full";
        transport.closeNow(node.codec().encode(new ServerFrame.Disconnect(CloseCodes.SLOW_CONSUMER, reason, true)),
                CloseCodes.SLOW_CONSUMER, reason);
    }

    /** The connection is gone, for whatever reason: drop every subscription. */
    public void onClosed() {
        if (state == SessionState.CLOSED) {
            return;
        }
        state = SessionState.CLOSED;
        if (authorizeTimer != null) {
            authorizeTimer.cancel(false);
        }
        if (caller != null) {
            requests.dropAllSubscriptions(caller);
        }
        node.unregister(this);
        if (streamSecret != null) {
            node.closeStream(streamSecret);
        }
        node.metrics().connectionClosed();
    }
}
