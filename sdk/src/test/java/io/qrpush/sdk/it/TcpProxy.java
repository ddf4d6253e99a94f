package io.qrpush.sdk.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A tiny TCP proxy on 127.0.0.1 for fault tests: it can lose the server's next answers (the
 * request got through, the answer did not), swallow everything the server sends (a dead peer that
 * keeps the socket open) or cut every connection at once.
 */
final class TcpProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger answersToLose = new AtomicInteger();
    private final AtomicReference<Runnable> beforeNextRequest = new AtomicReference<>();
    private volatile boolean blackhole;

    TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread("proxy-accept", this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** How many connections were accepted so far. */
    int connections() {
        return accepted.get();
    }

    /** The next {@code n} answers from the server are dropped, and their connections closed. */
    void loseNextAnswers(int n) {
        answersToLose.set(n);
    }

    /** Runs {@code hook} once, when the next request has reached the proxy and before it goes on. */
    void beforeNextRequest(Runnable hook) {
        beforeNextRequest.set(hook);
    }

    /** While on, bytes from the server are read and thrown away; connections stay open. */
    void blackhole(boolean on) {
        blackhole = on;
    }

    /** Closes every connection now (clients see an abrupt end). */
    void cutAll() {
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        sockets.clear();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                accepted.incrementAndGet();
                Socket server = new Socket();
                sockets.add(client);
                try {
                    server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2000);
                } catch (IOException refused) {
                    closeQuietly(client); // like a server that is down: the client sees the connection end
                    continue;
                }
                sockets.add(server);
                thread("proxy-up", () -> pump(client, server, false));
                thread("proxy-down", () -> pump(server, client, true));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromServer) {
        byte[] buf = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                Runnable hook = fromServer ? null : beforeNextRequest.getAndSet(null);
                if (hook != null) {
                    hook.run();
                }
                if (fromServer && answersToLose.getAndUpdate(v -> Math.max(0, v - 1)) > 0) {
                    break; // the server answered; the client never hears it
                }
                if (fromServer && blackhole) {
                    continue;
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void thread(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cutAll();
    }
}
