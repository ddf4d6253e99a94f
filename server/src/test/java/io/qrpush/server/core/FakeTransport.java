package io.qrpush.server.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/** A transport that records what a session sends, runs tasks inline and holds timers until fired. */
final class FakeTransport implements Transport {
    private static final ObjectMapper JSON = new ObjectMapper();

    final List<JsonNode> sent = new ArrayList<>();
    final List<FutureTask<?>> timers = new ArrayList<>();
    Integer closedWith;
    String origin;
    /** A full outbound queue: every frame overflows it. */
    boolean full;

    @Override
    public boolean send(byte[] frame) {
        if (full) {
            return false;
        }
        record(frame);
        return true;
    }

    private void record(byte[] frame) {
        try {
            sent.add(JSON.readTree(frame));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean sendOnLoop(byte[] frame) {
        return send(frame);
    }

    @Override
    public void close(int code, String reason) {
        closedWith = code;
    }

    @Override
    public void closeNow(byte[] lastFrame, int code, String reason) {
        record(lastFrame);
        closedWith = code;
    }

    @Override
    public Executor executor() {
        return Runnable::run;
    }

    @Override
    public Future<?> schedule(Runnable task, Duration delay) {
        FutureTask<?> t = new FutureTask<>(task, null);
        timers.add(t);
        return t;
    }

    /** Fires every timer not cancelled. */
    void fireTimers() {
        for (FutureTask<?> t : List.copyOf(timers)) {
            t.run();
        }
    }

    @Override
    public String remoteAddress() {
        return "127.0.0.1";
    }

    @Override
    public String origin() {
        return origin;
    }

    JsonNode last() {
        return sent.get(sent.size() - 1);
    }
}
