package io.qrpush.server.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import io.qrpush.server.config.IpRange;
import io.qrpush.server.transport.ConnectionCuts.Reason;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * On the listening socket, before Netty's acceptor registers a new connection: admits it, or
 * closes it at once, which costs one accept and one close and never reaches an event loop.
 * <ul>
 * <li>Over {@code limits.maxConnectionsPerIp} from one address (IPv6: one /64, which one
 *     subscriber usually holds whole) the newcomer is refused; trusted proxies are not counted.</li>
 * <li>At {@code limits.maxConnections} the oldest connection that has not yet sent a complete
 *     request is closed to make room; only when there is none is the newcomer refused. A flood of
 *     idle sockets thus cannot lock out a health check or a login, whose requests come at once.
 *     The limit sits below the open-file limit, so accepting one more to decide is always possible.</li>
 * <li>An accept that fails (out of file descriptors) pauses accepting for a moment instead of
 *     retrying in a tight loop, and is counted rather than logged with a stack each time.</li>
 * </ul>
 */
@Sharable
final class ConnectionAdmission extends ChannelInboundHandlerAdapter {
    private static final AttributeKey<Boolean> IN_USE = AttributeKey.valueOf("qrpush.inUse");
    private static final long ACCEPT_PAUSE_MILLIS = 100;

    private final int maxConnections;
    private final int maxPerAddress;
    private final List<IpRange> trusted;
    private final ConnectionCuts cuts;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<ByteBuffer, Integer> perAddress = new ConcurrentHashMap<>();
    /** Admitted connections in accept order; those in use or closed are skipped, and swept now and then. */
    private final Queue<Channel> unproven = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();

    ConnectionAdmission(int maxConnections, int maxPerAddress, List<IpRange> trusted, ConnectionCuts cuts) {
        this.maxConnections = maxConnections;
        this.maxPerAddress = maxPerAddress;
        this.trusted = trusted;
        this.cuts = cuts;
    }

    /** The connection has sent a complete request (or upgraded): it is no longer closed to make room. */
    static void markInUse(Channel ch) {
        ch.attr(IN_USE).set(Boolean.TRUE);
    }

    int open() {
        return open.get();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Channel child = (Channel) msg;
        InetAddress address = child.remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
        ByteBuffer key = address == null || isTrusted(address) ? null : key(address);
        if (key != null && maxPerAddress > 0 && perAddress.getOrDefault(key, 0) >= maxPerAddress) {
            refuse(child, Reason.MAX_CONNECTIONS_PER_IP);
            return;
        }
        if (open.get() >= maxConnections && !evictOne()) {
            refuse(child, Reason.MAX_CONNECTIONS);
            return;
        }
        open.incrementAndGet();
        if (key != null) {
            perAddress.merge(key, 1, Integer::sum);
        }
        child.closeFuture().addListener(f -> closed(key));
        remember(child);
        ctx.fireChannelRead(child);
    }

    private void closed(ByteBuffer key) {
        open.decrementAndGet();
        if (key != null) {
            perAddress.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
        }
    }

    private boolean isTrusted(InetAddress address) {
        for (IpRange r : trusted) {
            if (r.contains(address.getAddress())) {
                return true;
            }
        }
        return false;
    }

    /** The address, or for IPv6 its /64. */
    private static ByteBuffer key(InetAddress address) {
        byte[] b = address.getAddress();
        return ByteBuffer.wrap(address instanceof Inet6Address ? Arrays.copyOf(b, 8) : b);
    }

    private void remember(Channel child) {
        unproven.add(child);
        // Entries of connections since used or closed stay until swept: sweep when they outnumber the live ones.
        if (queued.incrementAndGet() > 2 * open.get() + 1024) {
            unproven.removeIf(c -> !c.isOpen() || c.hasAttr(IN_USE));
            queued.set(unproven.size());
        }
    }

    private boolean evictOne() {
        Channel c;
        while ((c = unproven.poll()) != null) {
            queued.decrementAndGet();
            if (c.isOpen() && !c.hasAttr(IN_USE)) {
                cuts.count(Reason.EVICTED);
                c.close();
                return true;
            }
        }
        return false;
    }

    private void refuse(Channel child, Reason reason) {
        cuts.count(reason);
        child.unsafe().closeForcibly();
    }

    /**
     * accept() failed, most likely with EMFILE: Netty would log it with a stack trace and retry
     * after a second; here it is counted, summarised in the log by {@link ConnectionCuts}, and
     * accepting resumes after a short pause, when closed sockets may have freed descriptors.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        cuts.count(Reason.ACCEPT_ERROR);
        Channel listener = ctx.channel();
        if (listener.config().isAutoRead()) {
            listener.config().setAutoRead(false);
            ctx.executor().schedule(() -> listener.config().setAutoRead(true), ACCEPT_PAUSE_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }
}
