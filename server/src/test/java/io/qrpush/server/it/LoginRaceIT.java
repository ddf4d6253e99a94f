package io.qrpush.server.it;

import static io.qrpush.server.it.LoginFixture.nextEvent;
import static io.qrpush.server.it.TestServer.APP_A;
import static io.qrpush.server.it.TestServer.API_KEY_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.server.it.LoginFixture.Created;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;

/**
 * First scanner wins: 50 phones, each on its own connection with its own otp, publish
 * {@code scan} at the same instant; exactly one is accepted, the PC hears of exactly one scan,
 * and only that phone can confirm.
 */
class LoginRaceIT {
    private static final int PHONES = 50;
    private static TestServer server;
    private static LoginFixture login;
    private static ExecutorService pool;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        login = new LoginFixture(server);
        pool = Executors.newFixedThreadPool(PHONES);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
        server.close();
    }

    @RepeatedTest(5)
    void exactlyOneOfFiftySimultaneousScannersWins() throws Exception {
        Created s = login.create(APP_A);
        List<WsClient> phones = new ArrayList<>();
        try (WsClient pc = login.pc(APP_A, s)) {
            for (int i = 0; i < PHONES; i++) {
                phones.add(login.phone(APP_A, "racer-" + i));
            }
            CyclicBarrier go = new CyclicBarrier(PHONES);
            List<Future<JsonNode>> replies = new ArrayList<>();
            for (WsClient phone : phones) {
                replies.add(pool.submit(() -> {
                    go.await(10, TimeUnit.SECONDS);
                    return LoginFixture.act(phone, s, "scan");
                }));
            }
            List<Integer> winners = new ArrayList<>();
            for (int i = 0; i < PHONES; i++) {
                JsonNode reply = replies.get(i).get(20, TimeUnit.SECONDS);
                if (reply.path("code").asInt() == 200) {
                    winners.add(i);
                } else {
                    assertThat(reply.path("code").asInt()).as(reply.toString()).isEqualTo(409);
                    assertThat(reply.path("error").asText()).isEqualTo("locked");
                }
            }
            assertThat(winners).hasSize(1);
            int winner = winners.get(0);

            assertThat(LoginFixture.act(phones.get((winner + 1) % PHONES), s, "confirm").path("error").asText())
                    .isEqualTo("locked");
            assertThat(LoginFixture.act(phones.get(winner), s, "confirm").path("code").asInt()).isEqualTo(200);
            assertThat(nextEvent(pc, s).path("event").asText()).isEqualTo("scanned");
            JsonNode confirmed = nextEvent(pc, s);
            assertThat(confirmed.path("event").asText()).isEqualTo("confirmed");
            assertThat(confirmed.path("user").path("id").asText()).isEqualTo("racer-" + winner);
            assertThat(pc.drain()).noneMatch(f -> "message".equals(f.path("op").asText()));
            JsonNode verified = LoginFixture.body(login.verify(API_KEY_A, confirmed.path("ticket").asText()));
            assertThat(verified.path("userId").asText()).isEqualTo("racer-" + winner);
        } finally {
            phones.forEach(WsClient::close);
        }
    }
}
