package io.qrpush.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The frames of history, recovery and presence (docs/protocol.md sections 6 and 7) as the SDK writes and reads them. */
class HistoryFramesTest {
    private static final FrameCodec CODEC = new FrameCodec();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private static String encoded(ClientFrame frame) {
        return new String(CODEC.encode(frame), UTF_8);
    }

    private static ClientFrame decode(String frame) {
        return CODEC.decodeClient(frame.getBytes(UTF_8));
    }

    @Test
    void subscribeCarriesRecoverOnlyWhenGiven() {
        ClientFrame.Subscribe s = new ClientFrame.Subscribe(2, "news:1", null, new ClientFrame.Recover(7, "e1"));
        assertThat(encoded(s)).isEqualTo(
                "{\"op\":\"subscribe\",\"id\":2,\"channel\":\"news:1\",\"recover\":{\"offset\":7,\"epoch\":\"e1\"}}");
        assertThat(CODEC.decodeClient(CODEC.encode(s))).isEqualTo(s);
        assertThat(decode("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"news\",\"recover\":null}"))
                .isEqualTo(new ClientFrame.Subscribe(2, "news", null));
    }

    @Test
    void aRecoverThatIsNoPositionIsABadRequest() {
        for (String recover : List.of("7", "{\"offset\":-1,\"epoch\":\"e1\"}", "{\"offset\":1,\"epoch\":\"a b\"}")) {
            assertThatThrownBy(() -> decode("{\"op\":\"subscribe\",\"id\":9,\"channel\":\"news\",\"recover\":" + recover + "}"))
                    .as(recover).isInstanceOfSatisfying(FrameException.class, e -> {
                        assertThat(e.word()).isEqualTo(ErrorWord.BAD_REQUEST);
                        assertThat(e.requestId()).isEqualTo(9L);
                    });
        }
    }

    @Test
    void channelQueriesAreWrittenWithTheirParameters() {
        ObjectNode params = JSON.objectNode().put("limit", 2).put("reverse", true);
        params.putObject("since").put("offset", 5).put("epoch", "e1");
        List<ClientFrame.ChannelQuery> queries = List.of(
                new ClientFrame.ChannelQuery(5, "history", "news:1", null, params),
                new ClientFrame.ChannelQuery(6, "presence", "room:1", "tok", JSON.objectNode()),
                new ClientFrame.ChannelQuery(7, "presence_stats", "room:1", null, JSON.objectNode()));
        for (ClientFrame.ChannelQuery q : queries) {
            assertThat(CODEC.decodeClient(CODEC.encode(q))).as("%s", q).isEqualTo(q);
        }
        assertThat(encoded(queries.get(0))).isEqualTo("{\"op\":\"history\",\"id\":5,\"channel\":\"news:1\",\"limit\":2,"
                + "\"reverse\":true,\"since\":{\"offset\":5,\"epoch\":\"e1\"}}");
    }

    @Test
    void joinAndLeaveAndOffsetsSurviveARoundTrip() {
        ObjectNode user = JSON.objectNode();
        user.putObject("user").put("userId", "u1").put("name", "Ann");
        List<ServerFrame> frames = List.of(
                new ServerFrame.ChannelEvent("join", "room:1", user),
                new ServerFrame.Message("news:1", "g", "u1", 5L, RawJson.parse("1"), 42));
        for (ServerFrame f : frames) {
            assertThat(CODEC.decodeServer(CODEC.encode(f))).as("%s", f).isEqualTo(f);
        }
        assertThat(new String(CODEC.encode(frames.get(0)), UTF_8))
                .isEqualTo("{\"op\":\"join\",\"channel\":\"room:1\",\"user\":{\"userId\":\"u1\",\"name\":\"Ann\"}}");
    }
}
