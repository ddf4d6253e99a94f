package io.qrpush.server.core;

import io.qrpush.protocol.ClientFrame;
import io.qrpush.protocol.CloseCodes;
import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.FrameException;
import io.qrpush.protocol.ProtocolException;
import io.qrpush.protocol.ServerFrame;
import io.qrpush.protocol.ServerFrame.Reply;
import io.qrpush.server.config.AppConfig;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;

/**
 * One client connection's protocol state, free of Netty. Runs on its transport's thread:
 * frames are handled one at a time in arrival order, and a request whose answer needs the broker
 * holds the next ones back, so replies always leave in request order (docs/protocol.md section 3).
 * {@link #kick} may be called from any thread.
 */
public final class Session implements Subscriber {
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

    private enum State { CONNECTED, AUTHORIZED, CLOSED }

    /** A frame that could not be read: refused in its turn, so its reply cannot overtake earlier ones. */
    private record Unreadable(Long id, ErrorWord word, String message) {
    }

    private final String sid;
    private final Transport transport;
    private final Node node;
    private final RequestHandler requests;
    private final TokenBucket budget;
    private State state = State.CONNECTED;
    private AppConfig app;
    private Identity identity;
    private int malformed;
    private int rateLimited;
    private ArrayDeque<Object> pending;
    private boolean busy;
    private Future<?> authorizeTimer;
    private volatile boolean closing;

    public Session(String sid, Transport transport, Node node) {
        this.sid = sid;
        this.transport = transport;
        this.node = node;
        this.requests = new RequestHandler(this, node);
        int rate = node.config().limits().maxRequestsPerSecond();
        this.budget = new TokenBucket(rate, rate * 2, System.nanoTime());
    }

    public String sid() {
        return sid;
    }

    Transport transport() {
        return transport;
    }

    AppConfig app() {
        return app;
    }

    Identity identity() {
        return identity;
    }

    boolean authorized() {
        return state == State.AUTHORIZED;
    }

    void authorizedAs(AppConfig a, Identity who) {
        this.app = a;
        this.identity = who;
        this.state = State.AUTHORIZED;
        if (authorizeTimer != null) {
            authorizeTimer.cancel(false);
        }
    }

    boolean belongsTo(String appkey, String userId) {
        AppConfig a = app;
        Identity who = identity;
        return a != null && who != null && a.appkey().equals(appkey) && who.userId().equals(userId);
    }

    /** The connection is open and upgraded: start the authorize clock. */
    public void start() {
        node.register(this);
        node.metrics().connectionOpened();
        authorizeTimer = transport.schedule(() -> {
            if (state == State.CONNECTED) {
                disconnect(CloseCodes.UNAUTHORIZED, "not authorized in time", true);
            }
        }, node.config().limits().authorizeTimeout());
    }

    /** A text frame arrived. */
    public void onText(byte[] utf8) {
        if (state == State.CLOSED || closing) {
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

    /** A frame that is not text (binary) is not part of the protocol. */
    public void onBinary() {
        if (state != State.CLOSED && !closing) {
            enqueue(new Unreadable(null, ErrorWord.BAD_REQUEST,
                    "binary frames are not part of the protocol; send JSON text"));
        }
    }

    private void refuse(Long id, ErrorWord word, String message) {
        send(Reply.error(id, word, message));
        if (id == null && ++malformed >= MAX_MALFORMED) {
            disconnect(CloseCodes.PROTOCOL_ERROR, "too many malformed frames", false);
        }
    }

    private void pump() {
        while (!busy && state != State.CLOSED && !closing && !pending.isEmpty()) {
            Object next = pending.poll();
            if (next instanceof Unreadable u) {
                refuse(u.id(), u.word(), u.message());
                continue;
            }
            ClientFrame frame = (ClientFrame) next;
            if (!(frame instanceof ClientFrame.Request request)) {
                // Acks follow the messages the server sent, so they are not budgeted; pings are.
                if (!(frame instanceof ClientFrame.Ping) || withinBudget(null)) {
                    requests.handleSignal(frame);
                }
                continue;
            }
            if (!withinBudget(request.id())) {
                continue;
            }
            CompletableFuture<Reply> answer = safely(request);
            if (answer.isDone()) {
                sendReply(answer.join());
            } else {
                busy = true;
                answer.whenComplete((reply, err) -> transport.executor().execute(() -> {
                    busy = false;
                    sendReply(reply);
                    pump();
                }));
            }
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

    private CompletableFuture<Reply> safely(ClientFrame.Request request) {
        CompletableFuture<Reply> answer;
        try {
            answer = requests.handle(request);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.exceptionally(err -> failureReply(request.id(), err));
    }

    private static Reply failureReply(long id, Throwable err) {
        Throwable cause = Failures.causeOf(err);
        if (cause instanceof ProtocolException p) {
            return Reply.error(id, p.word(), p.getMessage());
        }
        if (cause instanceof BrokerUnavailableException) {
            return Reply.error(id, ErrorWord.UNAVAILABLE, "broker unavailable; retry shortly");
        }
        org.slf4j.LoggerFactory.getLogger(Session.class).error("request {} failed", id, cause);
        return Reply.error(id, ErrorWord.INTERNAL, "internal error; retry shortly");
    }

    private void sendReply(Reply reply) {
        if (reply != null) {
            send(reply);
        }
    }

    /** Encodes and queues a frame for this connection. */
    void send(ServerFrame frame) {
        if (state == State.CLOSED) {
            return;
        }
        if (frame instanceof Reply r && r.error() != null) {
            node.metrics().error(r.error());
        }
        node.metrics().frameOut(frame.op());
        transport.send(node.codec().encode(frame));
    }

    @Override
    public Executor executor() {
        return transport.executor();
    }

    @Override
    public void deliver(byte[] frame) {
        if (!closing) {
            transport.sendOnLoop(frame);
        }
    }

    /** Sends {@code disconnect} then closes; on this session's thread. */
    void disconnect(int code, String reason, boolean reconnect) {
        if (state == State.CLOSED || closing) {
            return;
        }
        closing = true;
        send(new ServerFrame.Disconnect(code, reason, reconnect));
        node.metrics().closed(code);
        transport.close(code, reason);
    }

    /** Disconnects from any thread (server API kicks, shutdown). */
    public void kick(int code, String reason, boolean reconnect) {
        transport.executor().execute(() -> disconnect(code, reason, reconnect));
    }

    /** The peer sent a frame or message over {@code maxFrameBytes}; on this session's thread, closes at once. */
    public void onFrameTooBig() {
        disconnect(CloseCodes.FRAME_TOO_BIG, "frame over maxFrameBytes", false);
    }

    /** The transport's outbound queue overflowed: this client cannot keep up. */
    public void onSlowConsumer() {
        if (state == State.CLOSED || closing) {
            return;
        }
        closing = true;
        node.metrics().closed(CloseCodes.SLOW_CONSUMER);
        String reason = "slow consumer: outbound buffer full";
        transport.closeNow(node.codec().encode(new ServerFrame.Disconnect(CloseCodes.SLOW_CONSUMER, reason, true)),
                CloseCodes.SLOW_CONSUMER, reason);
    }

    /** The connection is gone, for whatever reason: drop every subscription. */
    public void onClosed() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        closing = true;
        if (authorizeTimer != null) {
            authorizeTimer.cancel(false);
        }
        requests.dropAllSubscriptions();
        node.unregister(this);
        node.metrics().connectionClosed();
    }
}
