package io.qrpush.sdk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qrpush.sdk.ClientState;
import io.qrpush.sdk.ConnectInfo;
import io.qrpush.sdk.PublishResult;
import io.qrpush.sdk.QrPushClient;
import io.qrpush.sdk.StateChange;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reconnects: a restarted server, a cut connection, a dead one; nothing lost, nothing doubled. */
class ReconnectIT {
    private SdkServer server;
    private TcpProxy proxy;
    private final List<QrPushClient> clients = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        clients.forEach(QrPushClient::close);
        if (proxy != null) {
            proxy.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private QrPushClient keep(QrPushClient c) {
        clients.add(c);
        return c;
    }

    @Test
    void afterAServerRestartTheClientReconnectsWithAFreshOtpAndResubscribes() throws Exception {
        server = SdkServer.start();
        int port = server.port();
        AtomicInteger otps = new AtomicInteger();
        List<StateChange> changes = new CopyOnWriteArrayList<>();
        Inbox inbox = new Inbox();
        QrPushClient c = keep(server.client().otp(() -> {
            otps.incrementAndGet();
            return SdkServer.tokens().otp("dave").mint(); // a new jti each time: otps work once
        }).build());
        c.onMessage(inbox);
        c.onStateChange(changes::add);
        c.connect().get(10, TimeUnit.SECONDS);
        String token = SdkServer.tokens().subscriptionToken("private:dave", Duration.ofMinutes(5));
        c.subscribe("news").get(10, TimeUnit.SECONDS);
        c.subscribe("private:dave", token).get(10, TimeUnit.SECONDS);

        server.close();
        await().atMost(Inbox.WAIT).until(() -> c.state() == ClientState.CONNECTING);
        server = SdkServer.startOn(port);

        await().atMost(Inbox.WAIT).until(() -> server.api().channel("news").subscribers() == 1
                && server.api().channel("private:dave").subscribers() == 1);
        assertThat(c.state()).isEqualTo(ClientState.CONNECTED);
        assertThat(otps.get()).isGreaterThanOrEqualTo(2);
        assertThat(changes).anySatisfy(s -> {
            assertThat(s.previous()).isEqualTo(ClientState.CONNECTED);
            assertThat(s.code()).as("the server's disconnect frame says shutting down").isEqualTo(1001);
        });
        server.api().publish("news", Map.of("after", "restart"));
        server.api().publish("private:dave", Map.of("private", "restart"));
        inbox.awaitContent("after", "restart");
        inbox.awaitContent("private", "restart");
    }

    @Test
    void aPublishUnansweredWhenTheConnectionDropsIsSentAgainAndDeliveredOnce() throws Exception {
        server = SdkServer.start();
        proxy = new TcpProxy(server.port());
        Inbox inbox = new Inbox();
        QrPushClient subscriber = keep(server.client().build());
        subscriber.onMessage(inbox);
        subscriber.connect().get(10, TimeUnit.SECONDS);
        subscriber.subscribe("news").get(10, TimeUnit.SECONDS);
        QrPushClient publisher = keep(SdkServer.client("ws://127.0.0.1:" + proxy.port() + "/ws")
                .otp(() -> SdkServer.tokens().otp("erin").publishTo("news").mint()).build());
        publisher.connect().get(10, TimeUnit.SECONDS);

        proxy.blackhole(true); // the server gets the publish; its reply never comes back
        CompletableFuture<PublishResult> result = publisher.publish("news", Map.of("story", 1));
        String guid = inbox.await(m -> m.content().has("story")).guid();
        assertThat(result).isNotDone();
        proxy.blackhole(false);
        proxy.cutAll();

        PublishResult r = result.get(10, TimeUnit.SECONDS);
        assertThat(r.guid()).isEqualTo(guid);
        assertThat(r.duplicate()).as("sent again with the same guid after the reconnect").isTrue();
        assertThat(proxy.connections()).isEqualTo(2);
        server.api().publish("news", Map.of("fence", "end"));
        inbox.awaitContent("fence", "end");
        assertThat(inbox.countGuid(guid)).isEqualTo(1);
    }

    @Test
    void anAuthorizeTimeoutReconnectsAndTheNextAttemptGetsIn() throws Exception {
        server = SdkServer.startWithAuthorizeTimeout(Duration.ofMillis(300));
        proxy = new TcpProxy(server.port());
        CountDownLatch release = new CountDownLatch(1);
        // The first bytes through the proxy are the upgrade request; the next are the authorize
        // frame, held back until the server has given up on it (close 4001, reconnect:true).
        proxy.beforeNextRequest(() -> proxy.beforeNextRequest(() -> awaitQuietly(release)));
        QrPushClient c = keep(SdkServer.client("ws://127.0.0.1:" + proxy.port() + "/ws").build());
        CompletableFuture<ConnectInfo> connected = c.connect();

        await().atMost(Inbox.WAIT).until(() -> proxy.connections() == 2);
        release.countDown();
        assertThat(connected.get(10, TimeUnit.SECONDS).userId()).startsWith("anon-");
        assertThat(c.state()).isEqualTo(ClientState.CONNECTED);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aConnectionThatStopsAnsweringIsDetectedByPingAndReplaced() throws Exception {
        server = SdkServer.start();
        proxy = new TcpProxy(server.port());
        List<StateChange> changes = new CopyOnWriteArrayList<>();
        QrPushClient c = keep(SdkServer.client("ws://127.0.0.1:" + proxy.port() + "/ws")
                .ping(Duration.ofMillis(200), Duration.ofMillis(300)).build());
        c.onStateChange(changes::add);
        c.connect().get(10, TimeUnit.SECONDS);
        c.subscribe("news").get(10, TimeUnit.SECONDS);

        proxy.blackhole(true);
        await().atMost(Inbox.WAIT).until(() -> changes.stream().anyMatch(s -> s.previous() == ClientState.CONNECTED
                && s.state() == ClientState.CONNECTING && s.reason().contains("ping")));
        proxy.blackhole(false);
        await().atMost(Inbox.WAIT).until(() -> c.state() == ClientState.CONNECTED && proxy.connections() >= 2);
        Inbox inbox = new Inbox();
        c.onMessage(inbox);
        await().atMost(Inbox.WAIT).until(() -> server.api().channel("news").subscribers() >= 1);
        server.api().publish("news", Map.of("alive", "again"));
        inbox.awaitContent("alive", "again");
    }
}
