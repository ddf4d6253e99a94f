package io.qrpush.server.it;

import static io.qrpush.server.it.LoginFixture.act;
import static io.qrpush.server.it.LoginFixture.body;
import static io.qrpush.server.it.LoginFixture.nextEvent;
import static io.qrpush.server.it.TestServer.API_KEY_A;
import static io.qrpush.server.it.TestServer.APP_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.qrpush.server.config.LoginSettings;
import io.qrpush.server.config.QrpushConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A dump of Redis holds no live ticket: the session keeps the ticket's SHA-256 and a seed that
 * only the app's secret turns into the ticket, and the ticket still redeems once across nodes.
 */
class RedisTicketsIT extends ThreeNodeCluster {

    /** Admission control off: a machine busy with other builds must not turn the creation into 503 "busy". */
    @Override
    QrpushConfig nodeConfig(QrpushConfig defaults) {
        return super.nodeConfig(defaults).withLogin(LoginSettings.defaults().withMaxLoopLag(Duration.ZERO));
    }

    @Test
    void noKeyOrValueHoldsTheTicketAndItRedeemsOnceAcrossNodes() throws Exception {
        LoginFixture.Created s = new LoginFixture(nodes[0]).create(APP_A);
        WsClient pc = track(new LoginFixture(nodes[0]).pc(APP_A, s));
        WsClient phone = track(new LoginFixture(nodes[1]).phone(APP_A, "alice"));
        assertThat(act(phone, s, "scan").path("code").asInt()).isEqualTo(200);
        assertThat(nextEvent(pc, s).path("event").asText()).isEqualTo("scanned");
        assertThat(act(phone, s, "confirm").path("code").asInt()).isEqualTo(200);
        String ticket = nextEvent(pc, s).path("ticket").asText();
        String secretPart = ticket.substring(ticket.indexOf('.') + 1);
        assertThat(secretPart).hasSize(22);

        List<String> dump = dumpRedis();
        assertThat(dump).as("the session is in Redis").anyMatch(v -> v.contains(s.key()));
        assertThat(dump).noneMatch(v -> v.contains(secretPart));

        // A PC that reconnects on a third node gets the same ticket, derived again from the seed.
        WsClient moved = track(WsClient.connect(nodes[2].wsUri(), LoginFixture.originOf(APP_A)));
        moved.requestOk("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"" + APP_A + "\"}");
        JsonNode state = moved.subscribe(s.channel(), s.token()).path("state");
        assertThat(state.path("ticket").asText()).isEqualTo(ticket);

        var first = new LoginFixture(nodes[2]).verify(API_KEY_A, ticket);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(body(first).path("userId").asText()).isEqualTo("alice");
        assertThat(new LoginFixture(nodes[0]).verify(API_KEY_A, ticket).statusCode()).isEqualTo(410);
        assertThat(new LoginFixture(nodes[1]).verify(API_KEY_A, ticket).statusCode()).isEqualTo(410);
        assertThat(dumpRedis()).noneMatch(v -> v.contains(secretPart));
    }

    /** Every key and every value in Redis, whatever its type. */
    private static List<String> dumpRedis() {
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            RedisCommands<String, String> r = c.sync();
            List<String> out = new ArrayList<>();
            for (String key : r.keys("*")) {
                out.add(key);
                switch (r.type(key)) {
                    case "string" -> out.add(r.get(key));
                    case "hash" -> r.hgetall(key).forEach((f, v) -> out.add(f + "=" + v));
                    case "list" -> out.addAll(r.lrange(key, 0, -1));
                    case "set" -> out.addAll(r.smembers(key));
                    case "zset" -> out.addAll(r.zrange(key, 0, -1));
                    default -> out.add(r.dump(key) == null ? "" : new String(r.dump(key)));
                }
            }
            return out;
        } finally {
            client.shutdown();
        }
    }
}
