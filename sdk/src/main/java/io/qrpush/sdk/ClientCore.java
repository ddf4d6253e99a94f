package io.qrpush.sdk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.protocol.ClientFrame;
import io.qrpush.protocol.CloseCodes;
import io.qrpush.protocol.ServerFrame;
import io.qrpush.protocol.policy.Backoff;
import io.qrpush.protocol.policy.CloseDecision;
import io.qrpush.protocol.policy.ClosePolicy;
import io.qrpush.protocol.policy.ErrorAction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The realtime client's connection lifecycle: connect, authorize, read frames, reconnect or stop
 * when a connection ends, as the protocol's client policy decides (docs/protocol.md, "Client
 * behaviour"; {@link ClosePolicy}, {@link ErrorAction}). Every method runs on the one event thread
 * ({@code loop}), so none of this state needs a lock; {@link QrPushClient} hops callers onto it.
 */
final class ClientCore implements Connection.Events {
    /** The close code of a connection that ended without a close frame. */
    private static final int ABNORMAL = 1006;
    private final ClientSettings s;
    private final ScheduledExecutorService loop;
    private final Listeners listeners;
    private final Backoff backoff;
    private final Link link = new Link();
    private final ClientRequests requests;
    private final Heartbeat heartbeat;
    private final List<CompletableFuture<ConnectInfo>> connectWaiters = new ArrayList<>();
    private volatile ClientState state = ClientState.DISCONNECTED;
    private volatile ConnectInfo info;
    private ServerFrame.Disconnect farewell;
    private int attempt;
    private ScheduledFuture<?> timer;

    ClientCore(ClientSettings s, ScheduledExecutorService loop, Listeners listeners) {
        this.s = s;
        this.loop = loop;
        this.listeners = listeners;
        this.backoff = new Backoff(s.minReconnectDelay(), s.maxReconnectDelay(), s.random());
        this.requests = new ClientRequests(s, link, listeners, loop, backoff);
        this.heartbeat = new Heartbeat(loop, s.pingInterval(), s.pongTimeout(),
                () -> link.send(new ClientFrame.Ping()), () -> abortCurrent("no answer to ping"));
    }

    ClientState state() {
        return state;
    }

    ConnectInfo info() {
        return info;
    }

    ClientRequests requests() {
        return requests;
    }

    void connect(CompletableFuture<ConnectInfo> f) {
        if (state == ClientState.CLOSED) {
            f.completeExceptionally(new QrPushException(0, QrPushException.CLOSED, "the client was closed"));
        } else if (state == ClientState.CONNECTED) {
            f.complete(info);
        } else {
            connectWaiters.add(f);
            if (state == ClientState.DISCONNECTED) {
                attempt = 0;
                open();
            }
        }
    }

    void close() {
        if (state == ClientState.CLOSED) {
            return;
        }
        teardown(true);
        stopWith(new QrPushException(0, QrPushException.CLOSED, "the client was closed"), ClientState.CLOSED,
                CloseCodes.NORMAL, "closed by the client");
    }

