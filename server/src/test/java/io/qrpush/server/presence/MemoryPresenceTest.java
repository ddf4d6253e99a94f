package io.qrpush.server.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.qrpush.server.core.ChannelKey;
import io.qrpush.server.presence.PresenceEvent.Kind;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Presence on one node: entries, counts, and join/leave per user rather than per connection. */
class MemoryPresenceTest {
    private static final ChannelKey ROOM = new ChannelKey("app", "room:1");

    private final List<PresenceEvent> events = new CopyOnWriteArrayList<>();
    private final MemoryPresence presence = new MemoryPresence(events::add);

    @Test
    void aUserWithThreeTabsJoinsOnceAndLeavesOnce() {
        presence.add(ROOM, new PresenceClient("s1", "alice", "Alice"));
        presence.add(ROOM, new PresenceClient("s2", "alice", "Alice"));
        presence.add(ROOM, new PresenceClient("s3", "alice", "Alice"));
        assertThat(events).containsExactly(new PresenceEvent(Kind.JOIN, ROOM, "alice", "Alice"));
        presence.remove(ROOM, "s1");
        presence.remove(ROOM, "s3");
        assertThat(events).hasSize(1);
        presence.remove(ROOM, "s2");
        assertThat(events).containsExactly(new PresenceEvent(Kind.JOIN, ROOM, "alice", "Alice"),
                new PresenceEvent(Kind.LEAVE, ROOM, "alice", "Alice"));
        assertThat(presence.channels()).as("an empty channel is freed").isZero();
    }

    @Test
    void presenceListsConnectionsAndCountsDistinctUsers() {
        presence.add(ROOM, new PresenceClient("s1", "alice", "Alice"));
        presence.add(ROOM, new PresenceClient("s2", "alice", "Alice"));
        presence.add(ROOM, new PresenceClient("s3", "anon-s3", null));
        Presence p = presence.presence(ROOM).join();
        assertThat(p.clients()).extracting(PresenceClient::sid).containsExactly("s1", "s2", "s3");
        assertThat(p.users()).isEqualTo(2);
        assertThat(presence.stats(ROOM).join()).isEqualTo(new PresenceStats(3, 2));
        assertThat(presence.stats(new ChannelKey("app", "room:2")).join()).isEqualTo(new PresenceStats(0, 0));
        assertThat(presence.presence(new ChannelKey("other", "room:1")).join().clients()).isEmpty();
    }

    @Test
    void repeatedAddsAndUnknownRemovesChangeNothing() {
        presence.add(ROOM, new PresenceClient("s1", "alice", null));
        presence.add(ROOM, new PresenceClient("s1", "alice", null));
        presence.remove(ROOM, "nobody");
        presence.remove(new ChannelKey("app", "room:9"), "s1");
        assertThat(presence.stats(ROOM).join()).isEqualTo(new PresenceStats(1, 1));
        assertThat(events).hasSize(1);
    }
}
