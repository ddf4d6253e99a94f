package io.qrpush.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qrpush.sdk.PublishResult;
import io.qrpush.sdk.QrPushApi;
import io.qrpush.sdk.QrPushClient;
import io.qrpush.sdk.QrPushException;
import io.qrpush.sdk.QrPushException.Kind;
import io.qrpush.sdk.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server API client when the network or the server fails: retries, dedupe, typed errors. */
class ApiFailureIT {
    private SdkServer server;
    private TcpProxy proxy;
    private QrPushApi viaProxy;

    @BeforeEach
    void start() throws Exception {
        server = SdkServer.start();
        proxy = new TcpProxy(server.port());
        viaProxy = SdkServer.api("http://127.0.0.1:" + proxy.port());
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        server.close();
    }

    @Test
    void aPublishWhoseAnswerWasLostIsRetriedAndDeliveredOnce() throws Exception {
        Inbox inbox = new Inbox();
        try (QrPushClient subscriber = server.client().build()) {
            subscriber.onMessage(inbox);
            subscriber.subscribe("orders");
            subscriber.connect().get(10, TimeUnit.SECONDS);
            org.awaitility.Awaitility.await().until(() -> server.api().channel("orders").subscribers() == 1);

            proxy.loseNextAnswers(1);
            PublishResult r = viaProxy.publish("orders", Map.of("order", 1));

            assertThat(proxy.connections()).as("a second connection carried the retry").isEqualTo(2);
            assertThat(r.duplicate()).as("the server saw the guid of the first attempt").isTrue();
            server.api().publish("orders", Map.of("fence", "after"));
            inbox.awaitContent("fence", "after");
            assertThat(inbox.matching(m -> m.content().has("order"))).hasSize(1)
                    .allSatisfy(m -> assertThat(m.guid()).isEqualTo(r.guid()));
        }
    }

    @Test
    void aTicketIsNotRedeemedTwiceBehindTheCallersBack() {
        proxy.loseNextAnswers(1);
        assertThatThrownBy(() -> viaProxy.verifyTicket("some-ticket"))
                .isInstanceOfSatisfying(QrPushException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
                    assertThat(e.error()).isEqualTo(QrPushException.CONNECTION_FAILED);
                    assertThat(e.attempts()).as("one-shot calls are not retried once sent").isEqualTo(1);
                });
        assertThat(proxy.connections()).isEqualTo(1);
    }

    @Test
    void aServerStoppedMidCallIsRetriedThenATypedError() {
        // The server goes away while the request is on its way: the first attempt is cut, the
        // retries find nobody listening.
        proxy.beforeNextRequest(server::close);
        assertThatThrownBy(() -> viaProxy.publish("orders", Map.of("order", 2)))
                .isInstanceOfSatisfying(QrPushException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.attempts()).isEqualTo(4);
                });
        assertThat(proxy.connections()).isEqualTo(4);
    }

    @Test
    void nothingListeningIsAConnectionFailureAfterTheRetries() throws Exception {
        server.close();
        QrPushApi api = QrPushApi.builder(server.httpUrl(), SdkServer.API_KEY)
                .retry(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20))).build();
        QrPushException e = (QrPushException) org.assertj.core.api.Assertions.catchThrowable(
                () -> api.verifyTicket("t"));
        assertThat(e.error()).isEqualTo(QrPushException.CONNECTION_FAILED);
        assertThat(e.attempts()).as("never sent, so even a one-shot redemption is retried").isEqualTo(3);
        assertThatThrownBy(() -> api.channelAsync("a").get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(QrPushException.class);
    }
}
