package io.qrpush.server.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.ProtocolException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** A client's {@code {offset, epoch}}: read when well formed, 400 {@code bad_request} otherwise. */
class StreamPositionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aWellFormedPositionIsRead() throws Exception {
        StreamPosition p = StreamPosition.fromClient(JSON.readTree("{\"offset\":7,\"epoch\":\"aB3-_x\"}"), "recover");
        assertThat(p).isEqualTo(new StreamPosition(7, "aB3-_x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "\"x\"", "[]", "{}", "{\"epoch\":\"e\"}", "{\"offset\":1}",
        "{\"offset\":-1,\"epoch\":\"e\"}", "{\"offset\":1.5,\"epoch\":\"e\"}", "{\"offset\":\"1\",\"epoch\":\"e\"}",
        "{\"offset\":99999999999999999999,\"epoch\":\"e\"}", "{\"offset\":1,\"epoch\":\"\"}",
        "{\"offset\":1,\"epoch\":7}", "{\"offset\":1,\"epoch\":\"a b\"}", "{\"offset\":1,\"epoch\":\"\\\",\\\"x\"}"})
    void aMalformedPositionIsABadRequestNamingTheField(String json) throws Exception {
        ProtocolException e = catchThrowableOfType(ProtocolException.class,
                () -> StreamPosition.fromClient(JSON.readTree(json), "recover"));
        assertThat(e).isNotNull();
        assertThat(e.word()).isEqualTo(ErrorWord.BAD_REQUEST);
        assertThat(e.getMessage()).startsWith("recover");
    }

    @Test
    void aLongEpochIsRefused() throws Exception {
        String json = "{\"offset\":1,\"epoch\":\"" + "a".repeat(65) + "\"}";
        assertThat(catchThrowableOfType(ProtocolException.class,
                () -> StreamPosition.fromClient(JSON.readTree(json), "since")).getMessage()).startsWith("since.epoch");
    }

    @Test
    void newEpochsDiffer() {
        assertThat(StreamPosition.newEpoch()).isNotEqualTo(StreamPosition.newEpoch()).matches("[A-Za-z0-9_-]{11}");
    }
}
