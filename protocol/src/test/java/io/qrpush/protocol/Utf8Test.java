package io.qrpush.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The strict check agrees with the JDK's decoder on every code point and refuses what it refuses;
 * its eight-bytes-at-a-time ASCII path misses no byte of a word, and text checked in pieces
 * ({@link Utf8#completeUpTo}) gives the answer the whole would.
 */
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

    @Test
    void theLargestScalarValueIsValidAndTheNextIsNot() {
        assertThat(valid(0xF4, 0x8F, 0xBF, 0xBF)).as("U+10FFFF").isTrue();
        assertThat(valid(0xF4, 0x90, 0x80, 0x80)).as("U+110000").isFalse();
        assertThat(valid(0xF0, 0x90, 0x80, 0x80)).as("U+10000").isTrue();
        assertThat(valid(0xF0, 0x8F, 0xBF, 0xBF)).as("U+FFFF as four bytes").isFalse();
    }

    @Test
    void overlongFormsOfEveryLengthAreRefused() {
        assertThat(valid(0xC0, 0x80)).as("NUL in two bytes").isFalse();
        assertThat(valid(0xC1, 0xBF)).as("U+7F in two bytes").isFalse();
        assertThat(valid(0xC2, 0x80)).as("U+80, the first two-byte one").isTrue();
        assertThat(valid(0xE0, 0x9F, 0xBF)).as("U+7FF in three bytes").isFalse();
        assertThat(valid(0xE0, 0xA0, 0x80)).as("U+800, the first three-byte one").isTrue();
        assertThat(valid(0xF0, 0x80, 0x80, 0x80)).as("NUL in four bytes").isFalse();
        assertThat(valid(0xF8, 0x88, 0x80, 0x80, 0x80)).as("five-byte form").isFalse();
    }

    @Test
    void surrogatesAreRefusedAndTheirNeighboursAreNot() {
        assertThat(valid(0xED, 0x9F, 0xBF)).as("U+D7FF").isTrue();
        assertThat(valid(0xED, 0xA0, 0x80)).as("U+D800").isFalse();
        assertThat(valid(0xED, 0xBF, 0xBF)).as("U+DFFF").isFalse();
        assertThat(valid(0xEE, 0x80, 0x80)).as("U+E000").isTrue();
        assertThat(valid(0xED, 0xA0, 0xBD, 0xED, 0xB2, 0xA9)).as("a CESU-8 pair").isFalse();
    }

    @Test
    void truncatedSequencesAreRefusedAtTheEndAndInTheMiddle() {
        assertThat(valid(0xF0, 0x9F, 0x98)).as("three of four at the end").isFalse();
        assertThat(valid(0xE2, 0x82)).as("two of three at the end").isFalse();
        assertThat(valid(0xF0, 0x9F, 0x98, 'a')).as("three of four, then ASCII").isFalse();
        assertThat(valid(0xC3, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h')).as("a lead byte, then a word of ASCII").isFalse();
        assertThat(valid(0xE2, 0x82, 0xE2, 0x82, 0xAC)).as("a cut one before a whole one").isFalse();
    }

    @Test
    void longAsciiIsValidWhateverItsLengthAndOffset() {
        byte[] ascii = new byte[1027];
        for (int i = 0; i < ascii.length; i++) {
            ascii[i] = (byte) (i % 128);
        }
        for (int from = 0; from < 9; from++) {
            for (int to = ascii.length - 9; to <= ascii.length; to++) {
                assertThat(Utf8.isValid(ascii, from, to)).as("[%d, %d)", from, to).isTrue();
            }
        }
    }

    @Test
    void oneBadByteIsFoundAtEveryPositionOfAWord() {
        for (int bad : new int[] {0x80, 0xBF, 0xC0, 0xF5, 0xFF}) {
            for (int length = 1; length <= 24; length++) {
                for (int at = 0; at < length; at++) {
                    byte[] b = "abcdefghijklmnopqrstuvwx".substring(0, length).getBytes(StandardCharsets.US_ASCII);
                    b[at] = (byte) bad;
                    assertThat(Utf8.isValid(b, 0, b.length)).as("%02X at %d of %d", bad, at, length).isFalse();
                    assertThat(Utf8.completeUpTo(b, 0, b.length)).as("%02X at %d of %d", bad, at, length).isEqualTo(-1);
                }
            }
        }
    }

    @Test
    void aCharacterAtEveryPositionOfAWordIsChecked() {
        String[] chars = {"\u00e9", "\u20ac", "\ud83d\ude00"};
        for (String c : chars) {
            for (int at = 0; at < 17; at++) {
                byte[] b = ("x".repeat(at) + c + "y".repeat(17 - at)).getBytes(StandardCharsets.UTF_8);
                assertThat(Utf8.isValid(b, 0, b.length)).as("%s at %d", c, at).isTrue();
                b[at + 1] = 'z'; // the character's second byte is no longer a continuation
                assertThat(Utf8.isValid(b, 0, b.length)).as("%s broken at %d", c, at).isFalse();
            }
        }
    }

    @Test
    void checkedInPiecesItAgreesWithTheWhole() {
        byte[] b = "a\u00e9\u20ac\ud83d\ude00 and some ASCII after it".getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= b.length; cut++) {
            int upTo = Utf8.completeUpTo(b, 0, cut);
            assertThat(upTo).as("cut at %d", cut).isBetween(Math.max(0, cut - 3), cut);
            assertThat(Utf8.completeUpTo(b, upTo, b.length)).as("rest after %d", cut).isEqualTo(b.length);
        }
    }

    @Test
    void aCutShortCharacterIsWaitedForOnlyWhileItCouldStillBeValid() {
        byte[] b = {'a', (byte) 0xF0, (byte) 0x9F, (byte) 0x98};
        assertThat(Utf8.completeUpTo(b, 0, 4)).isEqualTo(1);
        assertThat(Utf8.completeUpTo(new byte[] {'a', (byte) 0xE0, (byte) 0x80}, 0, 3)).as("overlong so far").isEqualTo(-1);
        assertThat(Utf8.completeUpTo(new byte[] {(byte) 0xED, (byte) 0xA0}, 0, 2)).as("a surrogate so far").isEqualTo(-1);
        assertThat(Utf8.completeUpTo(new byte[] {(byte) 0xF4, (byte) 0x90}, 0, 2)).as("above U+10FFFF so far").isEqualTo(-1);
        assertThat(Utf8.completeUpTo(new byte[] {(byte) 0xE2, 0x41}, 0, 2)).as("ASCII inside").isEqualTo(-1);
        assertThat(Utf8.completeUpTo(new byte[] {(byte) 0xF0, (byte) 0x9F, 0x41}, 0, 3)).as("ASCII third").isEqualTo(-1);
    }
}
