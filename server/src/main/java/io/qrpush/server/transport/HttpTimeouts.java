package io.qrpush.server.transport;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.qrpush.protocol.ErrorWord;
import io.qrpush.server.config.HttpLimits;
import io.qrpush.server.http.HttpAnswer;
import io.qrpush.server.transport.ConnectionCuts.Reason;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A deadline for every phase of an HTTP connection, so no phase can hold a socket for ever:
 * <ul>
 * <li>HEAD: the request line and headers within {@code httpHeadTimeout} of the connection's accept
 *     or of the request's first byte (a socket that sends nothing is cut here);</li>
 * <li>BODY: the body within {@code httpBodyTimeout}, or longer for a large one at the minimum rate;</li>
 * <li>BUSY: the node is answering; no deadline (the routes have their own);</li>
 * <li>IDLE: a keep-alive connection between requests, closed after {@code httpIdleTimeout}.</li>
 * </ul>
 * Sits after the codec, which tells it where requests begin and end; the first byte of a request
 * is seen by {@link #byteWatch()}, placed before the codec. A late head or body is answered 408
 * when no earlier answer is still due. Both are removed on a WebSocket upgrade, whose connection
 * has its own timers. One timer per connection, moved later lazily as Netty's
 * {@code IdleStateHandler} does, so a request costs no cancel and reschedule; only a deadline
 * sooner than the timer moves it.
 */
final class HttpTimeouts extends ChannelDuplexHandler {
    private enum Phase { HEAD, BODY, BUSY, IDLE }

    private final HttpLimits limits;
    private final ConnectionCuts cuts;
    private ChannelHandlerContext ctx;
    private Phase phase = Phase.HEAD;
    private long deadlineNanos;
    private ScheduledFuture<?> timer;
    private long timerAtNanos;
    /** Requests read in full, and final answers written: equal when no answer is due. */
    private long requests;
    private long answers;

    HttpTimeouts(HttpLimits limits, ConnectionCuts cuts) {
        this.limits = limits;
        this.cuts = cuts;
    }

    /** The handler to place before the codec: any byte read while idle starts a request's head. */
    ChannelHandler byteWatch() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext c, Object msg) {
                if (phase == Phase.IDLE) {
                    enter(Phase.HEAD, limits.httpHeadTimeout());
                }
                c.fireChannelRead(msg);
            }
        };
    }

    @Override
    public void handlerAdded(ChannelHandlerContext c) {
        ctx = c;
        enter(Phase.HEAD, limits.httpHeadTimeout());
    }

    @Override
    public void channelRead(ChannelHandlerContext c, Object msg) {
        if (msg instanceof HttpRequest head) {
            enter(Phase.BODY, limits.bodyTime(announcedLength(head)));
        }
        if (msg instanceof LastHttpContent) {
            // Only a whole request makes the connection one admission keeps when it must make room:
            // a head followed by a trickled body stays evictable (an upgrade marks itself, below us).
            ConnectionAdmission.markInUse(c.channel());
            requests++;
            enter(Phase.BUSY, null);
        }
        c.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext c, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof LastHttpContent && !(msg instanceof HttpResponse r
                && r.status().codeClass() == HttpStatusClass.INFORMATIONAL)) {
            answers++;
            if (phase == Phase.BUSY && answers >= requests) {
                enter(Phase.IDLE, limits.httpIdleTimeout());
            }
        }
        super.write(c, msg, promise);
    }

    /** The announced body length; 0 when none, or when the head is one the parser rejected. */
    private static long announcedLength(HttpRequest head) {
        if (head.decoderResult().isFailure()) {
            return 0;
        }
        try {
            return Math.max(0, HttpUtil.getContentLength(head, 0L));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void enter(Phase next, Duration limit) {
        phase = next;
        if (limit == null) {
            return;
        }
        deadlineNanos = System.nanoTime() + limit.toNanos();
        if (timer != null && deadlineNanos - timerAtNanos < 0) {
            // Sooner than the timer (a head after an idle spell): move it; a later deadline waits for it.
            timer.cancel(false);
            timer = null;
        }
        if (timer == null) {
            schedule(limit.toNanos());
        }
    }

    private void schedule(long delayNanos) {
        timerAtNanos = System.nanoTime() + delayNanos;
        timer = ctx.executor().schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void check() {
        timer = null;
        if (phase == Phase.BUSY || !ctx.channel().isOpen()) {
            return;
        }
        long left = deadlineNanos - System.nanoTime();
        if (left > 0) {
            schedule(left);
            return;
        }
        switch (phase) {
            case IDLE -> {
                cuts.count(Reason.IDLE_TIMEOUT);
                ctx.close();
            }
            case HEAD -> cut(Reason.HEAD_TIMEOUT, "the request's head did not arrive within limits.httpHeadTimeout");
            default -> cut(Reason.BODY_TIMEOUT, "the request's body arrived too slowly (limits.httpBodyTimeout)");
        }
    }

    /** Answers 408 when no earlier answer is still due (answers stay in request order), then closes. */
    private void cut(Reason reason, String message) {
        cuts.count(reason);
        if (answers < requests) {
            ctx.close();
            return;
        }
        answers++;
        ctx.writeAndFlush(HttpResponses.of(HttpAnswer.error(408, ErrorWord.BAD_REQUEST.word(), message), false))
                .addListener(ChannelFutureListener.CLOSE);
        // A peer that reads nothing could leave even this small answer unsent: close regardless.
        ctx.executor().schedule(() -> ctx.close(), 1, TimeUnit.SECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext c) {
        stopTimer();
        c.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext c) {
        stopTimer();
    }

    private void stopTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
