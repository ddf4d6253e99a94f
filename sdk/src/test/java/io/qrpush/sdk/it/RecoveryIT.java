package io.qrpush.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qrpush.sdk.ClientState;
import io.qrpush.sdk.HistoryPage;
import io.qrpush.sdk.HistoryQuery;
import io.qrpush.sdk.Message;
import io.qrpush.sdk.Presence;
import io.qrpush.sdk.PresenceEvent;
import io.qrpush.sdk.PresenceStats;
import io.qrpush.sdk.PublishResult;
import io.qrpush.sdk.QrPushClient;
import io.qrpush.sdk.RecoveryFailure;
import io.qrpush.sdk.SubscribeResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * History and recovery against the real server (docs/protocol.md section 6): a subscriber whose
 * connection is cut again and again while a publisher keeps going receives every offset once, in
 * order, and is never told of a loss.
 */
class RecoveryIT {
    private static final int PUBLISHED = 60;
    private SdkServer server;
    private TcpProxy proxy;
    private QrPushClient subscriber;

    @AfterEach
    void stop() throws Exception {
        if (subscriber != null) {
            subscriber.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void cutConnectionsRecoverEveryMessageOnceAndInOrder() throws Exception {
        server = SdkServer.startWithHistory();
        proxy = new TcpProxy(server.port());
        Inbox inbox = new Inbox();
        List<RecoveryFailure> failures = new CopyOnWriteArrayList<>();
        subscriber = SdkServer.client("ws://127.0.0.1:" + proxy.port() + "/ws").build();
        subscriber.onMessage(inbox);
        subscriber.onRecoveryFailed(failures::add);
        subscriber.connect().get(10, TimeUnit.SECONDS);
        SubscribeResult first = subscriber.subscribe(SdkServer.HISTORY_CHANNEL).get(10, TimeUnit.SECONDS);
        assertThat(first.position()).as("a history channel answers its position").isNotNull();

        List<PublishResult> published = new CopyOnWriteArrayList<>();
        for (int i = 1; i <= PUBLISHED; i++) {
            if (i % 15 == 1 && i > 1) {
                // A cut while messages keep coming: what is published until the resubscribe is recovered.
                await().atMost(Inbox.WAIT).until(() -> subscriber.state() == ClientState.CONNECTED);
                proxy.cutAll();
            }
            published.add(server.api().publish(SdkServer.HISTORY_CHANNEL, Map.of("n", i)));
        }
        await().atMost(Inbox.WAIT).until(() -> proxy.connections() == 4);
        await().atMost(Inbox.WAIT).until(() -> inbox.all().size() >= PUBLISHED);

        long base = first.position().offset();
        assertThat(published).extracting(PublishResult::offset)
                .containsExactlyElementsOf(LongStream.rangeClosed(base + 1, base + PUBLISHED).boxed().toList());
        assertThat(inbox.all()).extracting(Message::offset)
                .as("each offset once, in order").containsExactlyElementsOf(published.stream().map(PublishResult::offset).toList());
        assertThat(failures).isEmpty();

        HistoryPage page = subscriber.history(SdkServer.HISTORY_CHANNEL, HistoryQuery.all().limit(5).reversed())
                .get(10, TimeUnit.SECONDS);
        assertThat(page.publications()).extracting(Message::offset)
                .containsExactly(base + 60, base + 59, base + 58, base + 57, base + 56);
        assertThat(server.api().history(SdkServer.HISTORY_CHANNEL, 2, page.latest()).publications()).isEmpty();
    }

    @Test
    void aRestartedServerHasANewEpochAndTheClientIsToldItMayHaveMissedMessages() throws Exception {
        server = SdkServer.startWithHistory();
        int port = server.port();
        List<RecoveryFailure> failures = new CopyOnWriteArrayList<>();
        Inbox inbox = new Inbox();
        subscriber = server.client().build();
        subscriber.onMessage(inbox);
        subscriber.onRecoveryFailed(failures::add);
        subscriber.connect().get(10, TimeUnit.SECONDS);
        SubscribeResult first = subscriber.subscribe(SdkServer.HISTORY_CHANNEL).get(10, TimeUnit.SECONDS);
        server.api().publish(SdkServer.HISTORY_CHANNEL, Map.of("n", 1));
        await().atMost(Inbox.WAIT).until(() -> inbox.all().size() == 1);

        server.close(); // the memory broker's history goes with it
        await().atMost(Inbox.WAIT).until(() -> subscriber.state() == ClientState.CONNECTING);
        server = SdkServer.startWithHistoryOn(port);

        await().atMost(Inbox.WAIT).until(() -> failures.size() == 1);
        RecoveryFailure f = failures.get(0);
        assertThat(f.channel()).isEqualTo(SdkServer.HISTORY_CHANNEL);
        assertThat(f.position().epoch()).isNotEqualTo(first.position().epoch());
        server.api().publish(SdkServer.HISTORY_CHANNEL, Map.of("n", 2));
        inbox.awaitContent("n", "2");
        assertThat(inbox.all()).extracting(Message::offset).as("counting restarted with the new epoch")
                .containsExactly(first.position().offset() + 1, f.position().offset() + 1);
    }

    @Test
    void presenceAndJoinAndLeaveOnTheRealServer() throws Exception {
        server = SdkServer.startWithHistory();
        List<PresenceEvent> joins = new CopyOnWriteArrayList<>();
        List<PresenceEvent> leaves = new CopyOnWriteArrayList<>();
        subscriber = server.client().otp(() -> SdkServer.tokens().otp("ann").mint()).build();
        subscriber.onJoin(joins::add);
        subscriber.onLeave(leaves::add);
        subscriber.connect().get(10, TimeUnit.SECONDS);
        subscriber.subscribe(SdkServer.HISTORY_CHANNEL).get(10, TimeUnit.SECONDS);
        try (QrPushClient bob = server.client().otp(() -> SdkServer.tokens().otp("bob").mint()).build()) {
            bob.connect().get(10, TimeUnit.SECONDS);
            bob.subscribe(SdkServer.HISTORY_CHANNEL).get(10, TimeUnit.SECONDS);
            await().atMost(Inbox.WAIT).until(() -> joins.stream().anyMatch(j -> j.userId().equals("bob")));
            Presence who = subscriber.presence(SdkServer.HISTORY_CHANNEL, null).get(10, TimeUnit.SECONDS);
            assertThat(who.users()).isEqualTo(2);
            assertThat(who.clients()).extracting(Presence.Client::userId).containsExactlyInAnyOrder("ann", "bob");
            assertThat(subscriber.presenceStats(SdkServer.HISTORY_CHANNEL, null).get(10, TimeUnit.SECONDS))
                    .isEqualTo(new PresenceStats(2, 2));
            assertThat(server.api().presence(SdkServer.HISTORY_CHANNEL).users()).isEqualTo(2);
        }
        await().atMost(Inbox.WAIT).until(() -> leaves.stream().anyMatch(l -> l.userId().equals("bob")));
    }
}
