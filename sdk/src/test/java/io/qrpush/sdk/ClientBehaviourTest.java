package io.qrpush.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The realtime client's protocol behaviour against a scripted server, frame by frame. */
class ClientBehaviourTest {
    private static final Duration QUIET = Duration.ofMillis(600);
    private FakeWsServer server;
    private QrPushClient client;
    private final AtomicInteger otps = new AtomicInteger();
    private final List<StateChange> states = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new FakeWsServer();
        client = server.client().otp(() -> "otp-" + otps.incrementAndGet()).build();
        client.onStateChange(states::add);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private FakeWsServer.Peer connected() throws Exception {
        return server.connect(client);
    }

    @Test
    void authorizeCarriesAppkeyOtpAndSdk() throws Exception {
        client.connect();
        JsonNode auth = server.nextPeer().accept();
        assertThat(auth.path("appkey").asText()).isEqualTo("app");
        assertThat(auth.path("otp").asText()).isEqualTo("otp-1");
        assertThat(auth.path("sdk").asText()).isEqualTo(QrPushClient.SDK_NAME);
    }

    @Test
    void aRedeliveredMessageReachesListenersOnceAndIsAckedEachTime() throws Exception {
        FakeWsServer.Peer peer = connected();
        List<Message> got = new CopyOnWriteArrayList<>();
        client.onMessage(got::add);
        String msg = "{\"op\":\"message\",\"channel\":\"news\",\"guid\":\"g1\",\"from\":\"u9\",\"ts\":1,\"content\":{\"n\":1}}";
        peer.send(msg);
        assertThat(peer.next("ack").path("guid").asText()).isEqualTo("g1");
        peer.send(msg);
        assertThat(peer.next("ack").path("guid").asText()).isEqualTo("g1");
        assertThat(got).hasSize(1);
        assertThat(got.get(0).from()).isEqualTo("u9");
    }

    @Test
    void anUnansweredPublishIsResentWithTheSameGuidAndRetriedIncremented() throws Exception {
        FakeWsServer.Peer first = connected();
        CompletableFuture<PublishResult> result = client.publish("news", "hello", true);
        JsonNode sent = first.next("publish");
        assertThat(sent.path("retried").asInt()).isZero();
        assertThat(sent.path("receipt").asBoolean()).isTrue();
        first.drop();

        FakeWsServer.Peer second = server.nextPeer();
        assertThat(second.accept().path("otp").asText()).as("a fresh otp per connection").isEqualTo("otp-2");
        JsonNode again = second.next("publish");
        assertThat(again.path("guid").asText()).isEqualTo(sent.path("guid").asText());
        assertThat(again.path("retried").asInt()).isEqualTo(1);
        second.reply(again, "\"code\":200,\"guid\":\"" + sent.path("guid").asText() + "\",\"delivered\":0,\"duplicate\":true");
        assertThat(result.get(10, TimeUnit.SECONDS).duplicate()).isTrue();
    }

    @Test
    void subscriptionsAreRenewedWithTheirTokensBeforeRetriedPublishes() throws Exception {
        FakeWsServer.Peer first = connected();
        CompletableFuture<SubscribeResult> sub = client.subscribe("private:x", "tok");
        first.reply(first.next("subscribe"), "\"code\":200,\"channel\":\"private:x\"");
        sub.get(10, TimeUnit.SECONDS);
        first.drop();
        FakeWsServer.Peer second = server.nextPeer();
        second.accept();
        JsonNode again = second.next("subscribe");
        assertThat(again.path("channel").asText()).isEqualTo("private:x");
        assertThat(again.path("token").asText()).isEqualTo("tok");
    }

