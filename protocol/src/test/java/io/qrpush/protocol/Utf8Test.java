package io.qrpush.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The strict check agrees with the JDK's decoder on every code point and refuses what it refuses. */
class Utf8Test {
    private static boolean valid(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return Utf8.isValid(b, 0, b.length);
    }

    @Test
    void everyScalarValueIsValid() {
        for (int cp = 0; cp <= 0x10FFFF; cp++) {
            if (cp >= 0xD800 && cp <= 0xDFFF) {
                continue;
            }
            byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            assertThat(Utf8.isValid(b, 0, b.length)).as("U+%X", cp).isTrue();
        }
    }

    @Test
    void malformedSequencesAreNot() {
        assertThat(valid(0xC0, 0xAF)).as("overlong /").isFalse();
        assertThat(valid(0xC1, 0xBF)).isFalse();
        assertThat(valid(0xE0, 0x80, 0xAF)).as("overlong 3-byte").isFalse();
        assertThat(valid(0xF0, 0x80, 0x80, 0xAF)).as("overlong 4-byte").isFalse();
        assertThat(valid(0xED, 0xA0, 0x80)).as("surrogate").isFalse();
        assertThat(valid(0xF4, 0x90, 0x80, 0x80)).as("above U+10FFFF").isFalse();
        assertThat(valid(0xF5, 0x80, 0x80, 0x80)).isFalse();
        assertThat(valid(0x80)).as("lone continuation").isFalse();
        assertThat(valid(0xC3)).as("cut short").isFalse();
        assertThat(valid(0xE2, 0x82)).isFalse();
        assertThat(valid(0xE2, 0x28, 0xA1)).isFalse();
        assertThat(valid(0xFF)).isFalse();
    }

    @Test
    void onlyTheGivenRangeIsChecked() {
        byte[] b = {(byte) 0xFF, 'a', (byte) 0xC3, (byte) 0xA9, (byte) 0xFF};
        assertThat(Utf8.isValid(b, 1, 4)).isTrue();
        assertThat(Utf8.isValid(b, 1, 3)).isFalse();
    }
}
