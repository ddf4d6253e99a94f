package io.qrpush.server.history;

import io.qrpush.server.core.Subscriber;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * A connection for stage tests: records the offsets of the frames it is handed (a frame is its
 * offset's digits), on the caller's thread, and whether it was told messages are lost.
 */
final class RecordingConnection implements Subscriber {
    final List<Long> sent = new CopyOnWriteArrayList<>();
    volatile boolean missed;

    @Override
    public void missedMessages() {
        missed = true;
    }

    @Override
    public Executor executor() {
        return Runnable::run;
    }

    @Override
    public void deliver(byte[] frame) {
        sent.add(Long.parseLong(new String(frame)));
    }
}
