package io.qrpush.server.it;

import static io.qrpush.server.it.LoginFixture.body;
import static io.qrpush.server.it.LoginFixture.nextEvent;
import static io.qrpush.server.it.TestServer.API_KEY_A;
import static io.qrpush.server.it.TestServer.APP_A;
import static io.qrpush.server.it.TestServer.SECRET_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.server.it.LoginFixture.Created;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;

/**
 * First scanner wins, with one state machine behind every door (docs/protocol.md section 4): 50
 * phones, each with its own otp or user, scan at the same instant, a third over WebSocket (each on
 * its own connection), a third over HTTPS, a third through the app's backend; exactly one is
 * accepted whichever door it came through, the PC hears of exactly one scan, and only that phone
 * can confirm. In the cluster run the WebSocket phones alternate between two nodes.
 */
class LoginRaceIT {
    private static final int PHONES = 50;
    private static TestServer server;
    private static LoginFixture login;
    private static LoginDoors doors;
    private static ExecutorService pool;

    /** One racer: its user id and how it scans and confirms; both answer {@code {code, error?}}. */
    private interface Racer extends AutoCloseable {
        String user();

        JsonNode act(Created s, String action) throws Exception;

        @Override
        default void close() {
        }
    }

    private record WsRacer(String user, WsClient phone) implements Racer {
        @Override
        public JsonNode act(Created s, String action) throws Exception {
            return LoginFixture.act(phone, s, action);
        }

        @Override
        public void close() {
            phone.close();
        }
    }

    private record HttpsRacer(String user) implements Racer {
        @Override
        public JsonNode act(Created s, String action) throws Exception {
            return codeOf(doors.phone(s.key(), action, TestServer.otp(SECRET_A, user, "login:*")));
        }
    }

    private record BackendRacer(String user) implements Racer {
        @Override
        public JsonNode act(Created s, String action) throws Exception {
            return codeOf(doors.backendAs(API_KEY_A, s, action, user));
        }
    }

    /** An HTTP answer in the shape of a WebSocket reply. */
    private static JsonNode codeOf(HttpResponse<String> r) throws Exception {
        return ((ObjectNode) body(r)).put("code", r.statusCode());
    }

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        login = new LoginFixture(server);
        doors = new LoginDoors(server, login);
        pool = Executors.newFixedThreadPool(PHONES);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
        server.close();
    }

    @RepeatedTest(5)
    void exactlyOneOfFiftySimultaneousScannersWinsAcrossTheDoors() throws Exception {
        Created s = login.create(APP_A);
        List<Racer> racers = new ArrayList<>();
        try (WsClient pc = login.pc(APP_A, s)) {
            for (int i = 0; i < PHONES; i++) {
                String user = "door-racer-" + i;
                racers.add(switch (i % 3) {
                    case 0 -> new WsRacer(user, login.phone(APP_A, user));
                    case 1 -> new HttpsRacer(user);
                    default -> new BackendRacer(user);
                });
            }
            CyclicBarrier go = new CyclicBarrier(PHONES);
            List<Future<JsonNode>> replies = new ArrayList<>();
            for (Racer r : racers) {
                Callable<JsonNode> scan = () -> {
                    go.await(10, TimeUnit.SECONDS);
                    return r.act(s, "scan");
                };
                replies.add(pool.submit(scan));
            }
            List<Integer> winners = new ArrayList<>();
            for (int i = 0; i < PHONES; i++) {
                JsonNode reply = replies.get(i).get(20, TimeUnit.SECONDS);
                if (reply.path("code").asInt() == 200) {
                    winners.add(i);
                } else {
                    LoginFixture.assertRefused(reply, 409, "locked");
                }
            }
            assertThat(winners).hasSize(1);
            Racer winner = racers.get(winners.get(0));
            Racer other = racers.get((winners.get(0) + 1) % PHONES);

            LoginFixture.assertRefused(other.act(s, "confirm"), 409, "locked");
            assertThat(winner.act(s, "confirm").path("code").asInt()).isEqualTo(200);
            assertThat(nextEvent(pc, s).path("event").asText()).isEqualTo("scanned");
            JsonNode confirmed = nextEvent(pc, s);
            assertThat(confirmed.path("user").path("id").asText()).isEqualTo(winner.user());
            assertThat(pc.drain()).noneMatch(f -> "message".equals(f.path("op").asText()));
            JsonNode verified = body(login.verify(API_KEY_A, confirmed.path("ticket").asText()));
            assertThat(verified.path("userId").asText()).isEqualTo(winner.user());
        } finally {
            racers.forEach(Racer::close);
        }
    }
}
