package io.qrpush.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The content of a publish is validated while it is skipped and kept as the bytes that came: the
 * checks a tree gave (well-formed JSON, depth, UTF-8, one object per frame) hold without the tree.
 */
class ClientFrameReaderTest {
    private static final FrameCodec CODEC = new FrameCodec();
    private static final String HEAD = "{\"op\":\"publish\",\"id\":9,\"channel\":\"a\",\"content\":";

    private static RawJson contentOf(String frame) {
        return ((ClientFrame.Publish) CODEC.decodeClient(frame.getBytes(UTF_8))).content();
    }

    private static void refusedWithoutId(byte[] frame) {
        assertThatThrownBy(() -> CODEC.decodeClient(frame))
                .isInstanceOfSatisfying(FrameException.class, e -> {
                    assertThat(e.word()).isEqualTo(ErrorWord.BAD_REQUEST);
                    assertThat(e.requestId()).isNull();
                });
    }

    /** Nothing is parsed into numbers or decoded into strings: it all leaves as it came. */
    @ParameterizedTest
    @ValueSource(strings = {
        "1e999999999", "-0.000000000000000000000000000001E-999999", "[1E+400, -0, 0.0e0]",
        "\"\\u00e9\\ud83d\\ude00\\\\\\/\\b\\f\\n\\r\\t\\\"\"",
        "{\"\\u0061\" : \"caf\u00e9 \u65e5\u672c \uD83D\uDE00\",  \"b\":{ } }",
        "[ ]", "\"\"", "false"})
    void contentLeavesByteForByte(String content) {
        assertThat(contentOf(HEAD + content + "}").toString()).isEqualTo(content);
        assertThat(contentOf(HEAD + content + ",\"guid\":\"g\"}").toString()).isEqualTo(content);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\":1,}", "[1,]", "{a:1}", "{\"a\" 1}", "[1 2]", "\"unclosed", "\"bad \\x escape\"", "\"\\u12\"",
        "[\"tab\tinside\"]", "{\"a\":NaN}", "[+1]", "[.5]", "[1.]", "[01]", "{\"a\":[}", "tru", "nul"})
    void malformedContentIsABadRequestWithoutId(String content) {
        refusedWithoutId((HEAD + content + "}").getBytes(UTF_8));
    }

    @Test
    void nestingInsideContentCountsAgainstTheCap() {
        int levels = FrameCodec.MAX_NESTING;
        refusedWithoutId((HEAD + "{\"a\":[".repeat(levels / 2) + "]}".repeat(levels / 2) + "}").getBytes(UTF_8));
        int allowed = FrameCodec.MAX_NESTING - 1;
        String deepest = "[".repeat(allowed) + "]".repeat(allowed);
        assertThat(contentOf(HEAD + deepest + "}").size()).isEqualTo(2 * allowed);
    }

    @Test
    void hugeNumbersInContentAreCappedByLengthNotByValue() {
        assertThat(contentOf(HEAD + "[" + "9".repeat(64) + "]}").size()).isEqualTo(66);
        refusedWithoutId((HEAD + "[" + "9".repeat(65) + "]}").getBytes(UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"}}", "}{}", "},", "}1", "}\"x\"", "} // c"})
    void anythingAfterTheFrameIsRefused(String tail) {
        refusedWithoutId((HEAD + "{\"a\":1}" + tail).getBytes(UTF_8));
    }

    /** Fields the reader does not know are not read into anything, but must still be JSON. */
    @Test
    void unknownFieldsAreSkippedButChecked() {
        assertThat(contentOf(HEAD + "1,\"extra\":{\"deep\":[1e999999,\"\u00e9\"]}}").toString()).isEqualTo("1");
        refusedWithoutId((HEAD + "1,\"extra\":{\"deep\":[1,]}}").getBytes(UTF_8));
    }

    /** A channel query's open-ended fields still arrive, as a tree; content is not one of them. */
    @Test
    void channelQueryParamsKeepEveryOtherField() {
        ClientFrame.ChannelQuery q = (ClientFrame.ChannelQuery) CODEC.decodeClient(("{\"op\":\"history\",\"id\":2,"
                + "\"channel\":\"a\",\"token\":\"t\",\"limit\":5,\"guid\":\"g\",\"content\":1,\"since\":null}").getBytes(UTF_8));
        assertThat(q.params().toString()).isEqualTo("{\"limit\":5,\"guid\":\"g\",\"since\":null}");
    }
}
