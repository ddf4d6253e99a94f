package io.qrpush.server.core;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;

/** What a {@link Session} needs of its connection; the Netty adapter implements it, tests fake it. */
public interface Transport {

    /**
     * Queues an encoded frame; any thread. Frames leave in the order queued.
     *
     * @return false when this frame took the queue past {@code maxOutboundBytes}: the client is too
     *         slow, the queue has dropped everything, and the caller should {@link #closeNow} it
     */
    boolean send(byte[] frame);

    /**
     * {@link #send} for the connection's own thread: the frame is written at once, a syscall saved
     * from a later drain, unless frames queued before it still wait, in which case it joins them.
     *
     * @return false when the client is too slow, as for {@link #send}
     */
    boolean sendOnLoop(byte[] frame);

    /** Closes with a WebSocket close code after the frames already queued; any thread. */
    void close(int code, String reason);

    /**
     * Drops every queued frame, sends {@code lastFrame} and closes: for a client too slow to be
     * worth the rest.
     */
    void closeNow(byte[] lastFrame, int code, String reason);

    /** The connection's own thread: the session runs only there. */
    Executor executor();

    /** Runs a task on the connection's thread after a delay. */
    Future<?> schedule(Runnable task, Duration delay);

    /**
     * The client's address, for login details and risk signals: the peer's own, or the one a
     * trusted proxy named for it when the connection was upgraded.
     */
    String remoteAddress();

    /** The {@code Origin} header of the upgrade request, or null when there was none. */
    String origin();
}
