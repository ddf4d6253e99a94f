package io.qrpush.server.it;

import static io.qrpush.server.it.LoginDoorsIT.assertAnswer;
import static io.qrpush.server.it.LoginFixture.body;
import static io.qrpush.server.it.TestServer.API_KEY_A;
import static io.qrpush.server.it.TestServer.APP_A;
import static io.qrpush.server.it.TestServer.SECRET_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.server.it.LoginFixture.Created;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Login status by long-poll (docs/protocol.md section 4): the state at once when it is not what the
 * poller last saw, as soon as it changes while the poll waits, and as it is when the wait is over.
 */
class LoginStatusPollIT extends LoginDoorsServer {
    /** A poll on the other node than the actions (in the cluster run), once it waits there. */
    private static CompletableFuture<HttpResponse<String>> parked(Created s, String query) throws Exception {
        CompletableFuture<HttpResponse<String>> poll = CompletableFuture.supplyAsync(() -> {
            try {
                return doors.pollOnPeer(s, query);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> parkedPolls() == 1);
        return poll;
    }

    /** Polls waiting on the node {@link #parked} polls. */
    private static double parkedPolls() throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                server.peerHttpUri("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        return new Prometheus(metrics.body()).value("qrpush_login_status_polls");
    }

    @Test
    void aParkedPollAnswersAsSoonAsTheStateChanges() throws Exception {
        Created s = login.create(APP_A);
        HttpResponse<String> now = doors.poll(s, "", s.token());
        assertThat(now.statusCode()).as(now.body()).isEqualTo(200);
        assertThat(now.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(body(now).path("status").asText()).isEqualTo("waiting");

        // Waits of 9 s that answer within 5: they answered on the change, not at the end.
        CompletableFuture<HttpResponse<String>> poll = parked(s, "?wait=9s&since=waiting");
        assertThat(doors.backendAs(API_KEY_A, s, "scan", "poller-user").statusCode()).isEqualTo(200);
        assertThat(body(poll.get(5, TimeUnit.SECONDS)).path("status").asText()).isEqualTo("scanned");

        poll = parked(s, "?wait=9s&since=scanned");
        assertThat(doors.backendAs(API_KEY_A, s, "confirm", "poller-user").statusCode()).isEqualTo(200);
        JsonNode confirmed = body(poll.get(5, TimeUnit.SECONDS));
        assertThat(confirmed.path("status").asText()).isEqualTo("confirmed");
        assertThat(confirmed.path("user").path("id").asText()).isEqualTo("poller-user");
        assertThat(login.verify(API_KEY_A, confirmed.path("ticket").asText()).statusCode()).isEqualTo(200);

        assertThat(parkedPolls()).isZero();
    }

    @Test
    void aPollWhoseStateDiffersAlreadyAnswersAtOnce() throws Exception {
        Created s = login.create(APP_A);
        long start = System.nanoTime();
        HttpResponse<String> r = doors.poll(s, "?wait=9s&since=scanned", s.token());
        assertThat(body(r).path("status").asText()).isEqualTo("waiting");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void anUnchangedStateIsAnsweredWhenTheWaitIsOver() throws Exception {
        Created s = login.create(APP_A);
        long start = System.nanoTime();
        HttpResponse<String> r = doors.poll(s, "?wait=1500ms&since=waiting", s.token());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(body(r).path("status").asText()).isEqualTo("waiting");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1400),
                Duration.ofSeconds(8));

        // A wait that runs out before the poll listens must not leave it listening.
        assertThat(doors.poll(s, "?wait=1ms&since=waiting", s.token()).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> body(server.api("GET", "/api/v1/channels/" + s.channel(),
                API_KEY_A, null)).path("subscribers").asInt() == 0);
    }

    @Test
    void badPollsAreRefused() throws Exception {
        Created s = login.create(APP_A);
        assertAnswer(doors.poll(s, "?wait=soon", s.token()), 400, "bad_request");
        assertAnswer(doors.poll(s, "?wait=-1s", s.token()), 400, "bad_request");
        assertAnswer(doors.poll(s, "?since=dancing", s.token()), 400, "bad_request");
        assertAnswer(doors.poll(s, "", "not-a-token"), 403, "bad_token");
        assertAnswer(doors.poll(s, "", TestServer.subscriptionToken(SECRET_A, "login:another")), 403, "bad_token");
        // Tokens are never read from URLs: one in the query opens nothing.
        assertAnswer(login.http("GET", "/api/login/sessions/" + s.key() + "/status?token=" + s.token(), null),
                403, "bad_token");
        Created gone = new Created("no-such-key", "login:no-such-key", s.token(), null, null, null, 0);
        assertAnswer(doors.poll(gone, "", s.token()), 404, "not_found");
        assertAnswer(login.http("GET", "/api/login/sessions/" + s.key() + "/status", null,
                "Authorization", "Bearer " + s.token(), "Origin", "https://evil.example"), 403, "origin_not_allowed");
    }
}
