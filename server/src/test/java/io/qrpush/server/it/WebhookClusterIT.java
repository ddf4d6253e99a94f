package io.qrpush.server.it;

import static io.qrpush.server.it.TestServer.APP_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.server.PushServer;
import io.qrpush.server.cluster.NodeProcess;
import io.qrpush.server.cluster.RedisProcess;
import io.qrpush.server.config.BrokerSettings;
import io.qrpush.server.config.QrpushConfig;
import io.qrpush.server.config.WebhookSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks of a cluster on a real Redis: each event is sent by one node (once, however many nodes
 * see the change), and the events a node took but did not deliver before it was killed with
 * SIGKILL are delivered by another.
 */
class WebhookClusterIT {
    private RedisProcess redis;
    private WebhookReceiver receiver;
    private final List<AutoCloseable> open = new ArrayList<>();
    /** The node in this JVM beside {@link #subscribedOnANodeProcess}'s. */
    private TestServer survivor;

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisProcess.start();
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        receiver.close();
        redis.close();
    }

    /**
     * A node of the cluster with app A's webhook, fast retries, and the request timeout given (a
     * node's claim on a batch lasts three of them).
     */
    private TestServer node(List<String> events, Duration timeout) throws Exception {
        WebhookSettings hook = new WebhookSettings(receiver.url(), WebhookIT.HOOK_SECRET, events)
                .withVacatedDelay(Duration.ofMillis(500))
                .withRetries(timeout, Duration.ofMillis(100), WebhookSettings.DEFAULT_RETRY_FOR);
        QrpushConfig c = WebhookIT.withWebhook(TestServer.config(), hook)
                .withBroker(new BrokerSettings("redis", redis.uri()));
        TestServer node = TestServer.of(new PushServer(c));
        open.add(node);
        return node;
    }

    @Test
    void eachEventIsDeliveredOnceWhateverNodeSawIt() throws Exception {
        List<String> events = List.of("login.scanned", "login.confirmed", "channel.occupied", "channel.vacated");
        // The protocol's 5 s timeout: a shorter one could give up on a 2xx slowed by a busy machine
        // and send the batch again, which is at least once but not what this test counts.
        TestServer one = node(events, WebhookSettings.DEFAULT_TIMEOUT);
        TestServer two = node(events, WebhookSettings.DEFAULT_TIMEOUT);
        int channels = 20;
        try (WsClient a = one.anonymous(APP_A); WsClient b = two.anonymous(APP_A)) {
            for (int i = 0; i < channels; i++) {
                a.requestOk("{\"op\":\"subscribe\",\"id\":" + (i + 2) + ",\"channel\":\"news:" + i + "\"}");
                b.requestOk("{\"op\":\"subscribe\",\"id\":" + (i + 2) + ",\"channel\":\"news:" + i + "\"}");
            }
            LoginFixture.Created s = new LoginFixture(one).create(APP_A);
            try (WsClient pc = new LoginFixture(one).pc(APP_A, s); WsClient phone = new LoginFixture(two).phone(APP_A, "u7")) {
                LoginFixture.act(phone, s, "scan");
                LoginFixture.act(phone, s, "confirm");
                await().atMost(WsClient.WAIT).until(() -> receiver.events("login.confirmed").size() == 1);
            }
        }
        await().atMost(WsClient.WAIT).until(() -> receiver.events("channel.vacated").size() >= channels);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).untilAsserted(() ->
                assertThat(receiver.deliveredIds()).as(receiver.events().toString()).hasSize(2 * channels + 2));
        assertThat(new HashSet<>(receiver.deliveredIds())).hasSize(2 * channels + 2);
        assertThat(receiver.events("channel.occupied")).hasSize(channels);
        assertThat(receiver.events("login.scanned")).hasSize(1);
    }

    @Test
    void aKilledNodesUndeliveredEventsAreDeliveredByAnother() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean up = new java.util.concurrent.atomic.AtomicBoolean();
        receiver.otherwise(() -> up.get() ? 200 : 500);
        NodeProcess doomed = NodeProcess.start(redis.uri(), """
                    webhook:
                      url: "%s"
                      secret: "%s"
                      events: [channel.occupied]
                      timeout: 1s
                      retryBackoff: 100ms
                """.formatted(receiver.url(), WebhookIT.HOOK_SECRET));
        open.add(doomed);
        int channels = 5;
        try (WsClient c = WsClient.connect(doomed.wsUri(), TestServer.ORIGIN_A)) {
            c.requestOk("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + APP_A + "\"}");
            for (int i = 0; i < channels; i++) {
                c.requestOk("{\"op\":\"subscribe\",\"id\":" + (i + 2) + ",\"channel\":\"news:" + i + "\"}");
            }
            // Its first batch failed: the node holds it (and the rest wait behind it) when it dies.
            await().atMost(WsClient.WAIT).until(() -> receiver.requests().size() >= 2);
        }
        Set<String> attempted = new HashSet<>(receiver.events().stream().map(e -> e.path("id").asText()).toList());
        doomed.kill();
        up.set(true);
        node(List.of("channel.occupied"), Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(new HashSet<>(receiver.deliveredIds()))
                .hasSize(channels).containsAll(attempted));
        List<JsonNode> delivered = receiver.requests().stream().filter(r -> r.status() == 200)
                .flatMap(r -> { List<JsonNode> l = new ArrayList<>(); r.json().path("events").forEach(l::add); return l.stream(); })
                .toList();
        assertThat(delivered).extracting(e -> e.path("type").asText()).containsOnly("channel.occupied");
    }

    private static final Duration PING = Duration.ofSeconds(1);
    private static final Duration VACATED_DELAY = Duration.ofMillis(500);

    /**
     * A node process and a node in this JVM, both with app A's channel events and 1 s pings (so a
     * dead node's marks are handed on within 3 s); the process's client is subscribed to
     * {@code channel} and its {@code occupied} has come. Returns the process; the other node is
     * {@link #survivor}.
     */
    private NodeProcess subscribedOnANodeProcess(String channel) throws Exception {
        NodeProcess process = NodeProcess.start(redis.uri(), """
                    webhook:
                      url: "%s"
                      secret: "%s"
                      events: [channel.occupied, channel.vacated]
                      vacatedDelay: 500ms
                limits: {pingInterval: 1s, idleTimeout: 30s}
                """.formatted(receiver.url(), WebhookIT.HOOK_SECRET));
        open.add(process);
        WebhookSettings hook = new WebhookSettings(receiver.url(), WebhookIT.HOOK_SECRET,
                List.of("channel.occupied", "channel.vacated")).withVacatedDelay(VACATED_DELAY);
        survivor = TestServer.of(new PushServer(LimitsBuilder.limits(l -> {
            l.pingInterval = PING;
            l.idleTimeout = Duration.ofSeconds(5);
        }).apply(WebhookIT.withWebhook(TestServer.config(), hook).withBroker(new BrokerSettings("redis", redis.uri())))));
        open.add(survivor);
        WsClient there = WsClient.connect(process.wsUri(), TestServer.ORIGIN_A);
        open.add(there);
        there.requestOk("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + APP_A + "\"}");
        there.requestOk("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"" + channel + "\"}");
        await().atMost(WsClient.WAIT).until(() -> receiver.events("channel.occupied").size() == 1);
        return process;
    }

    /**
     * docs/webhooks.md: a channel whose only subscribers were on a node killed with SIGKILL is
     * vacated by a survivor within three ping intervals and the vacatedDelay, and occupied again by
     * its next subscriber.
     */
    @Test
    void aKilledNodesChannelsAreVacatedByASurvivor() throws Exception {
        NodeProcess doomed = subscribedOnANodeProcess("news:k");
        doomed.kill();
        long killedAt = System.nanoTime();
        Duration bound = PING.multipliedBy(3).plus(VACATED_DELAY);
        await().atMost(bound.plusSeconds(3)).until(() -> receiver.events("channel.vacated").size() == 1);
        assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(bound.plusSeconds(2));
        assertThat(receiver.events("channel.vacated").get(0).path("data").path("channel").asText()).isEqualTo("news:k");

        try (WsClient next = survivor.anonymous(APP_A)) {
            next.requestOk("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"news:k\"}");
            await().atMost(WsClient.WAIT).until(() -> receiver.events("channel.occupied").size() == 2);
        }
    }

    /**
     * docs/webhooks.md: a node stalled past three ping intervals counts as dead, so its channel is
     * vacated; when it resumes it finds itself unlisted, marks its channels again and sends
     * {@code occupied} for the one still subscribed there.
     */
    @Test
    void aStalledNodeThatResumesMarksItsChannelsAgain() throws Exception {
        NodeProcess stalled = subscribedOnANodeProcess("news:s");
        stalled.pause();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.events("channel.vacated").size() == 1);
        } finally {
            stalled.resume();
        }
        await().atMost(WsClient.WAIT).until(() -> receiver.events("channel.occupied").size() == 2);
    }
}
