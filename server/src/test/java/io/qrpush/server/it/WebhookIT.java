package io.qrpush.server.it;

import static io.qrpush.server.it.TestServer.APP_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.server.config.AppConfig;
import io.qrpush.server.config.NamespaceSettings;
import io.qrpush.server.config.Namespaces;
import io.qrpush.server.config.QrpushConfig;
import io.qrpush.server.config.WebhookSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Webhooks (docs/webhooks.md) from a real node to a real local receiver: signatures checked by an
 * HMAC computed here, retries with the same ids, the 5 s timeout, redirects not followed, the
 * batch cap, {@code channel.vacated} only after {@code vacatedDelay}, and presence events.
 */
class WebhookIT {
    static final String HOOK_SECRET = "hook-secret-0123456789";
    private static final List<String> ALL = WebhookSettings.EVENT_TYPES;
    /** Retries that a test can wait for: 100 ms, then 200 ms, ... */
    private static final Duration FAST_BACKOFF = Duration.ofMillis(100);

    private TestServer server;
    private WebhookReceiver receiver;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    /** App A with a webhook to the receiver; presence on {@code room:} channels. */
    static QrpushConfig withWebhook(QrpushConfig c, WebhookSettings hook) {
        List<AppConfig> apps = c.apps().stream().map(a -> a.appkey().equals(APP_A) ? a.withWebhook(hook) : a).toList();
        return new QrpushConfig(c.server(), c.limits(), c.login(), c.broker(), apps, c.demo(),
                new Namespaces(List.of(new NamespaceSettings("room", 0, Duration.ofSeconds(300), true, false))));
    }

    private void start(WebhookSettings hook) throws Exception {
        server = TestServer.start(c -> withWebhook(c, hook));
    }

    private WebhookSettings hook(String... events) {
        return new WebhookSettings(receiver.url(), HOOK_SECRET, List.of(events))
                .withRetries(WebhookSettings.DEFAULT_TIMEOUT, FAST_BACKOFF, WebhookSettings.DEFAULT_RETRY_FOR);
    }

