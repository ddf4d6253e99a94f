package io.qrpush.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** History, recovery and presence (docs/protocol.md sections 6 and 7) against a scripted server. */
class RecoveryTest {
    private FakeWsServer server;
    private QrPushClient client;
    private final List<Message> got = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new FakeWsServer();
        client = server.client().build();
        client.onMessage(got::add);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static String msg(long offset) {
        return "{\"op\":\"message\",\"channel\":\"news:1\",\"guid\":\"g" + offset + "\",\"ts\":1,\"content\":" + offset
                + ",\"offset\":" + offset + "}";
    }

    private static String pub(long offset) {
        return "{\"guid\":\"g" + offset + "\",\"ts\":1,\"content\":" + offset + ",\"offset\":" + offset + "}";
    }

    private FakeWsServer.Peer connected() throws Exception {
        return server.connect(client);
    }

    /** Connects and subscribes to news:1, answered with {@code offset} in epoch e1. */
    private FakeWsServer.Peer subscribed(long offset) throws Exception {
        FakeWsServer.Peer peer = connected();
        CompletableFuture<SubscribeResult> sub = client.subscribe("news:1");
        JsonNode frame = peer.next("subscribe");
        assertThat(frame.has("recover")).as("nothing to recover on the first subscribe").isFalse();
        peer.reply(frame, "\"code\":200,\"channel\":\"news:1\",\"offset\":" + offset + ",\"epoch\":\"e1\"");
        assertThat(sub.get(10, TimeUnit.SECONDS).position()).isEqualTo(new StreamPosition(offset, "e1"));
        return peer;
    }

    /** Drops {@code peer}; returns the next connection, authorized, and its resubscribe frame. */
    private static JsonNode resubscribe(FakeWsServer server, FakeWsServer.Peer peer, FakeWsServer.Peer[] next)
            throws Exception {
        peer.drop();
        next[0] = server.nextPeer();
        next[0].accept();
        return next[0].next("subscribe");
    }

    /** Waits for one ack of each guid given (in any order); every delivery before them is then done. */
    private static void awaitAcks(FakeWsServer.Peer peer, String... guids) throws InterruptedException {
        List<String> acked = new ArrayList<>();
        for (int i = 0; i < guids.length; i++) {
            acked.add(peer.next("ack").path("guid").asText());
        }
        assertThat(acked).containsExactlyInAnyOrder(guids);
    }

    private List<Long> offsets() {
        return got.stream().map(Message::offset).toList();
    }

    @Test
    void aResubscribeRecoversFromTheLastOffsetSeen() throws Exception {
        FakeWsServer.Peer first = subscribed(5);
        first.send(msg(6));
        first.send(msg(7));
        await().atMost(FakeWsServer.WAIT).until(() -> got.size() == 2);
        FakeWsServer.Peer[] second = new FakeWsServer.Peer[1];
        JsonNode again = resubscribe(server, first, second);
        assertThat(again.path("recover").path("offset").asLong()).isEqualTo(7);
        assertThat(again.path("recover").path("epoch").asText()).isEqualTo("e1");
    }

    @Test
    void missedPublicationsComeOnceAndInOrderBeforeLiveMessagesThatArrivedDuringTheRecovery() throws Exception {
        FakeWsServer.Peer first = subscribed(7);
        FakeWsServer.Peer[] second = new FakeWsServer.Peer[1];
        JsonNode again = resubscribe(server, first, second);
        // Live 9 comes before the reply that also carries it; then the reply, a repeat of 9, and 10.
        second[0].send(msg(9));
        second[0].reply(again, "\"code\":200,\"channel\":\"news:1\",\"offset\":9,\"epoch\":\"e1\",\"recovered\":true,"
                + "\"publications\":[" + pub(8) + "," + pub(9) + "]");
        second[0].send(msg(9));
        second[0].send(msg(10));
        // Acks: the held 9 and the repeated 9 at once, 10 after its listener, which runs after 8's and 9's.
        awaitAcks(second[0], "g9", "g9", "g10");
        assertThat(offsets()).containsExactly(8L, 9L, 10L);
        assertThat(got.get(0)).isEqualTo(new Message("news:1", "g8", null, 1, Json.parse("8"), 8));
    }

    @Test
    void aMessageWhoseOffsetWasPassedIsDroppedButAcked() throws Exception {
        FakeWsServer.Peer peer = subscribed(5);
        for (long o : new long[] {6, 8, 7, 9}) {
            peer.send(msg(o));
        }
        // The repeat is acked at once, the others once their listeners returned.
        awaitAcks(peer, "g6", "g7", "g8", "g9");
        assertThat(offsets()).containsExactly(6L, 8L, 9L);
    }

    @Test
    void recoveredFalseIsToldAndCountingGoesOnFromTheNewOffset() throws Exception {
        assertLossIsStated("\"recovered\":false,\"offset\":50,\"epoch\":\"e1\"", "e1");
    }

