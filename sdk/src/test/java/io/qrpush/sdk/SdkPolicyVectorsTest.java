package io.qrpush.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qrpush.protocol.ClientFrame;
import io.qrpush.protocol.ServerFrame;
import io.qrpush.protocol.policy.BackoffClass;
import io.qrpush.protocol.policy.PolicyVectors;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SDK against the shared client-policy vectors (protocol/vectors/client-policy.json), which
 * client-js's tests read too: every close code and error word, through the real client and a
 * scripted server. The waits themselves are the protocol's {@code Backoff}, checked against the
 * same vectors in the protocol module.
 */
class SdkPolicyVectorsTest {

    static List<PolicyVectors.Close> closes() {
        return PolicyVectors.closes();
    }

    static List<PolicyVectors.Error> errors() {
        return PolicyVectors.errors();
    }

    /** One for all cases: a client's own HttpClient costs more to start than the case to run. */
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static QrPushClient client(FakeWsServer server) {
        return QrPushClient.builder(server.url(), "app").otp(() -> "otp").httpClient(HTTP)
                .reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(40))
                .ping(Duration.ZERO, Duration.ZERO).random(() -> 0.0).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("closes")
    void closes(PolicyVectors.Close v) throws Exception {
        try (FakeWsServer server = new FakeWsServer(); QrPushClient client = client(server)) {
            List<StateChange> changes = new CopyOnWriteArrayList<>();
            CompletableFuture<ConnectInfo> connected = client.connect();
            FakeWsServer.Peer peer = server.nextPeer();
            peer.accept();
            connected.get(10, TimeUnit.SECONDS);
            client.onStateChange(changes::add);
            if (v.frameJson() != null) {
                peer.send(v.frameJson());
            }
            if (v.socket() == 1006) {
                peer.drop();
            } else {
                peer.close(v.socket(), "r");
            }
            StateChange left = await().atMost(FakeWsServer.WAIT).until(() -> changes.stream()
                    .filter(c -> c.previous() == ClientState.CONNECTED).findFirst(), Optional::isPresent).get();
            assertThat(left.state()).isEqualTo(v.reconnect() ? ClientState.CONNECTING : ClientState.DISCONNECTED);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void refusedAuthorize(PolicyVectors.Error v) throws Exception {
        try (FakeWsServer server = new FakeWsServer(); QrPushClient client = client(server)) {
            CompletableFuture<ConnectInfo> connected = client.connect();
            FakeWsServer.Peer peer = server.nextPeer();
            peer.reply(peer.next("authorize"), "\"code\":" + v.code() + ",\"error\":\"" + v.word() + "\",\"message\":\"m\"");
            if (v.reconnectsAfterAuthorize()) {
                server.nextPeer().accept(); // a new connection, with a fresh otp from the supplier
                assertThat(connected.get(10, TimeUnit.SECONDS).sid()).isEqualTo("s1");
            } else {
                await().atMost(FakeWsServer.WAIT).until(connected::isDone);
                assertThat(client.state()).isEqualTo(ClientState.DISCONNECTED);
                assertThat(connected).isCompletedExceptionally();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void refusedSubscribe(PolicyVectors.Error v) {
        List<CompletableFuture<ServerFrame.Reply>> sent = new ArrayList<>();
        List<BackoffClass> retries = new ArrayList<>();
        Subscriptions subs = new Subscriptions(new Subscriptions.Hooks() {
            @Override
            public CompletableFuture<ServerFrame.Reply> send(String channel, String token, ClientFrame.Recover recover) {
                CompletableFuture<ServerFrame.Reply> f = new CompletableFuture<>();
                sent.add(f);
                return f;
            }

            @Override
            public void deliver(List<Message> messages) {
            }

            @Override
            public void recoveryFailed(RecoveryFailure failure) {
            }

            @Override
            public void error(QrPushException e, String channel) {
            }

            @Override
            public Future<?> retryLater(Runnable task, BackoffClass backoff) {
                retries.add(backoff);
                return new CompletableFuture<Void>();
            }
        });
        CompletableFuture<SubscribeResult> f = subs.add("news", null, true);
        sent.get(0).completeExceptionally(new QrPushException(v.code(), v.word(), "m"));
        if (v.retriesSubscribe()) {
            assertThat(f).isNotDone();
            assertThat(retries).extracting(b -> b.name().toLowerCase(Locale.ROOT)).containsExactly(v.backoff());
        } else {
            assertThat(retries).isEmpty();
            assertThat(f).isCompletedExceptionally();
        }
    }
}
