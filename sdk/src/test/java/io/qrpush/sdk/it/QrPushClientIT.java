package io.qrpush.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.qrpush.sdk.ClientState;
import io.qrpush.sdk.ConnectInfo;
import io.qrpush.sdk.PublishResult;
import io.qrpush.sdk.QrPushClient;
import io.qrpush.sdk.QrPushException;
import io.qrpush.sdk.QrPushException.Kind;
import io.qrpush.sdk.Receipt;
import io.qrpush.sdk.SubscribeResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The realtime client against the real server: authorize, subscribe, publish, receipts, refusals. */
class QrPushClientIT {
    private SdkServer server;
    private final List<QrPushClient> clients = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = SdkServer.start();
    }

    @AfterEach
    void stop() {
        clients.forEach(QrPushClient::close);
        server.close();
    }

    private QrPushClient anonymous() {
        return keep(server.client().build());
    }

    private QrPushClient user(String id, String... globs) {
        return keep(server.client().otp(() -> SdkServer.tokens().otp(id).publishTo(globs).mint()).build());
    }

    private QrPushClient keep(QrPushClient c) {
        clients.add(c);
        return c;
    }

    private static <T> T get(java.util.concurrent.CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    @Test
    void anAnonymousClientReceivesWhatTheBackendPublishes() throws Exception {
        QrPushClient c = anonymous();
        Inbox news = new Inbox();
        c.onMessage("news", news);
        ConnectInfo info = get(c.connect());
        assertThat(info.userId()).startsWith("anon-");
        assertThat(info.canPublish()).isFalse();
        assertThat(c.state()).isEqualTo(ClientState.CONNECTED);
        SubscribeResult sub = get(c.subscribe("news"));
        assertThat(sub.channel()).isEqualTo("news");
        assertThat(sub.resubscribed()).isFalse();
        server.api().publish("other", Map.of("x", 1));
        PublishResult r = server.api().publish("news", Map.of("headline", "hello"));
        assertThat(news.await(m -> true).guid()).isEqualTo(r.guid());
        assertThat(news.all()).hasSize(1);
    }

    @Test
    void aUserPublishesWithAReceiptAndTheSubscribersAckComesBack() throws Exception {
        QrPushClient alice = user("alice", "chat:*");
        QrPushClient bob = user("bob");
        Inbox bobs = new Inbox();
        bob.onMessage(bobs);
        List<Receipt> receipts = new CopyOnWriteArrayList<>();
        alice.onReceipt(receipts::add);
        assertThat(get(alice.connect()).canPublish()).isTrue();
        get(bob.connect());
        get(bob.subscribe("chat:1"));

        PublishResult r = get(alice.publish("chat:1", Map.of("text", "hi bob"), true));
        assertThat(r.delivered()).isEqualTo(1);
        assertThat(bobs.await(m -> m.guid().equals(r.guid())).from()).isEqualTo("alice");
        await().atMost(Inbox.WAIT).until(() -> !receipts.isEmpty());
        assertThat(receipts).containsExactly(new Receipt("chat:1", r.guid(), "bob"));

        PublishResult own = get(alice.publish("chat:1", "with my guid", false, "msg-1"));
        assertThat(own.guid()).isEqualTo("msg-1");
        assertThat(get(alice.publish("chat:1", "with my guid", false, "msg-1")).duplicate()).isTrue();
    }

    @Test
    void aRefusedPublishFailsItsFutureWithTheServersWord() throws Exception {
        QrPushClient anon = anonymous();
        get(anon.connect());
        assertThatThrownBy(() -> get(anon.publish("news", 1)))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(QrPushException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.error()).isEqualTo("forbidden");
                    assertThat(e.kind()).isEqualTo(Kind.FORBIDDEN);
                });
        assertThatThrownBy(() -> get(anon.subscribe("bad channel")))
                .cause().isInstanceOfSatisfying(QrPushException.class, e -> assertThat(e.error()).isEqualTo("bad_channel"));
        assertThatThrownBy(() -> get(anon.publish("news", "x".repeat(70_000))))
                .cause().isInstanceOfSatisfying(QrPushException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE));
        assertThat(anon.state()).as("refusals do not cost the connection").isEqualTo(ClientState.CONNECTED);
    }

    @Test
    void protectedChannelsNeedTheirToken() throws Exception {
        QrPushClient c = anonymous();
        Inbox inbox = new Inbox();
        c.onMessage(inbox);
        get(c.connect());
        assertThatThrownBy(() -> get(c.subscribe("private:room")))
                .cause().isInstanceOfSatisfying(QrPushException.class, e -> assertThat(e.error()).isEqualTo("bad_token"));
        String token = SdkServer.tokens().subscriptionToken("private:room", Duration.ofMinutes(5));
        get(c.subscribe("private:room", token));
        server.api().publish("private:room", Map.of("secret", "plans"));
        assertThat(inbox.awaitContent("secret", "plans").channel()).isEqualTo("private:room");
    }

    @Test
    void unsubscribeStopsTheSubscription() throws Exception {
        QrPushClient c = anonymous();
        get(c.connect());
        get(c.subscribe("news"));
        assertThat(server.api().channel("news").subscribers()).isEqualTo(1);
        get(c.unsubscribe("news"));
        assertThat(server.api().channel("news").subscribers()).isZero();
    }

    @Test
    void anUnknownAppkeyStopsTheClient() throws Exception {
        AtomicInteger otps = new AtomicInteger();
        QrPushClient c = keep(QrPushClient.builder(server.wsUrl(), "no-such-app").otp(() -> {
            otps.incrementAndGet();
            return null;
        }).reconnectDelay(Duration.ofMillis(20), Duration.ofMillis(50)).build());
        assertThatThrownBy(() -> get(c.connect()))
                .cause().isInstanceOfSatisfying(QrPushException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED));
        assertThat(c.state()).isEqualTo(ClientState.DISCONNECTED);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> otps.get() == 1);
    }

    @Test
    void aRefusedOtpIsRetriedWithAFreshOne() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        List<QrPushException> errors = new CopyOnWriteArrayList<>();
        QrPushClient c = keep(server.client().otp(() -> asked.incrementAndGet() == 1 ? "not-a-jwt"
                : SdkServer.tokens().otp("carol").mint()).build());
        c.onError(errors::add);
        assertThat(get(c.connect()).userId()).isEqualTo("carol");
        assertThat(asked.get()).isEqualTo(2);
        assertThat(errors).anySatisfy(e -> assertThat(e.error()).isEqualTo("bad_otp"));
    }

    @Test
    void closeFailsWhatWaitsAndIsFinal() throws Exception {
        QrPushClient c = anonymous();
        var pending = c.publish("news", 1); // queued: not connected yet
        c.close();
        assertThat(c.state()).isEqualTo(ClientState.CLOSED);
        assertThatThrownBy(() -> get(pending))
                .cause().isInstanceOfSatisfying(QrPushException.class, e -> assertThat(e.kind()).isEqualTo(Kind.DISCONNECTED));
        assertThatThrownBy(() -> get(c.connect())).cause().isInstanceOf(QrPushException.class);
        c.close(); // idempotent
    }
}
