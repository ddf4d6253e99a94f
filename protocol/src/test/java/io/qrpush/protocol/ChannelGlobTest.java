package io.qrpush.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Otp {@code pub} globs: {@code *} matches any run of characters, the rest literally; as {@link ChannelGlobs}
 * compiles them.
 */
class ChannelGlobTest {

    private static boolean matches(String glob, String channel) {
        return ChannelGlobs.compile(List.of(glob)).matches(channel);
    }

    @Test
    void exactGlobsMatchOnlyThemselves() {
        assertThat(matches("news", "news")).isTrue();
        assertThat(matches("news", "new")).isFalse();
        assertThat(matches("news", "newss")).isFalse();
        assertThat(matches("news", "News")).isFalse();
        assertThat(matches("a.b", "aXb")).as("dot is literal").isFalse();
    }

    @Test
    void starAsPrefixSuffixAndMiddle() {
        assertThat(matches("login:*", "login:Vx3")).isTrue();
        assertThat(matches("login:*", "login:")).isTrue();
        assertThat(matches("login:*", "login")).isFalse();
        assertThat(matches("login:*", "xlogin:Vx3")).isFalse();
        assertThat(matches("*:done", "job:7:done")).isTrue();
        assertThat(matches("*:done", "job:7:done:no")).isFalse();
        assertThat(matches("room:*:chat", "room:42:chat")).isTrue();
        assertThat(matches("room:*:chat", "room::chat")).isTrue();
        assertThat(matches("room:*:chat", "room:42:chatter")).isFalse();
    }

    @Test
    void severalStars() {
        assertThat(matches("a*b*c", "abc")).isTrue();
        assertThat(matches("a*b*c", "aXXbYYc")).isTrue();
        assertThat(matches("a*b*c", "acb")).isFalse();
        assertThat(matches("*a*b", "xaxb")).isTrue();
        assertThat(matches("*a*b", "xbxa")).isFalse();
        assertThat(matches("*ab", "aab")).as("backtracks past a false start").isTrue();
        assertThat(matches("**", "anything")).isTrue();
    }

    @Test
    void emptyTextAndEmptyGlob() {
        assertThat(matches("*", "")).isTrue();
        assertThat(matches("**", "")).isTrue();
        assertThat(matches("", "")).isTrue();
        assertThat(matches("", "a")).isFalse();
        assertThat(matches("a*", "")).isFalse();
        assertThat(matches("*a", "")).isFalse();
    }

    @Test
    void anyMatchesChecksEachGlob() {
        assertThat(ChannelGlobs.compile(List.of("news", "login:*")).matches("login:k")).isTrue();
        assertThat(ChannelGlobs.compile(List.of("news", "login:*")).matches("private:k")).isFalse();
        assertThat(ChannelGlobs.compile(List.of()).matches("news")).isFalse();
    }

    /** Against a regex with the same meaning, on small random globs and texts over a tiny alphabet. */
    @Test
    void agreesWithARegexTranslation() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            String glob = randomString(random, "ab*", 6);
            String text = randomString(random, "ab", 8);
            boolean expected = Pattern.matches(toRegex(glob), text);
            if (matches(glob, text) != expected) {
                throw new AssertionError("glob " + glob + " on " + text + " should be " + expected);
            }
        }
    }

    @Test
    void compiledGlobListsAgreeWithARegexTranslation() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            List<String> globs = new ArrayList<>();
            for (int n = random.nextInt(3); n >= 0; n--) {
                globs.add(randomString(random, "ab:*", 7));
            }
            String text = randomString(random, "ab:", 9);
            boolean expected = globs.stream().anyMatch(g -> Pattern.matches(toRegex(g), text));
            if (ChannelGlobs.compile(globs).matches(text) != expected) {
                throw new AssertionError("globs " + globs + " on " + text + " should be " + expected);
            }
        }
    }

    @Test
    void compiledNamedCases() {
        ChannelGlobs globs = ChannelGlobs.compile(List.of("news", "login:*", "room:*:chat", "*:done"));
        assertThat(globs.matches("news")).isTrue();
        assertThat(globs.matches("newss")).isFalse();
        assertThat(globs.matches("login:")).isTrue();
        assertThat(globs.matches("login")).isFalse();
        assertThat(globs.matches("room::chat")).isTrue();
        assertThat(globs.matches("room:chat")).as("the prefix and suffix may not overlap").isFalse();
        assertThat(globs.matches("job:7:done")).isTrue();
        assertThat(ChannelGlobs.compile(List.of("a*b*c")).matches("acb")).isFalse();
        assertThat(ChannelGlobs.compile(List.of("ab*ba")).matches("aba")).as("pieces may not share characters").isFalse();
    }

    @Test
    void noCompiledGlobsMatchNothing() {
        assertThat(ChannelGlobs.NONE.matches("")).isFalse();
        assertThat(ChannelGlobs.compile(List.of())).isSameAs(ChannelGlobs.NONE);
        assertThat(ChannelGlobs.NONE.isEmpty()).isTrue();
        assertThat(ChannelGlobs.compile(List.of("*")).matches("")).isTrue();
    }

    @Test
    void compiledGlobsAreEqualWhenTheirSourcesAre() {
        assertThat(ChannelGlobs.compile(List.of("a*"))).isEqualTo(ChannelGlobs.compile(List.of("a*")))
                .hasSameHashCodeAs(ChannelGlobs.compile(List.of("a*")))
                .isNotEqualTo(ChannelGlobs.compile(List.of("b*")));
    }

    @Test
    void aPathologicalGlobFinishesFastCompiled() {
        String as = "a".repeat(200_000);
        ChannelGlobs globs = ChannelGlobs.compile(List.of("*a*a*a*a*a*b"));
        boolean[] results = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> new boolean[] {globs.matches(as), globs.matches(as + "b")});
        assertThat(results[0]).isFalse();
        assertThat(results[1]).isTrue();
    }

    private static String randomString(Random random, String alphabet, int maxLength) {
        StringBuilder s = new StringBuilder();
        for (int n = random.nextInt(maxLength + 1); n > 0; n--) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String literal : glob.split("\\*", -1)) {
            regex.append(Pattern.quote(literal)).append(".*");
        }
        return regex.substring(0, regex.length() - 2);
    }
}