    @Test
    void aDisconnectFrameWithReconnectFalseStopsTheClient() throws Exception {
        FakeWsServer.Peer peer = connected();
        peer.send("{\"op\":\"disconnect\",\"code\":1000,\"reason\":\"go away\",\"reconnect\":false}");
        peer.close(1000, "go away");
        await().atMost(FakeWsServer.WAIT).until(() -> client.state() == ClientState.DISCONNECTED);
        assertThat(server.peerWithin(QUIET)).isNull();
        assertThat(states.get(states.size() - 1).reason()).isEqualTo("go away");
    }

    @Test
    void closeCodes4001And4003And4011StopAndOthersReconnect() throws Exception {
        for (int code : new int[] {1000, 1001, 4000, 4008, 4010}) {
            connected().close(code, "x");
            await().atMost(FakeWsServer.WAIT).until(() -> client.state() != ClientState.CONNECTED);
            FakeWsServer.Peer back = server.nextPeer();
            back.accept();
            await().atMost(FakeWsServer.WAIT).until(() -> client.state() == ClientState.CONNECTED);
            back.close(4003, "origin");
            await().atMost(FakeWsServer.WAIT).until(() -> client.state() == ClientState.DISCONNECTED);
            assertThat(server.peerWithin(Duration.ofMillis(100))).as("after %d then 4003", code).isNull();
        }
        for (int code : new int[] {4001, 4011}) {
            connected().close(code, "stop");
            await().atMost(FakeWsServer.WAIT).until(() -> client.state() == ClientState.DISCONNECTED);
            assertThat(server.peerWithin(QUIET)).as("%d", code).isNull();
        }
    }

    @Test
    void anAuthorizeTimeoutReconnects() throws Exception {
        FakeWsServer.Peer peer = connected();
        peer.send("{\"op\":\"disconnect\",\"code\":4001,\"reason\":\"not authorized in time\",\"reconnect\":true}");
        peer.close(4001, "not authorized in time");
        server.nextPeer().accept();
        await().atMost(FakeWsServer.WAIT).until(() -> client.state() == ClientState.CONNECTED);
        assertThat(otps.get()).as("a fresh otp").isEqualTo(2);
    }

    @Test
    void theFirstReconnectWaitsInsideTheDisconnectFramesDelayWindow() throws Exception {
        FakeWsServer.Peer peer = connected();
        peer.send("{\"op\":\"disconnect\",\"code\":1001,\"reason\":\"draining\",\"reconnect\":true,\"delay\":[700,700]}");
        long closed = System.nanoTime(); // the wait starts after this, once the client sees the close
        peer.close(1001, "draining");
        assertThat(server.peerWithin(Duration.ofMillis(400))).as("not before the window").isNull();
        server.nextPeer().accept();
        assertThat(Duration.ofNanos(System.nanoTime() - closed)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
    }

    @Test
    void anAuthorizeAnsweredWithServerTroubleIsRetried() throws Exception {
        CompletableFuture<ConnectInfo> c = client.connect();
        FakeWsServer.Peer first = server.nextPeer();
        first.reply(first.next("authorize"), "\"code\":503,\"error\":\"unavailable\",\"message\":\"broker\"");
        server.nextPeer().accept();
        assertThat(c.get(10, TimeUnit.SECONDS).sid()).isEqualTo("s1");
        assertThat(otps.get()).isEqualTo(2);
    }

    @Test
    void aSilentServerIsFoundByPingAndReplaced() throws Exception {
        client.close();
        client = QrPushClient.builder(server.url(), "app").ping(Duration.ofMillis(100), Duration.ofMillis(150))
                .reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(40)).build();
        client.connect();
        FakeWsServer.Peer silent = server.nextPeer();
        silent.accept();
        assertThat(silent.next("ping")).isNotNull(); // and never answered
        FakeWsServer.Peer next = server.nextPeer();
        next.accept();
        JsonNode ping = next.next("ping");
        next.send("{\"op\":\"pong\"}");
        assertThat(ping).isNotNull();
        await().atMost(FakeWsServer.WAIT).until(() -> client.state() == ClientState.CONNECTED);
    }
}
