package io.qrpush.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The error words and their codes, exactly the table of docs/protocol.md section 3. */
class ErrorWordTest {
    private static final Map<String, Integer> TABLE = new LinkedHashMap<>();

    static {
        for (String w : new String[] {"bad_request", "bad_channel", "unknown_op", "not_enabled"}) {
            TABLE.put(w, 400);
        }
        for (String w : new String[] {"unauthorized", "bad_otp", "otp_reused", "otp_expired"}) {
            TABLE.put(w, 401);
        }
        for (String w : new String[] {"forbidden", "origin_not_allowed", "bad_token"}) {
            TABLE.put(w, 403);
        }
        TABLE.put("not_found", 404);
        TABLE.put("locked", 409);
        TABLE.put("bad_state", 409);
        TABLE.put("mismatch", 409);
        TABLE.put("gone", 410);
        TABLE.put("too_large", 413);
        TABLE.put("rate_limited", 429);
        TABLE.put("too_many_subscriptions", 429);
        TABLE.put("internal", 500);
        TABLE.put("unavailable", 503);
    }

    @Test
    void wordsAndCodesAreTheProtocolTable() {
        Map<String, Integer> ours = Arrays.stream(ErrorWord.values())
                .collect(Collectors.toMap(ErrorWord::word, ErrorWord::code));
        assertThat(ours).isEqualTo(TABLE);
    }

    @Test
    void enumNamesSpellTheWireWord() {
        for (ErrorWord w : ErrorWord.values()) {
            assertThat(w.word()).isEqualTo(w.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Test
    void fromWordRoundTrips() {
        for (ErrorWord w : ErrorWord.values()) {
            assertThat(ErrorWord.fromWord(w.word())).isSameAs(w);
        }
    }

    @Test
    void fromWordOfSomethingElseIsNull() {
        assertThat(ErrorWord.fromWord("BAD_REQUEST")).isNull();
        assertThat(ErrorWord.fromWord("bad request")).isNull();
        assertThat(ErrorWord.fromWord("")).isNull();
        assertThat(ErrorWord.fromWord(null)).isNull();
    }

    @Test
    void everyWordIsAFailureCode() {
        for (ErrorWord w : ErrorWord.values()) {
            assertThat(w.code()).as(w.word()).isBetween(400, 599);
        }
    }
}
