package io.qrpush.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrpush.server.core.ChannelKey;
import io.qrpush.server.presence.PresenceClient;
import io.qrpush.server.presence.PresenceEvent;
import io.qrpush.server.presence.PresenceEvent.Kind;
import io.qrpush.server.presence.PresenceStats;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Presence shared through a real redis-server by two nodes, one of which stops ticking as if dead. */
class RedisPresenceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ChannelKey ROOM = new ChannelKey("app", "room:1");
    private static final Duration PING = Duration.ofSeconds(1);

    private final List<PresenceEvent> events = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
    private RedisPair pair;
    private RedisPresence nodeA;
    private RedisPresence nodeB;

    @BeforeEach
    void start() throws Exception {
        pair = RedisPair.start();
        nodeA = new RedisPresence(pair.a, "A", JSON, events::add, PING);
        nodeB = new RedisPresence(pair.b, "B", JSON, events::add, PING);
        nodeA.tick().join();
        nodeB.tick().join();
    }

    @AfterEach
    void stop() throws Exception {
        timers.shutdownNow();
        pair.close();
    }

    private ScheduledFuture<?> ticking(RedisPresence node, AtomicLong lastTick) {
        return timers.scheduleAtFixedRate(() -> {
            node.tick().join();
            lastTick.set(System.nanoTime());
        }, 0, PING.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void aUserWithTabsOnTwoNodesJoinsOnceAndLeavesOnce() {
        nodeA.add(ROOM, new PresenceClient("s1", "alice", "Alice")).join();
        nodeB.add(ROOM, new PresenceClient("s2", "alice", "Alice")).join();
        nodeA.add(ROOM, new PresenceClient("s3", "alice", "Alice")).join();
        nodeB.add(ROOM, new PresenceClient("s4", "anon-s4", null)).join();
        assertThat(events).containsExactly(new PresenceEvent(Kind.JOIN, ROOM, "alice", "Alice"),
                new PresenceEvent(Kind.JOIN, ROOM, "anon-s4", null));

        var p = nodeB.presence(ROOM).join();
        assertThat(p.clients()).extracting(PresenceClient::sid).containsExactlyInAnyOrder("s1", "s2", "s3", "s4");
        assertThat(p.clients()).contains(new PresenceClient("s4", "anon-s4", null));
        assertThat(p.users()).isEqualTo(2);
        assertThat(nodeA.stats(ROOM).join()).isEqualTo(new PresenceStats(4, 2));

        nodeA.remove(ROOM, "s1").join();
        nodeB.remove(ROOM, "s2").join();
        nodeB.remove(ROOM, "s2").join();
        assertThat(events).hasSize(2);
        nodeA.remove(ROOM, "s3").join();
        assertThat(events).last().isEqualTo(new PresenceEvent(Kind.LEAVE, ROOM, "alice", "Alice"));
        assertThat(nodeA.stats(ROOM).join()).isEqualTo(new PresenceStats(1, 1));
    }

    @Test
    void aDeadNodesEntriesGoWithinThreeIntervalsWithALeaveForEachUser() {
        nodeA.add(ROOM, new PresenceClient("s1", "alice", "Alice")).join();
        nodeA.add(ROOM, new PresenceClient("s2", "bob", null)).join();
        nodeB.add(ROOM, new PresenceClient("s3", "carol", null)).join();
        nodeB.add(ROOM, new PresenceClient("s4", "alice", "Alice")).join();
        AtomicLong lastTickA = new AtomicLong(System.nanoTime());
        ScheduledFuture<?> a = ticking(nodeA, lastTickA);
        ticking(nodeB, new AtomicLong());
        await().atMost(Duration.ofSeconds(5)).until(() -> System.nanoTime() - lastTickA.get() < PING.toNanos());

        a.cancel(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(e -> e.kind() == Kind.LEAVE));
        long goneAfterMillis = (System.nanoTime() - lastTickA.get()) / 1_000_000;

        assertThat(goneAfterMillis).as("gone within three ping intervals of A's last heartbeat")
                .isLessThanOrEqualTo(3 * PING.toMillis() + 300);
        assertThat(events.stream().filter(e -> e.kind() == Kind.LEAVE).toList())
                .as("bob left; alice is still on B").containsExactly(new PresenceEvent(Kind.LEAVE, ROOM, "bob", null));
        assertThat(nodeB.presence(ROOM).join().clients()).extracting(PresenceClient::sid)
                .containsExactlyInAnyOrder("s3", "s4");
    }

    @Test
    void aStalledNodeThatWasReapedAddsItsEntriesAgain() {
        nodeA.add(ROOM, new PresenceClient("s1", "bob", null)).join();
        ticking(nodeB, new AtomicLong());
        await().atMost(Duration.ofSeconds(10)).until(() -> events.contains(new PresenceEvent(Kind.LEAVE, ROOM, "bob", null)));
        assertThat(nodeB.stats(ROOM).join()).isEqualTo(new PresenceStats(0, 0));

        nodeA.tick().join();
        assertThat(events).last().isEqualTo(new PresenceEvent(Kind.JOIN, ROOM, "bob", null));
        assertThat(nodeB.stats(ROOM).join()).isEqualTo(new PresenceStats(1, 1));
        nodeA.remove(ROOM, "s1").join();
        assertThat(events).last().isEqualTo(new PresenceEvent(Kind.LEAVE, ROOM, "bob", null));
    }
}
