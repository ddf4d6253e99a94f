package io.qrpush.loadtest.hostile;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One attack socket: on connect it sends what its kind sends (a head a byte at a time, a body one
 * byte short, or nothing), reads whatever the server answers for its status line, and when the
 * socket ends tells its {@link AttackTally} how and after how long.
 */
final class AttackSocket extends ChannelInboundHandlerAdapter {
    /** The filler of half-sent bodies, shared by every socket (never released, never copied). */
    private static final int CHUNK = 64 * 1024;
    private static final ByteBuf FILLER = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(CHUNK).writeBytes("a".repeat(CHUNK).getBytes(StandardCharsets.US_ASCII)));

    private final AttackKind kind;
    private final AttackTally tally;
    private final byte[] head;
    private final int bodyBytes;
    private final long dripNanos;
    private final BooleanSupplier lettingGo;
    private final Runnable onEnd;
    private final StringBuilder firstLine = new StringBuilder();
    private ScheduledFuture<?> drip;
    private long connectedNanos;
    private boolean wasReset;
    private int dripped;

    /** {@code lettingGo}: true once the attack is closing its own sockets; {@code onEnd} runs once the socket ended. */
    AttackSocket(AttackKind kind, AttackTally tally, byte[] head, int bodyBytes, long dripNanos,
                 BooleanSupplier lettingGo, Runnable onEnd) {
        this.kind = kind;
        this.tally = tally;
        this.head = head;
        this.bodyBytes = bodyBytes;
        this.dripNanos = dripNanos;
        this.lettingGo = lettingGo;
        this.onEnd = onEnd;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        connectedNanos = System.nanoTime();
        tally.opened();
        switch (kind) {
            case SLOWLORIS -> drip = ctx.executor().scheduleAtFixedRate(() -> dripOne(ctx),
                    ThreadLocalRandom.current().nextLong(dripNanos), dripNanos, TimeUnit.NANOSECONDS);
            case HALF_BODY -> sendAllButTheLastByte(ctx);
            case FLOOD -> { }
            default -> throw new IllegalStateException(kind.toString());
        }
        ctx.fireChannelActive();
    }

    /** The head's next byte; past the head, one more byte of a header value that never ends. */
    private void dripOne(ChannelHandlerContext ctx) {
        byte b = dripped < head.length ? head[dripped] : (byte) 'a';
        dripped++;
        write(ctx, Unpooled.wrappedBuffer(new byte[] {b}));
    }

    private void sendAllButTheLastByte(ChannelHandlerContext ctx) {
        write(ctx, Unpooled.wrappedBuffer(head));
        for (int left = bodyBytes - 1; left > 0; left -= CHUNK) {
            write(ctx, FILLER.slice(0, Math.min(CHUNK, left)));
        }
    }

    private void write(ChannelHandlerContext ctx, ByteBuf buf) {
        int n = buf.readableBytes();
        ctx.writeAndFlush(buf).addListener(f -> {
            if (f.isSuccess()) {
                tally.sent(n);
            }
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof ByteBuf b && firstLine.length() < 64) {
                int n = Math.min(b.readableBytes(), 64 - firstLine.length());
                firstLine.append(b.toString(b.readerIndex(), n, StandardCharsets.ISO_8859_1));
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException && String.valueOf(cause.getMessage()).contains("reset")) {
            wasReset = true;
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (drip != null) {
            drip.cancel(false);
        }
        long lifetimeMillis = (System.nanoTime() - connectedNanos) / 1_000_000;
        tally.ended(lifetimeMillis, lettingGo.getAsBoolean(), statusOf(firstLine.toString()), wasReset);
        onEnd.run();
    }

    /** The status of an HTTP/1.x status line ({@code HTTP/1.1 408 Request Timeout}), or 0 when there is none. */
    static int statusOf(String firstBytes) {
        if (!firstBytes.startsWith("HTTP/1.") || firstBytes.length() < 12 || firstBytes.charAt(8) != ' ') {
            return 0;
        }
        String code = firstBytes.substring(9, 12);
        return code.chars().allMatch(Character::isDigit) ? Integer.parseInt(code) : 0;
    }
}
