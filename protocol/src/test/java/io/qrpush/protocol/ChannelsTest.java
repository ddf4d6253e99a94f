package io.qrpush.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Channel syntax, namespace and protection (docs/protocol.md section 1). */
class ChannelsTest {
    private static final Pattern SYNTAX = Pattern.compile("^[A-Za-z0-9_\\-:.@=]{1,128}$");

    @ParameterizedTest
    @ValueSource(strings = {"a", "news", "login:Vx3-_", "private:u17@example.com", "a=b.c", "::", "0", "Z_9"})
    void validNames(String name) {
        assertThat(Channels.isValid(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", "a/b", "a#b", "a*", "login:?", "a\tb", "a\n", "caf\u00e9", "\u65e5\u672c",
        "\uff11", "\u0430", "a\u0000", "\uD83D\uDE00", "a+b", "a,b", "\"a\""})
    void invalidNames(String name) {
        assertThat(Channels.isValid(name)).isFalse();
    }

    @Test
    void lengthIsOneTo128() {
        assertThat(Channels.isValid(null)).isFalse();
        assertThat(Channels.isValid("c".repeat(Channels.MAX_LENGTH))).isTrue();
        assertThat(Channels.isValid("c".repeat(Channels.MAX_LENGTH + 1))).isFalse();
        assertThat(Channels.MAX_LENGTH).isEqualTo(128);
    }

    /** Every UTF-16 unit, alone and inside a name, judged as the regex of the protocol judges it. */
    @Test
    void agreesWithTheProtocolRegexOnEveryCharacter() {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String alone = String.valueOf(c);
            String inside = "a" + c + "b";
            assertThat(Channels.isValid(alone)).as("U+%04X", (int) c).isEqualTo(SYNTAX.matcher(alone).matches());
            assertThat(Channels.isValid(inside)).as("U+%04X", (int) c).isEqualTo(SYNTAX.matcher(inside).matches());
        }
    }

    @Test
    void namespaceIsThePartBeforeTheFirstColon() {
        assertThat(Channels.namespace("login:abc")).isEqualTo("login");
        assertThat(Channels.namespace("a:b:c")).isEqualTo("a");
        assertThat(Channels.namespace(":x")).isEmpty();
        assertThat(Channels.namespace("news")).isEmpty();
    }

    @Test
    void loginAndPrivateChannelsAreProtected() {
        assertThat(Channels.isProtected("login:Vx3")).isTrue();
        assertThat(Channels.isProtected("private:u17")).isTrue();
        assertThat(Channels.isLogin("login:Vx3")).isTrue();
        assertThat(Channels.isLogin("private:u17")).isFalse();
        for (String open : new String[] {"news", "login", "private", "Login:x", "PRIVATE:x", "xlogin:y", "public:login:"}) {
            assertThat(Channels.isProtected(open)).as(open).isFalse();
            assertThat(Channels.isLogin(open)).as(open).isFalse();
        }
    }
}
