package io.qrpush.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.protocol.ServerFrame;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The application's listeners, called one at a time, in order, on the client's own listener
 * thread: a slow listener delays later events but never the connection's bookkeeping (pings,
 * replies, reconnects), which runs on the event thread. A listener that throws is reported to the
 * error listeners (and the JDK logger) and does not stop the others.
 */
final class Listeners {
    private static final System.Logger LOG = System.getLogger(QrPushClient.class.getName());

    private final ExecutorService thread;
    private final List<Consumer<Message>> messages = new CopyOnWriteArrayList<>();
    private final Map<String, List<Consumer<Message>>> byChannel = new ConcurrentHashMap<>();
    private final List<Consumer<Receipt>> receipts = new CopyOnWriteArrayList<>();
    private final List<Consumer<StateChange>> states = new CopyOnWriteArrayList<>();
    private final List<Consumer<QrPushException>> errors = new CopyOnWriteArrayList<>();
    private final List<Consumer<RecoveryFailure>> recoveryFailures = new CopyOnWriteArrayList<>();
    private final List<Consumer<PresenceEvent>> joins = new CopyOnWriteArrayList<>();
    private final List<Consumer<PresenceEvent>> leaves = new CopyOnWriteArrayList<>();

    Listeners(ExecutorService thread) {
        this.thread = thread;
    }

    Registration onMessage(Consumer<Message> l) {
        return add(messages, l);
    }

    Registration onMessage(String channel, Consumer<Message> l) {
        return add(byChannel.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()), l);
    }

    Registration onReceipt(Consumer<Receipt> l) {
        return add(receipts, l);
    }

    Registration onStateChange(Consumer<StateChange> l) {
        return add(states, l);
    }

    Registration onError(Consumer<QrPushException> l) {
        return add(errors, l);
    }

    Registration onRecoveryFailed(Consumer<RecoveryFailure> l) {
        return add(recoveryFailures, l);
    }

    Registration onJoin(Consumer<PresenceEvent> l) {
        return add(joins, l);
    }

    Registration onLeave(Consumer<PresenceEvent> l) {
        return add(leaves, l);
    }

    private static <T> Registration add(List<Consumer<T>> list, Consumer<T> l) {
        if (l == null) {
            throw new NullPointerException("listener");
        }
        list.add(l);
        return () -> list.remove(l);
    }

    /** Runs the message listeners, then {@code handled} (which acks) once they all returned. */
    void message(Message m, Runnable handled) {
        run(() -> {
            messages.forEach(l -> call(l, m));
            List<Consumer<Message>> forChannel = byChannel.get(m.channel());
            if (forChannel != null) {
                forChannel.forEach(l -> call(l, m));
            }
            handled.run();
        });
    }

    void receipt(Receipt r) {
        run(() -> receipts.forEach(l -> call(l, r)));
    }

    void recoveryFailed(RecoveryFailure f) {
        run(() -> recoveryFailures.forEach(l -> call(l, f)));
    }

    /** A {@code join} or {@code leave} (docs/protocol.md section 7). */
    void channelEvent(ServerFrame.ChannelEvent f) {
        JsonNode user = f.fields().path("user");
        PresenceEvent e = new PresenceEvent(f.channel(), user.path("userId").asText(), Json.text(user, "name"));
        List<Consumer<PresenceEvent>> list = "join".equals(f.op()) ? joins : leaves;
        run(() -> list.forEach(l -> call(l, e)));
    }

    void state(StateChange s) {
        run(() -> states.forEach(l -> call(l, s)));
    }

    void error(QrPushException e) {
        run(() -> errors.forEach(l -> {
            try {
                l.accept(e);
            } catch (RuntimeException again) {
                LOG.log(Level.WARNING, "qrpush error listener threw", again);
            }
        }));
    }

    /** Runs any task on the listener thread (the otp supplier, which may block on the backend). */
    void run(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException closed) {
            // the client was closed; nobody listens any more
        }
    }

    private <T> void call(Consumer<T> l, T event) {
        try {
            l.accept(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "qrpush listener threw", e);
            QrPushException q = new QrPushException(0, "listener_failed", "a listener threw " + e, e, 1);
            errors.forEach(el -> {
                try {
                    el.accept(q);
                } catch (RuntimeException ignored) {
                    // an error listener that throws is not told about itself
                }
            });
        }
    }
}
