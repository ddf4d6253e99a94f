package io.qrpush.server.it;

import static io.qrpush.server.it.LoginFixture.act;
import static io.qrpush.server.it.LoginFixture.nextEvent;
import static io.qrpush.server.it.TestServer.APP_A;
import static io.qrpush.server.it.TestServer.API_KEY_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.server.cluster.NodeProcess;
import io.qrpush.server.cluster.RedisProcess;
import io.qrpush.server.config.BrokerSettings;
import org.junit.jupiter.api.Test;

/** A node killed with SIGKILL mid-login: its PC moves to another node and still logs in. */
class NodeKillIT {

    @Test
    void aPcWhoseNodeDiedMidLoginStillReceivesTheConfirmElsewhere() throws Exception {
        try (RedisProcess redis = RedisProcess.start();
             NodeProcess doomed = NodeProcess.start(redis.uri());
             TestServer survivor = TestServer.start(c -> c.withBroker(new BrokerSettings("redis", redis.uri())))) {
            LoginFixture backend = new LoginFixture(survivor);
            LoginFixture.Created s = backend.create(APP_A);
            try (WsClient pc = WsClient.connect(doomed.wsUri(), TestServer.ORIGIN_A);
                 WsClient phone = backend.phone(APP_A, "carol")) {
                pc.requestOk("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + APP_A + "\"}");
                assertThat(pc.subscribe(s.channel(), s.token()).path("code").asInt()).isEqualTo(200);
                assertThat(act(phone, s, "scan").path("code").asInt()).isEqualTo(200);
                assertThat(nextEvent(pc, s).path("event").asText()).as("delivered through Redis").isEqualTo("scanned");

                doomed.kill();
                assertThat(pc.awaitClose()).as("the connection just dies").isNotIn(1000, 1001);

                try (WsClient moved = WsClient.connect(survivor.wsUri(), TestServer.ORIGIN_A)) {
                    moved.requestOk("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + APP_A + "\"}");
                    assertThat(moved.subscribe(s.channel(), s.token()).path("state").path("status").asText())
                            .isEqualTo("scanned");
                    assertThat(act(phone, s, "confirm").path("code").asInt()).isEqualTo(200);
                    JsonNode confirmed = nextEvent(moved, s);
                    assertThat(confirmed.path("event").asText()).isEqualTo("confirmed");
                    var verified = backend.verify(API_KEY_A, confirmed.path("ticket").asText());
                    assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
                }
            }
        }
    }
}
