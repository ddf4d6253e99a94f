package io.qrpush.server.it;

import static io.qrpush.server.it.LoginFixture.act;
import static io.qrpush.server.it.LoginFixture.assertRefused;
import static io.qrpush.server.it.LoginFixture.nextEvent;
import static io.qrpush.server.it.TestServer.APP_A;
import static io.qrpush.server.it.TestServer.APP_B;
import static io.qrpush.server.it.TestServer.API_KEY_A;
import static io.qrpush.server.it.TestServer.API_KEY_B;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.server.it.LoginFixture.Created;
import org.junit.jupiter.api.Test;

/**
 * Who may do what on a login channel: only otp phones act, only the token holder watches, and
 * one app's sessions are unreachable from another app.
 */
class LoginAccessIT extends DefaultServerIT {
    @Test
    void onlyAnOtpPhoneAllowedToPublishThereMayAct() throws Exception {
        Created s = login.create(APP_A);
        Created b = login.create(APP_B);
        try (WsClient pc = login.pc(APP_A, s);
             WsClient stranger = server.anonymous(APP_A);
             WsClient newsOnly = server.user(APP_A, "u9", "news", "private:*");
             WsClient anonB = server.anonymous(APP_B)) {
            assertRefused(act(pc, s, "scan"), 403, "forbidden");
            assertRefused(act(stranger, s, "scan"), 403, "forbidden");
            assertRefused(act(newsOnly, s, "scan"), 403, "forbidden");
            // App B allows anonymous publishing, but never on login channels.
            assertRefused(act(anonB, b, "scan"), 403, "forbidden");
            try (WsClient phone = login.phone(APP_A, "u1")) {
                assertThat(act(phone, s, "scan").path("code").asInt()).isEqualTo(200);
            }
            assertThat(nextEvent(pc, s).path("event").asText()).as("the refusals left no trace").isEqualTo("scanned");
        }
    }

    @Test
    void serverApiCannotPublishOnLoginChannelsEither() throws Exception {
        Created s = login.create(APP_A);
        var r = server.api("POST", "/api/v1/publish", API_KEY_A,
                "{\"channel\":\"" + s.channel() + "\",\"content\":{\"event\":\"confirmed\",\"ticket\":\"x\"}}");
        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void watchingNeedsTheSessionsToken() throws Exception {
        Created s = login.create(APP_A);
        Created other = login.create(APP_A);
        try (WsClient eve = server.anonymous(APP_A)) {
            assertRefused(eve.subscribe(s.channel(), null), 403, "bad_token");
            assertRefused(eve.subscribe(s.channel(), other.token()), 403, "bad_token");
            assertRefused(eve.subscribe(s.channel(), TestServer.subscriptionToken(TestServer.SECRET_B, s.channel())),
                    403, "bad_token");
            assertRefused(eve.subscribe(s.channel(), s.token() + "x"), 403, "bad_token");
            try (WsClient phone = login.phone(APP_A, "u1")) {
                act(phone, s, "scan");
            }
            assertThat(eve.drain()).noneMatch(f -> "message".equals(f.path("op").asText()));
        }
    }

    @Test
    void oneAppsSessionIsUnreachableFromAnother() throws Exception {
        Created a = login.create(APP_A);
        // App B's backend can mint a token for the same channel name: it names B's own channel.
        String bToken = TestServer.subscriptionToken(TestServer.SECRET_B, a.channel());
        try (WsClient pcA = login.pc(APP_A, a);
             WsClient phoneB = login.phone(APP_B, "b1");
             WsClient watcherB = server.anonymous(APP_B)) {
            assertRefused(watcherB.subscribe(a.channel(), a.token()), 403, "bad_token");
            JsonNode sub = watcherB.subscribe(a.channel(), bToken);
            assertThat(sub.path("code").asInt()).isEqualTo(200);
            assertThat(sub.path("state").path("status").asText()).isNotIn("waiting", "scanned");

            assertRefused(act(phoneB, a, "scan"), 404, "not_found");
            assertThat(login.delete(a, bToken, null).statusCode()).isEqualTo(403);

            String ticket;
            try (WsClient phoneA = login.phone(APP_A, "a1")) {
                act(phoneA, a, "scan");
                act(phoneA, a, "confirm");
                nextEvent(pcA, a);
                ticket = nextEvent(pcA, a).path("ticket").asText();
            }
            assertThat(login.verify(API_KEY_B, ticket).statusCode()).isEqualTo(410);
            assertThat(login.verify(API_KEY_A, ticket).statusCode()).as("B's try did not use it up").isEqualTo(200);
            assertThat(watcherB.drain()).noneMatch(f -> "message".equals(f.path("op").asText()));
        }
    }

    @Test
    void ticketsAreSingleUseAndNeedTheApiKey() throws Exception {
        Created s = login.create(APP_A);
        String ticket = login.confirmedTicket(APP_A, s, "u1");
        assertThat(login.verify("wrong-api-key-0123456789", ticket).statusCode()).isEqualTo(401);
        assertThat(login.http("POST", "/api/v1/tickets/verify", "{\"ticket\":7}", "Authorization",
                "Bearer " + API_KEY_A).statusCode()).isEqualTo(400);
        assertThat(login.verify(API_KEY_A, "nonsense").statusCode()).isEqualTo(410);
        assertThat(login.verify(API_KEY_A, s.key() + ".guessed").statusCode()).isEqualTo(410);
        assertThat(login.verify(API_KEY_A, ticket).statusCode()).isEqualTo(200);
        var second = login.verify(API_KEY_A, ticket);
        assertThat(second.statusCode()).isEqualTo(410);
        assertThat(second.body()).contains("\"error\":\"gone\"");
    }
}