    /** The signature as a receiver computes it, with nothing of the server's code. */
    static String expectedSignature(String secret, String header, String body) throws Exception {
        String t = header.substring(2, header.indexOf(','));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aLoginIsToldSignedWithoutItsTicket() throws Exception {
        receiver = new WebhookReceiver();
        start(hook(ALL.toArray(String[]::new)));
        LoginFixture login = new LoginFixture(server);
        LoginFixture.Created s = login.create(APP_A);
        String ticket = login.confirmedTicket(APP_A, s, "phone-user");

        await().atMost(WsClient.WAIT).until(() -> receiver.events("login.confirmed").size() == 1);
        JsonNode confirmed = receiver.events("login.confirmed").get(0);
        assertThat(confirmed.path("data").path("key").asText()).isEqualTo(s.key());
        assertThat(confirmed.path("data").path("userId").asText()).isEqualTo("phone-user");
        assertThat(confirmed.path("data").path("confirmedAt").asLong()).isPositive();
        assertThat(confirmed.path("data").path("client").path("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(confirmed.path("data").path("client").path("userAgent").asText()).isEqualTo(LoginFixture.UA);
        assertThat(confirmed.path("id").asText()).isNotBlank();
        assertThat(confirmed.path("time").asLong()).isPositive();
        assertThat(receiver.events("login.scanned")).hasSize(1);
        for (WebhookReceiver.Request r : receiver.requests()) {
            assertThat(r.signature()).isEqualTo(expectedSignature(HOOK_SECRET, r.signature(), r.body()));
            long t = Long.parseLong(r.signature().substring(2, r.signature().indexOf(',')));
            assertThat(t).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
            assertThat(r.body()).doesNotContain(ticket).doesNotContain(s.token());
        }
    }

    @Test
    void aFailingReceiverGetsTheSameIdsUntilItAnswers2xxAndNothingAfter() throws Exception {
        receiver = new WebhookReceiver().answer(500, 500, 200);
        start(hook("channel.occupied"));
        try (WsClient c = server.anonymous(APP_A)) {
            c.requestOk("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"news:1\"}");
            c.requestOk("{\"op\":\"subscribe\",\"id\":3,\"channel\":\"news:2\"}");
            await().atMost(WsClient.WAIT).until(() -> receiver.requests().size() >= 3);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .until(() -> receiver.requests().size() == 3);
        }
        List<WebhookReceiver.Request> r = receiver.requests();
        assertThat(r.get(0).ids()).isNotEmpty();
        assertThat(r.get(1).ids()).isEqualTo(r.get(0).ids());
        assertThat(r.get(2).ids()).isEqualTo(r.get(0).ids());
        assertThat(r.get(1).atMillis() - r.get(0).atMillis()).as("backoff").isGreaterThanOrEqualTo(90);
        assertThat(r.get(2).atMillis() - r.get(1).atMillis()).as("doubled").isGreaterThanOrEqualTo(190);
        assertThat(r.stream().flatMap(x -> x.ids().stream()).distinct()).hasSize(2);
    }

    @Test
    void aRedirectIsAFailureNotFollowed() throws Exception {
        receiver = new WebhookReceiver().answer(302, 200);
        start(hook("channel.occupied"));
        try (WsClient c = server.anonymous(APP_A)) {
            c.requestOk("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"news:1\"}");
            await().atMost(WsClient.WAIT).until(() -> receiver.requests().size() >= 2);
        }
        List<WebhookReceiver.Request> r = receiver.requests();
        assertThat(r).extracting(WebhookReceiver.Request::path).containsOnly("/hooks");
        assertThat(r.get(1).ids()).isEqualTo(r.get(0).ids());
    }

    @Test
    void aHangingReceiverTimesOutAfterFiveSecondsAndGetsTheBatchAgain() throws Exception {
        receiver = new WebhookReceiver().answer(WebhookReceiver.HANG, 200);
        start(hook("channel.occupied"));
        try (WsClient c = server.anonymous(APP_A)) {
            c.requestOk("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"news:1\"}");
            await().atMost(Duration.ofSeconds(15)).until(() -> receiver.requests().size() >= 2);
        }
        List<WebhookReceiver.Request> r = receiver.requests();
        assertThat(r.get(1).ids()).isEqualTo(r.get(0).ids());
        assertThat(r.get(1).atMillis() - r.get(0).atMillis()).as("the 5 s timeout, then the first backoff")
                .isBetween(5_000L, 9_000L);
    }

    @Test
    @Tag(TestServer.SINGLE_NODE) // counts one node's delivered metric
    void aBurstGoesOutInBatchesOfAtMostAHundred() throws Exception {
        receiver = new WebhookReceiver();
        java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean();
        receiver.otherwise(() -> open.get() ? 200 : 503);
        start(hook("channel.occupied"));
        int channels = 250;
        try (WsClient a = server.anonymous(APP_A); WsClient b = server.anonymous(APP_A)) {
            for (int i = 0; i < channels; i++) {
                WsClient c = i % 2 == 0 ? a : b;
                c.send("{\"op\":\"subscribe\",\"id\":" + (i + 2) + ",\"channel\":\"burst:" + i + "\"}");
            }
            await().atMost(WsClient.WAIT).untilAsserted(() -> assertThat(server.server().metrics().scrape().lines()
                    .filter(l -> l.startsWith("qrpush_webhook_pending "))).containsExactly("qrpush_webhook_pending "
                    + channels + ".0"));
            open.set(true);
            // The held batch waits out its doubled backoff (seconds, after many 503s) before it goes again.
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.events().stream().map(e -> e.path("id").asText())
                    .collect(Collectors.toSet()).size() == channels);
        }
        List<WebhookReceiver.Request> r = receiver.requests();
        assertThat(r).allSatisfy(x -> assertThat(x.ids()).hasSizeBetween(1, 100));
        assertThat(r).anySatisfy(x -> assertThat(x.ids()).hasSize(100));
        await().atMost(WsClient.WAIT).until(() -> server.server().metrics().scrape()
                .contains("qrpush_webhook_delivered_total " + channels + ".0"));
    }

    @Test
    void vacatedWaitsOutAReloadAndComesAfterTheDelay() throws Exception {
        receiver = new WebhookReceiver();
        start(hook("channel.occupied", "channel.vacated").withVacatedDelay(Duration.ofMillis(1000)));
        try (WsClient first = server.anonymous(APP_A)) {
            first.requestOk("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"news:1\"}");
            await().atMost(WsClient.WAIT).until(() -> receiver.events("channel.occupied").size() == 1);
        }
        long reloadedAt;
        try (WsClient reloaded = server.anonymous(APP_A)) { // the page again, within the delay
            reloaded.requestOk("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"news:1\"}");
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                    .until(() -> receiver.events("channel.vacated").isEmpty());
            reloadedAt = System.currentTimeMillis();
        }
        await().atMost(WsClient.WAIT).until(() -> receiver.events("channel.vacated").size() == 1);
        long vacatedAt = receiver.requests().stream().filter(x -> x.types().contains("channel.vacated"))
                .findFirst().orElseThrow().atMillis();
        assertThat(vacatedAt - reloadedAt).isGreaterThanOrEqualTo(900);
        assertThat(receiver.events("channel.occupied")).as("a reload is not an exit").hasSize(1);
        assertThat(receiver.events("channel.vacated").get(0).path("data").path("channel").asText()).isEqualTo("news:1");
    }

    @Test
    void presenceJoinsAndLeavesPerUser() throws Exception {
        receiver = new WebhookReceiver();
        start(hook("presence.join", "presence.leave"));
        try (WsClient tab1 = server.user(APP_A, "u1"); WsClient tab2 = server.user(APP_A, "u1")) {
            tab1.requestOk("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"room:1\"}");
            tab2.requestOk("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"room:1\"}");
        }
        await().atMost(WsClient.WAIT).until(() -> receiver.events("presence.leave").size() == 1);
        JsonNode join = receiver.events("presence.join").get(0);
        assertThat(receiver.events("presence.join")).hasSize(1);
        assertThat(join.path("data").path("userId").asText()).isEqualTo("u1");
        assertThat(join.path("data").path("channel").asText()).isEqualTo("room:1");
        Set<String> types = receiver.events().stream().map(e -> e.path("type").asText()).collect(Collectors.toSet());
        assertThat(types).containsOnly("presence.join", "presence.leave");
    }
}
