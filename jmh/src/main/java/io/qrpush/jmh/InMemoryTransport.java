package io.qrpush.jmh;

import io.qrpush.server.core.Transport;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;

/**
 * The least a {@link Transport} can be: it runs tasks inline and counts the encoded frames and
 * bytes it is handed, so a benchmark measures what the session and node allocate, not a socket's.
 */
final class InMemoryTransport implements Transport {
    long frames;
    long bytes;

    @Override
    public boolean send(byte[] frame) {
        frames++;
        bytes += frame.length;
        return true;
    }

    @Override
    public boolean sendOnLoop(byte[] frame) {
        return send(frame);
    }

    @Override
    public void close(int code, String reason) {
        throw new IllegalStateException("a benchmark connection was closed: " + code + " " + reason);
    }

    @Override
    public void closeNow(byte[] lastFrame, int code, String reason) {
        close(code, reason);
    }

    @Override
    public Executor executor() {
        return Runnable::run;
    }

    /** Timers (authorize timeout, pings) never fire within a benchmark. */
    @Override
    public Future<?> schedule(Runnable task, Duration delay) {
        return new CompletableFuture<Void>();
    }

    @Override
    public String remoteAddress() {
        return "127.0.0.1";
    }

    @Override
    public String origin() {
        return null;
    }
}