    @Test
    void aNewEpochIsALossEvenWhenTheReplySaysRecovered() throws Exception {
        assertLossIsStated("\"recovered\":true,\"offset\":50,\"epoch\":\"e2\",\"publications\":[" + pub(49) + "]", "e2");
    }

    private void assertLossIsStated(String answer, String epoch) throws Exception {
        List<RecoveryFailure> failures = new CopyOnWriteArrayList<>();
        client.onRecoveryFailed(failures::add);
        FakeWsServer.Peer first = subscribed(5);
        FakeWsServer.Peer[] second = new FakeWsServer.Peer[1];
        JsonNode again = resubscribe(server, first, second);
        second[0].reply(again, "\"code\":200,\"channel\":\"news:1\"," + answer);
        await().atMost(FakeWsServer.WAIT).until(() -> failures.size() == 1);
        assertThat(failures.get(0)).isEqualTo(new RecoveryFailure("news:1", new StreamPosition(50, epoch)));
        second[0].send(msg(50));
        second[0].send(msg(51));
        awaitAcks(second[0], "g50", "g51");
        assertThat(offsets()).containsExactly(51L);
        FakeWsServer.Peer[] third = new FakeWsServer.Peer[1];
        JsonNode last = resubscribe(server, second[0], third);
        assertThat(last.path("recover").path("offset").asLong()).isEqualTo(51);
        assertThat(last.path("recover").path("epoch").asText()).isEqualTo(epoch);
    }

    @Test
    void historyAsksWithSinceLimitAndReverseAndReadsThePage() throws Exception {
        FakeWsServer.Peer peer = connected();
        CompletableFuture<HistoryPage> page = client.history("news:1",
                HistoryQuery.since(new StreamPosition(5, "e1")).limit(2).reversed());
        JsonNode asked = peer.next("history");
        assertThat(asked.path("channel").asText()).isEqualTo("news:1");
        assertThat(asked.path("since").path("offset").asLong()).isEqualTo(5);
        assertThat(asked.path("limit").asInt()).isEqualTo(2);
        assertThat(asked.path("reverse").asBoolean()).isTrue();
        peer.reply(asked, "\"code\":200,\"publications\":[" + pub(4) + "," + pub(3) + "],\"offset\":9,\"epoch\":\"e1\"");
        HistoryPage p = page.get(10, TimeUnit.SECONDS);
        assertThat(p.latest()).isEqualTo(new StreamPosition(9, "e1"));
        assertThat(p.publications()).extracting(Message::offset).containsExactly(4L, 3L);
        assertThat(p.publications().get(0).channel()).isEqualTo("news:1");
    }

    @Test
    void presenceAndPresenceStatsAndTheirRefusal() throws Exception {
        FakeWsServer.Peer peer = connected();
        CompletableFuture<Presence> who = client.presence("room:1", null);
        peer.reply(peer.next("presence"), "\"code\":200,\"clients\":[{\"sid\":\"s1\",\"userId\":\"u1\",\"name\":\"Ann\"}],\"users\":1");
        assertThat(who.get(10, TimeUnit.SECONDS)).isEqualTo(new Presence(List.of(new Presence.Client("s1", "u1", "Ann")), 1));
        CompletableFuture<PresenceStats> stats = client.presenceStats("room:1", "tok");
        JsonNode asked = peer.next("presence_stats");
        assertThat(asked.path("token").asText()).isEqualTo("tok");
        peer.reply(asked, "\"code\":200,\"clients\":3,\"users\":2");
        assertThat(stats.get(10, TimeUnit.SECONDS)).isEqualTo(new PresenceStats(3, 2));
        CompletableFuture<Presence> refused = client.presence("news:1", null);
        peer.reply(peer.next("presence"), "\"code\":400,\"error\":\"not_enabled\",\"message\":\"no presence\"");
        assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(QrPushException.class, e -> assertThat(e.error()).isEqualTo("not_enabled"));
    }

    @Test
    void aQueryWithoutAConnectionFailsAtOnce() {
        assertThatThrownBy(() -> client.history("news:1", HistoryQuery.all()).get(10, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(QrPushException.class,
                        e -> assertThat(e.error()).isEqualTo(QrPushException.DISCONNECTED));
    }

    @Test
    void joinAndLeaveReachTheirListeners() throws Exception {
        List<PresenceEvent> joins = new CopyOnWriteArrayList<>();
        List<PresenceEvent> leaves = new CopyOnWriteArrayList<>();
        client.onJoin(joins::add);
        client.onLeave(leaves::add);
        FakeWsServer.Peer peer = connected();
        peer.send("{\"op\":\"join\",\"channel\":\"room:1\",\"user\":{\"userId\":\"u2\",\"name\":\"Bo\"}}");
        peer.send("{\"op\":\"leave\",\"channel\":\"room:1\",\"user\":{\"userId\":\"u2\"}}");
        await().atMost(FakeWsServer.WAIT).until(() -> leaves.size() == 1);
        assertThat(joins).containsExactly(new PresenceEvent("room:1", "u2", "Bo"));
        assertThat(leaves).containsExactly(new PresenceEvent("room:1", "u2", null));
    }
}
