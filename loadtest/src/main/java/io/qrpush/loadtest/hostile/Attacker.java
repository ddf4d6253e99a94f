package io.qrpush.loadtest.hostile;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.qrpush.loadtest.net.ClientLoop;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs an {@link AttackPlan} against a server on this machine: keeps each kind's sockets open
 * (re-opening, after a delay, those the server ends), with a bounded number of connects in flight,
 * from the plan's addresses in turn; after {@code attackFor} closes everything and returns what
 * became of every socket.
 */
public final class Attacker {
    /** The cause under which connects the server had not completed by the end of the attack are counted. */
    static final String PENDING_AT_END = "connect:still_pending_at_end";

    private final InetSocketAddress server;
    private final AttackPlan plan;
    private final Map<AttackKind, AttackTally> tallies = new EnumMap<>(AttackKind.class);
    private final ConcurrentLinkedQueue<AttackKind> toOpen = new ConcurrentLinkedQueue<>();
    private final AtomicInteger connecting = new AtomicInteger();
    private final AtomicInteger nextAddress = new AtomicInteger();
    private final byte[] slowHead;
    private final byte[] bodyHead;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private volatile boolean lettingGo;

    /** Sets up the event loops; nothing is sent before {@link #run}. */
    public Attacker(InetSocketAddress server, AttackPlan plan) {
        this.server = server;
        this.plan = plan;
        String hostPort = server.getHostString() + ":" + server.getPort();
        this.slowHead = AttackKind.slowHead(hostPort);
        this.bodyHead = AttackKind.bodyHead(hostPort, plan.bodyBytes());
        for (AttackKind k : AttackKind.values()) {
            tallies.put(k, new AttackTally(plan.count(k)));
        }
        boolean epoll = Epoll.isAvailable();
        group = epoll ? new EpollEventLoopGroup(2) : new NioEventLoopGroup(2);
        bootstrap = new Bootstrap().group(group).channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5_000);
    }

    /**
     * Opens and closes one socket to a listener of its own, so that the class loading and first
     * compilation of the connect path happen before the attack, not in its first seconds.
     */
    public void warmUp() throws IOException, InterruptedException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AttackSocket probe = new AttackSocket(AttackKind.FLOOD, new AttackTally(1), slowHead, plan.bodyBytes(),
                    plan.dripEvery().toNanos(), () -> true, () -> { });
            Channel ch = bootstrap.clone().handler(probe)
                    .connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()))
                    .sync().channel();
            ch.close().sync();
        }
    }

    /** What the attack tells as it goes. */
    public interface Listener {
        /** The first connect is about to go out. */
        void started();

        /** Once a second, and once more just before letting go. */
        void progress(AttackProgress p);

        /** Every socket is closed. */
        void released();
    }

    /** Attacks for the plan's time, telling {@code listener} as it goes; returns what became of the sockets. */
    public AttackResult run(Listener listener) throws InterruptedException {
        try {
            long start = System.nanoTime();
            listener.started();
            // Kinds interleaved, so that every attack is under way before the flood has opened all of its sockets.
            for (int i = 0, max = plan.sockets().values().stream().max(Integer::compare).orElse(0); i < max; i++) {
                for (AttackKind k : AttackKind.values()) {
                    if (i < plan.count(k)) {
                        toOpen.add(k);
                    }
                }
            }
            pump();
            long end = start + plan.attackFor().toNanos();
            for (long next = start + 1_000_000_000L; next < end; next += 1_000_000_000L) {
                TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
                listener.progress(progress());
            }
            TimeUnit.NANOSECONDS.sleep(Math.max(0, end - System.nanoTime()));
            // The last count before letting go, so that even an attack shorter than a second has one.
            listener.progress(progress());
            lettingGo = true;
            long releaseStart = System.nanoTime();
            channels.close().await(10, TimeUnit.SECONDS);
            double releaseSeconds = (System.nanoTime() - releaseStart) / 1e9;
            listener.released();
            double attackSeconds = (releaseStart - start) / 1e9;
            // The close listeners run on the event loops: let them finish their books before reading them.
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
            Map<String, KindResult> kinds = new LinkedHashMap<>();
            tallies.forEach((k, t) -> kinds.put(k.key(), t.result()));
            return new AttackResult(kinds, attackSeconds, releaseSeconds);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    /** Every kind together, for the progress line. */
    public AttackProgress progress() {
        long open = tallies.values().stream().mapToLong(AttackTally::open).sum();
        return AttackProgress.of(open, tallies.values().stream().map(AttackTally::result).toList());
    }

    /** Starts queued connects while fewer than the plan's concurrency are in flight. */
    private void pump() {
        while (!lettingGo) {
            int n = connecting.get();
            if (n >= plan.concurrency()) {
                return;
            }
            if (!connecting.compareAndSet(n, n + 1)) {
                continue;
            }
            AttackKind kind = toOpen.poll();
            if (kind == null) {
                connecting.decrementAndGet();
                return;
            }
            connect(kind);
        }
    }

    private void connect(AttackKind kind) {
        AttackTally tally = tallies.get(kind);
        AttackSocket handler = new AttackSocket(kind, tally, kind == AttackKind.SLOWLORIS ? slowHead : bodyHead,
                plan.bodyBytes(), plan.dripEvery().toNanos(), () -> lettingGo, () -> reopenLater(kind));
        InetSocketAddress local = new InetSocketAddress(
                plan.addresses().get(Math.floorMod(nextAddress.getAndIncrement(), plan.addresses().size())), 0);
        Channel ch = bootstrap.clone().handler(handler).connect(server, local).addListener(f -> {
            connecting.decrementAndGet();
            if (!f.isSuccess()) {
                // Connects still waiting for the server when the attack let go were closed by us, not refused.
                tally.connectFailed(lettingGo ? PENDING_AT_END : ClientLoop.connectErrorKey(f.cause()));
                reopenLater(kind);
            }
            pump();
        }).channel();
        channels.add(ch);
    }

    /** A slot whose socket ended (or never connected) opens a new one after the plan's delay, until the end. */
    private void reopenLater(AttackKind kind) {
        if (lettingGo || plan.reopenDelay() == null) {
            return;
        }
        group.schedule(() -> {
            toOpen.add(kind);
            pump();
        }, plan.reopenDelay().toMillis(), TimeUnit.MILLISECONDS);
    }
}