    private void open() {
        Connection c = new Connection(loop, this);
        link.attach(c);
        farewell = null;
        setState(ClientState.CONNECTING, 0, null);
        timer = loop.schedule(() -> c.abort("connect timeout"), s.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        CompletableFuture<String> otp = new CompletableFuture<>();
        // Asked on every attempt: an otp works once. On the listener thread, as it may block.
        listeners.run(() -> {
            try {
                otp.complete(s.otp() == null ? null : s.otp().get());
            } catch (RuntimeException e) {
                otp.completeExceptionally(e);
            }
        });
        otp.whenCompleteAsync((token, err) -> {
            if (link.current() != c) {
                return;
            }
            if (err != null) {
                listeners.error(new QrPushException(0, "otp_failed", "the otp supplier threw: " + err, err, 1));
                c.abort("otp supplier failed");
                return;
            }
            c.open(s.http(), s.url(), s.connectTimeout(), s.headers()).whenCompleteAsync((x, openErr) -> {
                if (link.current() != c) {
                    return;
                }
                if (openErr != null) {
                    c.abort("cannot connect: " + RetryPolicy.unwrap(openErr).getClass().getSimpleName());
                } else {
                    authorize(c, token);
                }
            }, loop);
        }, loop);
    }

    private void authorize(Connection c, String otp) {
        link.requestNow(id -> new ClientFrame.Authorize(id, s.appkey(), s.userId(), otp, s.sdk()))
                .whenComplete((r, err) -> {
                    if (link.current() != c) {
                        return;
                    }
                    if (err == null) {
                        ready(r);
                    } else {
                        refused((QrPushException) RetryPolicy.unwrap(err));
                    }
                });
    }

    private void ready(ServerFrame.Reply r) {
        cancelTimer();
        attempt = 0;
        link.markAuthorized();
        ObjectNode b = r.body();
        ConnectInfo now = new ConnectInfo(Json.text(b, "sid"), Json.text(b, "userId"),
                b.path("canPublish").asBoolean(), b.path("pingInterval").asLong());
        info = now;
        setState(ClientState.CONNECTED, 0, null);
        heartbeat.start();
        requests.connected();
        List<CompletableFuture<ConnectInfo>> waiting = new ArrayList<>(connectWaiters);
        connectWaiters.clear();
        waiting.forEach(f -> f.complete(now));
    }

    /** Authorize refused: the error word says whether a new attempt, with a fresh otp, can help. */
    private void refused(QrPushException e) {
        if (ClientRequests.isDisconnected(e)) {
            return; // the end of the connection is handled by onEnded
        }
        listeners.error(e);
        if (ErrorAction.of(e.error(), e.status()).reconnectsAfterAuthorize()) {
            // Every attempt asks the otp supplier again, so the next one carries a fresh otp.
            teardown(false);
            reconnectAfter(backoff.delayMillis(ErrorAction.backoffOf(e.error()), attempt), ABNORMAL,
                    "authorize refused: " + e.error());
            return;
        }
        teardown(true);
        int code = e.status() == 403 ? CloseCodes.ORIGIN_NOT_ALLOWED : CloseCodes.UNAUTHORIZED;
        stopWith(e, ClientState.DISCONNECTED, code, e.getMessage());
    }

    @Override
    public void onFrame(Connection c, ServerFrame f) {
        if (c != link.current()) {
            return;
        }
        heartbeat.alive();
        if (f instanceof ServerFrame.Reply) {
            link.settle((ServerFrame.Reply) f);
        } else if (f instanceof ServerFrame.Message) {
            requests.arrived((ServerFrame.Message) f);
        } else if (f instanceof ServerFrame.ChannelEvent) {
            listeners.channelEvent((ServerFrame.ChannelEvent) f);
        } else if (f instanceof ServerFrame.Receipt) {
            ServerFrame.Receipt r = (ServerFrame.Receipt) f;
            listeners.receipt(new Receipt(r.channel(), r.guid(), r.by()));
        } else if (f instanceof ServerFrame.Disconnect) {
            farewell = (ServerFrame.Disconnect) f; // acted on when the close follows
        }
    }

    /** The connection (or the attempt) is over, whoever ended it: reconnect or stop. */
    @Override
    public void onEnded(Connection c, int code, String reason) {
        if (c != link.current()) {
            return;
        }
        ServerFrame.Disconnect fw = farewell;
        teardown(false);
        CloseDecision decision = ClosePolicy.decide(code, fw);
        int finalCode = fw != null ? fw.code() : code;
        String why = fw != null ? fw.reason() : reason;
        if (!decision.reconnect()) {
            stopWith(stoppedBy(finalCode, why), ClientState.DISCONNECTED, finalCode, why);
            return;
        }
        reconnectAfter(backoff.delayMillis(decision, attempt), finalCode, why);
    }

    private void reconnectAfter(long delayMillis, int code, String why) {
        attempt++;
        setState(ClientState.CONNECTING, code, why);
        timer = loop.schedule(this::open, delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Forgets the connection and its timers; requests in flight fail with {@code disconnected}. */
    private void teardown(boolean graceful) {
        cancelTimer();
        heartbeat.stop();
        farewell = null;
        info = null;
        Connection c = link.detach();
        if (c != null) {
            if (graceful) {
                c.close();
            } else {
                c.abort("ended");
            }
        }
        requests.disconnected();
    }

    /** Nobody will reconnect by itself: fail what callers wait for. */
    private void stopWith(QrPushException e, ClientState next, int code, String why) {
        // The state first: a caller woken by a failed future on the futures pool must read it.
        setState(next, code, why);
        requests.stop(e, next == ClientState.CLOSED);
        List<CompletableFuture<ConnectInfo>> waiting = new ArrayList<>(connectWaiters);
        connectWaiters.clear();
        waiting.forEach(f -> f.completeExceptionally(e));
    }

    private void setState(ClientState next, int code, String reason) {
        ClientState previous = state;
        if (previous == next) {
            return;
        }
        state = next;
        listeners.state(new StateChange(next, previous, code, reason));
    }

    private void abortCurrent(String why) {
        Connection c = link.current();
        if (c != null) {
            c.abort(why);
        }
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private static QrPushException stoppedBy(int code, String why) {
        if (code == CloseCodes.UNAUTHORIZED) {
            return new QrPushException(401, "unauthorized", why);
        }
        if (code == CloseCodes.ORIGIN_NOT_ALLOWED) {
            return new QrPushException(403, "origin_not_allowed", why);
        }
        return new QrPushException(0, QrPushException.DISCONNECTED, "closed by the server (" + code + "): " + why);
    }
}
