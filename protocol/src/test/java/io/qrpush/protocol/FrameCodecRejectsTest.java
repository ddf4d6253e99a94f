package io.qrpush.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every malformed client frame is a {@link FrameException} with the word and request id the
 * protocol prescribes: id null when the frame is not JSON, lacks op or lacks a usable id.
 */
class FrameCodecRejectsTest {
    private static final FrameCodec CODEC = new FrameCodec();
    private static final String PUBLISH = "{\"op\":\"publish\",\"id\":7,\"channel\":\"a\",\"content\":";
    private static final String PUBLISH_3 = "{\"op\":\"publish\",\"id\":3,\"channel\":\"a\",\"content\":";

    private static FrameException refused(byte[] frame) {
        try {
            ClientFrame accepted = CODEC.decodeClient(frame);
            throw new AssertionError("accepted " + accepted + " from " + new String(frame, UTF_8));
        } catch (FrameException e) {
            return e;
        }
    }

    private static FrameException refused(String frame) {
        return refused(frame.getBytes(UTF_8));
    }

    private static void assertRefused(String frame, ErrorWord word, Long id) {
        FrameException e = refused(frame);
        assertThat(e.word()).as(frame).isEqualTo(word);
        assertThat(e.requestId()).as(frame).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "hello", "{", "}", "[]", "[{\"op\":\"ping\"}]", "\"ping\"", "42", "null", "true",
        "{}", "{\"id\":1}", "{\"op\":5,\"id\":1}", "{\"op\":null,\"id\":1}", "{\"op\":[\"ping\"]}", "{\"op\":{}}",
        "{\"op\":\"ping\"", "{\"op\":\"ping\",}", "{'op':'ping'}", "{op:\"ping\"}", "{\"op\":\"ping\"/**/}",
        "{\"op\":\"ping\"} x", "{\"op\":\"ping\"}{\"op\":\"ping\"}", "{\"op\":\"ping\"}]", "{\"op\":\"ping\"}\u0000",
        PUBLISH + "NaN}", PUBLISH + "01}", PUBLISH + "'x'}", PUBLISH + "\"a\tb\"}"})
    void notASingleJsonObjectWithAStringOpIsABadRequestWithoutId(String frame) {
        assertRefused(frame, ErrorWord.BAD_REQUEST, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"authorize", "subscribe", "unsubscribe", "publish"})
    void requestWithoutUsableIdIsABadRequestWithoutId(String op) {
        String rest = ",\"appkey\":\"demo\",\"channel\":\"a\",\"content\":1}";
        for (String id : new String[] {null, "null", "\"1\"", "1.5", "1.0", "1e3", "true", "[1]", "{}",
            "9223372036854775808", "-9223372036854775809", "1" + "0".repeat(40)}) {
            String frame = "{\"op\":\"" + op + "\"" + (id == null ? "" : ",\"id\":" + id) + rest;
            assertRefused(frame, ErrorWord.BAD_REQUEST, null);
        }
    }

    @Test
    void idsSpanTheWholeLongRange() {
        assertThat(CODEC.decodeClient("{\"op\":\"unsubscribe\",\"id\":9223372036854775807,\"channel\":\"a\"}".getBytes(UTF_8)))
                .isEqualTo(new ClientFrame.Unsubscribe(Long.MAX_VALUE, "a"));
        assertThat(CODEC.decodeClient("{\"op\":\"unsubscribe\",\"id\":-9223372036854775808,\"channel\":\"a\"}".getBytes(UTF_8)))
                .isEqualTo(new ClientFrame.Unsubscribe(Long.MIN_VALUE, "a"));
    }

    @Test
    void unknownOpIsRefusedWithTheId() {
        assertRefused("{\"op\":\"subscribe2\",\"id\":9}", ErrorWord.UNKNOWN_OP, 9L);
        assertRefused("{\"op\":\"\",\"id\":10}", ErrorWord.UNKNOWN_OP, 10L);
        assertRefused("{\"op\":\"PING\",\"id\":11}", ErrorWord.UNKNOWN_OP, 11L);
        assertRefused("{\"op\":\"reply\",\"id\":12}", ErrorWord.UNKNOWN_OP, 12L);
        assertRefused("{\"op\":\"nope\"}", ErrorWord.BAD_REQUEST, null);
    }

    @Test
    void unknownOpIsNotEchoedAtLength() {
        FrameException e = refused("{\"op\":\"" + "x".repeat(10_000) + "\",\"id\":1}");
        assertThat(e.word()).isEqualTo(ErrorWord.UNKNOWN_OP);
        assertThat(e.getMessage()).hasSizeLessThan(100);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"op\":\"subscribe\",\"id\":3,\"channel\":5}",
        "{\"op\":\"subscribe\",\"id\":3,\"channel\":[\"a\"]}",
        "{\"op\":\"subscribe\",\"id\":3,\"channel\":\"a\",\"token\":7}",
        "{\"op\":\"authorize\",\"id\":3}",
        "{\"op\":\"authorize\",\"id\":3,\"appkey\":\"\"}",
        "{\"op\":\"authorize\",\"id\":3,\"appkey\":1}",
        "{\"op\":\"authorize\",\"id\":3,\"appkey\":\"demo\",\"otp\":{}}",
        "{\"op\":\"authorize\",\"id\":3,\"appkey\":\"demo\",\"userId\":17}",
        PUBLISH_3 + "1,\"receipt\":\"true\"}",
        PUBLISH_3 + "1,\"receipt\":1}",
        PUBLISH_3 + "1,\"retried\":\"1\"}",
        PUBLISH_3 + "1,\"retried\":-1}",
        PUBLISH_3 + "1,\"retried\":1.5}",
        PUBLISH_3 + "1,\"retried\":2147483648}",
        PUBLISH_3 + "1,\"retried\":99999999999999999999}",
        PUBLISH_3 + "1,\"guid\":5}",
        PUBLISH_3 + "1,\"guid\":\"\"}",
        "{\"op\":\"publish\",\"id\":3,\"channel\":\"a\"}",
        "{\"op\":\"publish\",\"id\":3,\"channel\":\"a\",\"guid\":\"g\"}"})
    void wrongFieldsAreABadRequestWithTheId(String frame) {
        assertRefused(frame, ErrorWord.BAD_REQUEST, 3L);
    }

    @Test
    void guidIsAtMost128Characters() {
        assertRefused(PUBLISH + "1,\"guid\":\"" + "g".repeat(129) + "\"}", ErrorWord.BAD_REQUEST, 7L);
        assertThat(CODEC.decodeClient((PUBLISH + "1,\"guid\":\"" + "g".repeat(128) + "\"}").getBytes(UTF_8)))
                .isInstanceOf(ClientFrame.Publish.class);
    }

    @Test
    void ackWithWrongFieldsIsABadRequestWithoutId() {
        assertRefused("{\"op\":\"ack\",\"channel\":\"a\"}", ErrorWord.BAD_REQUEST, null);
        assertRefused("{\"op\":\"ack\",\"channel\":\"a\",\"guid\":1}", ErrorWord.BAD_REQUEST, null);
        assertRefused("{\"op\":\"ack\",\"channel\":\"a b\",\"guid\":\"g\"}", ErrorWord.BAD_CHANNEL, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"subscribe", "unsubscribe", "publish"})
    void badChannelNamesAreRefusedWithTheId(String op) {
        String head = "{\"op\":\"" + op + "\",\"id\":5,\"content\":1";
        for (String channel : new String[] {"\"\"", "\"" + "c".repeat(129) + "\"", "\"a b\"", "\"a/b\"",
            "\"caf\u00e9\"", "\"\u65e5\u672c\"", "\"a\\u0000\"", "\"a*\"", "\"login:#\"", "\"\\ud83d\\ude00\"", "null"}) {
            assertRefused(head + ",\"channel\":" + channel + "}", ErrorWord.BAD_CHANNEL, 5L);
        }
        assertRefused(head + "}", ErrorWord.BAD_CHANNEL, 5L);
        assertThat(CODEC.decodeClient((head + ",\"channel\":\"" + "c".repeat(128) + "\"}").getBytes(UTF_8))).isNotNull();
    }

    /** The frame object is one level, so content may nest MAX_NESTING - 1 levels and no more. */
    @Test
    void nestingDeeperThanTheCapIsABadRequest() {
        int inner = FrameCodec.MAX_NESTING - 1;
        String deepest = PUBLISH + "[".repeat(inner) + "]".repeat(inner) + "}";
        assertThat(CODEC.decodeClient(deepest.getBytes(UTF_8))).isInstanceOf(ClientFrame.Publish.class);

        assertRefused(PUBLISH + "[".repeat(inner + 1) + "]".repeat(inner + 1) + "}", ErrorWord.BAD_REQUEST, null);
        assertRefused(PUBLISH + "{\"a\":".repeat(inner + 1) + "1" + "}".repeat(inner + 1) + "}", ErrorWord.BAD_REQUEST, null);
        assertRefused("{\"op\":\"ping\",\"x\":" + "[".repeat(inner + 1) + "]".repeat(inner + 1) + "}",
                ErrorWord.BAD_REQUEST, null);
        assertRefused(PUBLISH + "[".repeat(1_000_000), ErrorWord.BAD_REQUEST, null);
    }

    @Test
    void thousandDigitNumbersAreRefused() {
        String digits = "9".repeat(1000);
        assertRefused(PUBLISH + digits + "}", ErrorWord.BAD_REQUEST, null);
        assertRefused(PUBLISH + "[0." + digits + "]}", ErrorWord.BAD_REQUEST, null);
        assertRefused("{\"op\":\"unsubscribe\",\"id\":" + digits + ",\"channel\":\"a\"}", ErrorWord.BAD_REQUEST, null);
        assertRefused(PUBLISH + "1,\"retried\":" + digits + "}", ErrorWord.BAD_REQUEST, null);
    }


    @Test
    void invalidUtf8IsRefused() {
        byte[] ok = "{\"op\":\"ping\",\"x\":\"..\"}".getBytes(UTF_8);
        byte[][] bad = {{(byte) 0xFF, 'x'}, {(byte) 0xC3, '"'}, {(byte) 0x80, 'x'}, {(byte) 0xED, (byte) 0xA0},
            {(byte) 0xFE, 'x'}, {(byte) 0xE2, (byte) 0x82}};
        for (byte[] pair : bad) {
            byte[] frame = ok.clone();
            frame[18] = pair[0];
            frame[19] = pair[1];
            assertThat(refused(frame).word()).isEqualTo(ErrorWord.BAD_REQUEST);
        }
        byte[] surrogate = "{\"op\":\"ping\",\"x\":\"...\"}".getBytes(UTF_8);
        surrogate[18] = (byte) 0xED;
        surrogate[19] = (byte) 0xA0;
        surrogate[20] = (byte) 0x80;
        assertThat(refused(surrogate).word()).isEqualTo(ErrorWord.BAD_REQUEST);
    }

    /** Jackson would guess these encodings and then measure no content bytes at all. */
    @Test
    void otherUnicodeEncodingsAreRefused() {
        String frame = PUBLISH + "\"" + "x".repeat(1000) + "\"}";
        for (Charset charset : new Charset[] {StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE,
            StandardCharsets.UTF_16, Charset.forName("UTF-32BE"), Charset.forName("UTF-32LE")}) {
            for (String text : List.of(frame, "\uFEFF" + frame)) {
                FrameException e = refused(text.getBytes(charset));
                assertThat(e.word()).as("%s", charset).isEqualTo(ErrorWord.BAD_REQUEST);
                assertThat(e.requestId()).as("%s", charset).isNull();
            }
        }
    }
}
