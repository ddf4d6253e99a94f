package io.qrpush.server.it;

import static io.qrpush.server.it.LoginFixture.act;
import static io.qrpush.server.it.LoginFixture.body;
import static io.qrpush.server.it.LoginFixture.nextEvent;
import static io.qrpush.server.it.TestServer.APP_A;
import static io.qrpush.server.it.TestServer.API_KEY_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Scan-to-login with the PC, the phones and the backend on different nodes sharing one Redis. */
class ClusterLoginIT extends ThreeNodeCluster {

    private LoginFixture on(int node) {
        return new LoginFixture(nodes[node]);
    }

    @Test
    void aLoginCompletesAcrossNodesAndItsTicketIsRedeemedOnce() throws Exception {
        LoginFixture.Created s = on(0).create(APP_A);
        WsClient pc = track(on(0).pc(APP_A, s));
        WsClient phone = track(on(1).phone(APP_A, "alice"));
        JsonNode scan = act(phone, s, "scan");
        assertThat(scan.path("code").asInt()).as(scan.toString()).isEqualTo(200);
        assertThat(scan.path("client").path("userAgent").asText()).isEqualTo(LoginFixture.UA);
        assertThat(nextEvent(pc, s).path("event").asText()).isEqualTo("scanned");
        assertThat(act(phone, s, "confirm").path("code").asInt()).isEqualTo(200);
        JsonNode confirmed = nextEvent(pc, s);
        assertThat(confirmed.path("event").asText()).isEqualTo("confirmed");
        String ticket = confirmed.path("ticket").asText();

        var first = on(2).verify(API_KEY_A, ticket);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(body(first).path("userId").asText()).isEqualTo("alice");
        assertThat(on(0).verify(API_KEY_A, ticket).statusCode()).isEqualTo(410);
        assertThat(on(1).verify(API_KEY_A, ticket).statusCode()).isEqualTo(410);
    }

    @Test
    void fiftyPhonesOnThreeNodesRaceAndExactlyOneWinsEveryTime() throws Exception {
        for (int round = 0; round < 5; round++) {
            LoginFixture.Created s = on(0).create(APP_A);
            WsClient pc = track(on(0).pc(APP_A, s));
            List<WsClient> phones = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                phones.add(track(on(i % 3).phone(APP_A, "p" + round + "-" + i)));
            }
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<JsonNode>> scans = new ArrayList<>();
            for (WsClient p : phones) {
                scans.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                        return act(p, s, "scan");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            go.countDown();
            long winners = 0;
            for (CompletableFuture<JsonNode> f : scans) {
                JsonNode r = f.join();
                if (r.path("code").asInt() == 200) {
                    winners++;
                } else {
                    assertThat(r.path("error").asText()).as(r.toString()).isEqualTo("locked");
                }
            }
            assertThat(winners).as("round %d", round).isEqualTo(1);
            assertThat(nextEvent(pc, s).path("event").asText()).isEqualTo("scanned");
            phones.forEach(WsClient::close);
        }
    }

    @Test
    void aPcThatMovesToAnotherNodeGetsTheStateFromRedis() throws Exception {
        LoginFixture.Created s = on(0).create(APP_A);
        WsClient pc = track(on(0).pc(APP_A, s));
        WsClient phone = track(on(1).phone(APP_A, "bob"));
        act(phone, s, "scan");
        assertThat(nextEvent(pc, s).path("event").asText()).isEqualTo("scanned");
        pc.close();
        WsClient moved = track(WsClient.connect(nodes[2].wsUri(), LoginFixture.originOf(APP_A)));
        moved.requestOk("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + APP_A + "\"}");
        JsonNode sub = moved.subscribe(s.channel(), s.token());
        assertThat(sub.path("state").path("status").asText()).isEqualTo("scanned");
        act(phone, s, "confirm");
        JsonNode confirmed = nextEvent(moved, s);
        assertThat(confirmed.path("event").asText()).isEqualTo("confirmed");
        assertThat(confirmed.path("ticket").asText()).isNotEmpty();
    }
}
