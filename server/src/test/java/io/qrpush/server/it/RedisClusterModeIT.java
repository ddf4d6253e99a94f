package io.qrpush.server.it;

import static io.qrpush.server.it.LoginFixture.act;
import static io.qrpush.server.it.LoginFixture.nextEvent;
import static io.qrpush.server.it.TestServer.APP_A;
import static io.qrpush.server.it.TestServer.API_KEY_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.server.cluster.RedisClusterProcesses;
import io.qrpush.server.cluster.RedisProcess;
import io.qrpush.server.cluster.SentinelProcess;
import io.qrpush.server.config.BrokerSettings;
import org.junit.jupiter.api.Test;

/**
 * The other forms of broker.redis against real servers: a Redis Cluster (seed list) and a master
 * found through Sentinel; and a seed list that leads to no cluster.
 */
class RedisClusterModeIT {

    @Test
    void aSeedListOfAServerThatIsNoClusterIsRefusedNamingTheKey() throws Exception {
        try (RedisProcess plain = RedisProcess.start()) {
            String seeds = plain.uri() + "," + plain.uri();
            assertThatThrownBy(() -> TestServer.start(c -> c.withBroker(new BrokerSettings("redis", seeds))))
                    .hasMessageStartingWith("broker.redis: ")
                    .hasMessageContaining("must name nodes of a Redis Cluster")
                    .hasMessageContaining("single redis:// URI");
        }
    }

    @Test
    void nodesFindTheirMasterThroughSentinel() throws Exception {
        try (RedisProcess master = RedisProcess.start();
             SentinelProcess sentinel = SentinelProcess.watching(master.port());
             TestServer a = TestServer.start(c -> c.withBroker(new BrokerSettings("redis", sentinel.uri())));
             TestServer b = TestServer.start(c -> c.withBroker(new BrokerSettings("redis", sentinel.uri())));
             WsClient sub = a.anonymous(APP_A);
             WsClient pub = b.user(APP_A, "u1", "news")) {
            sub.subscribe("news", null);
            assertThat(pub.publish("news", "\"via sentinel\"").path("code").asInt()).isEqualTo(200);
            assertThat(sub.next("message").path("content").asText()).isEqualTo("via sentinel");
        }
    }

    @Test
    void pubSubDedupeAndALoginWorkOnARedisCluster() throws Exception {
        RedisClusterProcesses cluster = RedisClusterProcesses.shared();
        try (TestServer a = TestServer.start(c -> c.withBroker(new BrokerSettings("redis", cluster.seeds())));
             TestServer b = TestServer.start(c -> c.withBroker(new BrokerSettings("redis", cluster.seeds())));
             WsClient sub = a.anonymous(APP_A);
             WsClient pub = b.user(APP_A, "u1", "news")) {
            sub.subscribe("news", null);
            for (int i = 0; i < 10; i++) {
                pub.publish("news", Integer.toString(i));
            }
            for (int i = 0; i < 10; i++) {
                assertThat(sub.next("message").path("content").asInt()).isEqualTo(i);
            }
            String frame = "{\"op\":\"publish\",\"id\":%d,\"channel\":\"news\",\"content\":0,\"guid\":\"once\"}";
            pub.requestOk(String.format(frame, 50));
            assertThat(pub.requestOk(String.format(frame, 51)).path("duplicate").asBoolean()).isTrue();

            LoginFixture pcSide = new LoginFixture(a);
            LoginFixture.Created s = pcSide.create(APP_A);
            try (WsClient pc = pcSide.pc(APP_A, s); WsClient phone = new LoginFixture(b).phone(APP_A, "dana")) {
                assertThat(act(phone, s, "scan").path("code").asInt()).isEqualTo(200);
                assertThat(nextEvent(pc, s).path("event").asText()).isEqualTo("scanned");
                act(phone, s, "confirm");
                JsonNode confirmed = nextEvent(pc, s);
                assertThat(new LoginFixture(b).verify(API_KEY_A, confirmed.path("ticket").asText()).statusCode())
                        .isEqualTo(200);
            }
        }
    }
}
