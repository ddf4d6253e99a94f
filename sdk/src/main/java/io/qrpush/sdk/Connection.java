package io.qrpush.sdk;

import io.qrpush.protocol.ClientFrame;
import io.qrpush.protocol.ServerFrame;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One WebSocket connection over the JDK's {@link WebSocket}: joins partial text frames, decodes
 * them and hands each frame and the single end of the connection to the client's event thread.
 * Sends are chained, because the JDK allows one outstanding send at a time. Knows nothing of
 * requests, subscriptions or reconnects.
 */
final class Connection implements WebSocket.Listener {

    /** What a connection reports; called on the client's event thread. */
    interface Events {
        void onFrame(Connection c, ServerFrame frame);

        /** Called once, however the connection ended: close frame, error, abort. */
        void onEnded(Connection c, int code, String reason);
    }

    private final Executor loop;
    private final Events events;
    private final StringBuilder partial = new StringBuilder();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Object sendLock = new Object();
    private CompletableFuture<?> sendTail = CompletableFuture.completedFuture(null);
    private volatile WebSocket ws;

    Connection(Executor loop, Events events) {
        this.loop = loop;
        this.events = events;
    }

    /** Starts the handshake; completes when the socket is open (not yet authorized). */
    CompletableFuture<Connection> open(HttpClient http, URI uri, Duration timeout, Map<String, String> headers) {
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(timeout);
        headers.forEach(b::header);
        return b.buildAsync(uri, this).thenApply(socket -> {
            ws = socket;
            if (ended.get()) {
                socket.abort(); // given up on while the handshake was still running
            }
            return this;
        });
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        ws = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            ServerFrame frame = null;
            try {
                frame = Json.CODEC.decodeServer(text.getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException unknown) {
                // An op from a newer server, or garbage: not ours to act on.
            }
            if (frame != null) {
                ServerFrame f = frame;
                loop.execute(() -> events.onFrame(this, f));
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        webSocket.request(1); // the protocol has no binary frames
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        end(statusCode, reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        end(1006, "connection error: " + error.getClass().getSimpleName());
    }

    private void end(int code, String reason) {
        if (ended.compareAndSet(false, true)) {
            loop.execute(() -> events.onEnded(this, code, reason));
        }
    }

    /** Queues a frame; a failed send ends the connection. */
    void send(ClientFrame frame) {
        sendText(new String(Json.CODEC.encode(frame), StandardCharsets.UTF_8));
    }

    private void sendText(String text) {
        WebSocket socket = ws;
        if (socket == null || ended.get()) {
            return;
        }
        synchronized (sendLock) {
            sendTail = sendTail.thenCompose(x -> socket.sendText(text, true)).exceptionally(err -> {
                abort("send failed");
                return null;
            });
        }
    }

    /** Says goodbye properly, then drops the socket even if the peer never answers. */
    void close() {
        WebSocket socket = ws;
        boolean first = ended.compareAndSet(false, true);
        if (socket == null || !first) {
            abort("closed");
            return;
        }
        synchronized (sendLock) {
            sendTail = sendTail.thenCompose(x -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye"))
                    .orTimeout(2, TimeUnit.SECONDS)
                    .whenComplete((x, err) -> socket.abort());
        }
    }

    /** Drops the socket at once (dead peer, timeout); reports the end if nothing did before. */
    void abort(String reason) {
        WebSocket socket = ws;
        if (socket != null) {
            socket.abort();
        }
        end(1006, reason);
    }
}
