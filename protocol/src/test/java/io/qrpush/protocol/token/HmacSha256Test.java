package io.qrpush.protocol.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HmacSha256Test {
    private static String hex(String key, String data) {
        return HexFormat.of().formatHex(HmacSha256.of(key, data.getBytes(StandardCharsets.UTF_8)));
    }

    /** RFC 4231, test case 2. */
    @Test
    void matchesTheRfcVector() {
        assertThat(hex("Jefe", "what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    /** The thread's Mac is reused: each call starts from its own key, whatever the call before it used. */
    @Test
    void aReusedMacCarriesNothingFromTheCallBefore() {
        String first = hex("Jefe", "what do ya want for nothing?");
        hex("another key", "other text");
        assertThat(hex("Jefe", "what do ya want for nothing?")).isEqualTo(first);
    }
}
