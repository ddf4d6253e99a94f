package io.qrpush.sdk;

import io.qrpush.protocol.ClientFrame;
import io.qrpush.protocol.ServerFrame;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;

/**
 * The client's current connection and the requests waiting on it. Requests other than authorize
 * go out only once the connection is authorized; when it goes away, every waiting request fails
 * with {@code disconnected}, which the publish and subscribe layers read as "send again after the
 * reconnect". Confined to the client's event thread.
 */
final class Link {
    private final Calls calls = new Calls();
    private Connection conn;
    private boolean authorized;

    Connection current() {
        return conn;
    }

    boolean authorized() {
        return conn != null && authorized;
    }

    void attach(Connection c) {
        conn = c;
        authorized = false;
    }

    void markAuthorized() {
        authorized = true;
    }

    /** Forgets the connection (the caller closes it) and fails what waited on it. */
    Connection detach() {
        Connection c = conn;
        conn = null;
        authorized = false;
        calls.failAll(new QrPushException(0, QrPushException.DISCONNECTED, "connection lost"));
        return c;
    }

    /** A request on the authorized connection; fails at once with {@code disconnected} without one. */
    CompletableFuture<ServerFrame.Reply> request(LongFunction<ClientFrame> make) {
        if (!authorized()) {
            return CompletableFuture.failedFuture(new QrPushException(0, QrPushException.DISCONNECTED, "not connected"));
        }
        return requestNow(make);
    }

    /** A request on the connection whether authorized or not (authorize itself). */
    CompletableFuture<ServerFrame.Reply> requestNow(LongFunction<ClientFrame> make) {
        CompletableFuture<ServerFrame.Reply> reply = new CompletableFuture<>();
        conn.send(make.apply(calls.register(reply)));
        return reply;
    }

    /** A frame that gets no reply (ping, ack); dropped without a connection. */
    void send(ClientFrame frame) {
        if (conn != null) {
            conn.send(frame);
        }
    }

    void settle(ServerFrame.Reply reply) {
        calls.settle(reply);
    }

    /** The id the next request will get, for frame size estimates. */
    long nextId() {
        return calls.peek();
    }
}
