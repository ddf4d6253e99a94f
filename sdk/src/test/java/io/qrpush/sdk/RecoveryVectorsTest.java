package io.qrpush.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.protocol.ClientFrame;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SDK's {@link Position} against the shared recovery vectors ({@code protocol/vectors/recovery.json},
 * on the test classpath through the protocol's test jar), which client-js's {@code position.ts}
 * runs too: both clients treat offsets and recovery replies alike.
 */
class RecoveryVectorsTest {
    private static final String CHANNEL = "news:1";

    static Stream<Arguments> cases() throws IOException {
        try (InputStream in = RecoveryVectorsTest.class.getResourceAsStream("/recovery.json")) {
            if (in == null) {
                throw new IllegalStateException("recovery.json is not on the test classpath (protocol/vectors)");
            }
            JsonNode root = Json.MAPPER.readTree(in);
            return StreamSupport.stream(root.path("cases").spliterator(), false)
                    .map(c -> Arguments.of(c.path("why").asText(), c.path("steps")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aCase(String why, JsonNode steps) {
        Position pos = new Position();
        for (int i = 0; i < steps.size(); i++) {
            JsonNode step = steps.get(i);
            String at = "step " + i;
            if (step.has("recover")) {
                JsonNode r = step.get("recover");
                assertThat(pos.recover()).as(at).isEqualTo(r.isNull() ? null
                        : new ClientFrame.Recover(r.path("offset").asLong(), r.path("epoch").asText()));
            } else if (step.has("live")) {
                assertThat(offsets(pos.live(message(step.get("live"))))).as(at).isEqualTo(expected(step.path("deliver")));
            } else if (step.has("settle")) {
                ObjectNode reply = step.get("settle").deepCopy();
                ArrayNode pubs = Json.MAPPER.createArrayNode();
                reply.path("publications").forEach(o -> pubs.add(Json.MAPPER.valueToTree(message(o))));
                reply.set("publications", pubs);
                Position.Settled settled = pos.settle(CHANNEL, reply);
                assertThat(offsets(settled.deliver())).as(at).isEqualTo(expected(step.path("deliver")));
                JsonNode recovered = step.get("recovered");
                assertThat(settled.recovered()).as(at).isEqualTo(recovered.isNull() ? null : recovered.asBoolean());
            } else {
                pos.abandon();
            }
        }
    }

    /** A message with this offset; JSON null means a channel without history (offset 0). */
    private static Message message(JsonNode offset) {
        long o = offset.isNull() ? 0 : offset.asLong();
        return new Message(CHANNEL, "g" + o, null, 1, Json.MAPPER.getNodeFactory().numberNode(o), o);
    }

    private static List<Long> offsets(List<Message> messages) {
        return messages.stream().map(m -> m.offset() == 0 ? null : m.offset()).toList();
    }

    private static List<Long> expected(JsonNode deliver) {
        List<Long> out = new ArrayList<>();
        deliver.forEach(o -> out.add(o.isNull() ? null : o.asLong()));
        return out;
    }
}
