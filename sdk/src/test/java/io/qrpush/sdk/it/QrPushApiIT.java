package io.qrpush.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.qrpush.sdk.ChannelInfo;
import io.qrpush.sdk.ClientState;
import io.qrpush.sdk.PublishResult;
import io.qrpush.sdk.QrPushApi;
import io.qrpush.sdk.QrPushClient;
import io.qrpush.sdk.QrPushException;
import io.qrpush.sdk.QrPushException.Kind;
import io.qrpush.sdk.StateChange;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every {@link QrPushApi} call against the real server, answered and refused. */
class QrPushApiIT {
    private SdkServer server;
    private QrPushApi api;
    private QrPushClient subscriber;
    private final Inbox inbox = new Inbox();

    @BeforeEach
    void start() throws Exception {
        server = SdkServer.start();
        api = server.api();
        subscriber = server.client().build();
        subscriber.onMessage(inbox);
        subscriber.connect().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        subscriber.close();
        server.close();
    }

    @Test
    void publishReachesSubscribersWithAGeneratedGuid() throws Exception {
        subscriber.subscribe("orders").get(10, TimeUnit.SECONDS);
        PublishResult r = api.publish("orders", Map.of("id", 7));
        assertThat(r.channel()).isEqualTo("orders");
        assertThat(r.guid()).isNotBlank();
        assertThat(r.delivered()).isEqualTo(1);
        assertThat(r.duplicate()).isFalse();
        var m = inbox.await(x -> x.guid().equals(r.guid()));
        assertThat(m.from()).isNull();
        assertThat(m.content().path("id").asInt()).isEqualTo(7);
        assertThat(api.publish("orders", "plain text").guid()).isNotEqualTo(r.guid());
    }

    @Test
    void aRepeatedGuidIsAnsweredDuplicateAndDeliveredOnce() throws Exception {
        subscriber.subscribe("orders").get(10, TimeUnit.SECONDS);
        PublishResult first = api.publishAsync("orders", Map.of("n", 1), "order-7").get(10, TimeUnit.SECONDS);
        PublishResult again = api.publish("orders", Map.of("n", 1), "order-7");
        assertThat(first.duplicate()).isFalse();
        assertThat(again.duplicate()).isTrue();
        assertThat(again.guid()).isEqualTo("order-7");
        api.publish("orders", Map.of("fence", "f1"));
        inbox.awaitContent("fence", "f1");
        assertThat(inbox.countGuid("order-7")).isEqualTo(1);
    }

    @Test
    void broadcastPublishesToEveryChannel() throws Exception {
        subscriber.subscribe("a").get(10, TimeUnit.SECONDS);
        subscriber.subscribe("b").get(10, TimeUnit.SECONDS);
        List<PublishResult> results = api.broadcastAsync(List.of("a", "b", "c"), Map.of("hello", "all"))
                .get(10, TimeUnit.SECONDS);
        assertThat(results).extracting(PublishResult::channel).containsExactly("a", "b", "c");
        assertThat(results).extracting(PublishResult::delivered).containsExactly(1, 1, 0);
        await().atMost(Inbox.WAIT).until(() -> inbox.matching(m -> m.content().has("hello")).size() == 2);
    }

    @Test
    void channelInfoCountsSubscribers() throws Exception {
        assertThat(api.channel("news")).isEqualTo(new ChannelInfo("news", 0));
        subscriber.subscribe("news").get(10, TimeUnit.SECONDS);
        assertThat(api.channelAsync("news").get(10, TimeUnit.SECONDS).subscribers()).isEqualTo(1);
        assertThat(api.channel("login:x.y@z=1").subscribers()).isZero();
    }

    @Test
    void disconnectKicksTheUserAndTheirClientStaysAway() throws Exception {
        List<StateChange> changes = new CopyOnWriteArrayList<>();
        try (QrPushClient user = server.client()
                .otp(() -> SdkServer.tokens().otp("u42").mint()).build()) {
            user.onStateChange(changes::add);
            assertThat(user.connect().get(10, TimeUnit.SECONDS).userId()).isEqualTo("u42");
            assertThat(api.disconnect("u42")).isEqualTo(1);
            await().atMost(Inbox.WAIT).until(() -> user.state() == ClientState.DISCONNECTED);
            assertThat(changes).anySatisfy(c -> assertThat(c.code()).isEqualTo(4011));
            assertThat(api.disconnectAsync("nobody").get(10, TimeUnit.SECONDS)).isZero();
            await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3))
                    .until(() -> user.state() == ClientState.DISCONNECTED);
        }
    }

    @Test
    void aWrongApiKeyIsUnauthorizedNotRetriedAndNeverEchoed() {
        QrPushApi wrong = QrPushApi.builder(server.httpUrl(), "not-the-key-s3cr3t").build();
        assertThatThrownBy(() -> wrong.publish("news", 1))
                .isInstanceOfSatisfying(QrPushException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
                    assertThat(e.error()).isEqualTo("unauthorized");
                    assertThat(e.attempts()).isEqualTo(1);
                    assertThat(e.getMessage()).doesNotContain("s3cr3t");
                });
        assertThat(wrong.toString()).doesNotContain("s3cr3t");
        assertThatThrownBy(() -> wrong.channel("news")).isInstanceOf(QrPushException.class);
    }

    @Test
    void aBadChannelNameIsRefusedWithBadChannel() {
        for (String bad : new String[] {"has space", "", "x".repeat(129), "sl/ash"}) {
            assertThatThrownBy(() -> api.publish(bad, 1)).as(bad)
                    .isInstanceOfSatisfying(QrPushException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.error()).isEqualTo("bad_channel");
                        assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
                    });
        }
        for (String bad : new String[] {"has space", "%zz", "a+b", "sl/ash", "\u00fc"}) {
            assertThatThrownBy(() -> api.channel(bad)).as(bad)
                    .isInstanceOfSatisfying(QrPushException.class, e -> assertThat(e.error()).isEqualTo("bad_channel"));
        }
        assertThatThrownBy(() -> api.broadcast(List.of("ok", "not ok"), 1))
                .isInstanceOfSatisfying(QrPushException.class, e -> assertThat(e.error()).isEqualTo("bad_channel"));
    }

    @Test
    void loginChannelsCarryServerEventsOnly() {
        assertThatThrownBy(() -> api.publish("login:abc", Map.of("event", "confirmed")))
                .isInstanceOfSatisfying(QrPushException.class, e -> assertThat(e.kind()).isEqualTo(Kind.FORBIDDEN));
    }

    @Test
    void anUnknownTicketIsGone() {
        assertThatThrownBy(() -> api.verifyTicket("no-such-ticket"))
                .isInstanceOfSatisfying(QrPushException.class, e -> {
                    assertThat(e.status()).isEqualTo(410);
                    assertThat(e.kind()).isEqualTo(Kind.GONE);
                });
        assertThatThrownBy(() -> api.verifyTicketAsync("no-such-ticket").join())
                .isInstanceOf(CompletionException.class).hasCauseInstanceOf(QrPushException.class);
    }

    @Test
    void contentOverTheLimitIsTooLarge() {
        assertThatThrownBy(() -> api.publish("news", "x".repeat(40_000)))
                .isInstanceOfSatisfying(QrPushException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE));
    }
}
