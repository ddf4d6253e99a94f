package io.qrpush.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Address literals only: names and the short or scoped forms some parsers accept are refused, with no DNS. */
class IpRangeTest {

    @Test
    void readsIpv4AndIpv6Literals() {
        assertThat(IpRange.literal("10.1.2.3")).containsExactly(10, 1, 2, 3);
        assertThat(IpRange.literal(" ::1 ")).hasSize(16).endsWith(1);
        assertThat(IpRange.literal("[2001:db8::7]")).hasSize(16).startsWith(0x20, 0x01, 0x0d, (byte) 0xb8);
    }

    @Test
    void keepsAnIpv4MappedLiteralAsIpv6() {
        assertThat(IpRange.literal("::ffff:10.0.0.1"))
                .containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 10, 0, 0, 1);
        assertThat(IpRange.parse("::ffff:0:0/96").contains(IpRange.literal("::ffff:192.168.0.1"))).isTrue();
    }

    /** Against a regex of dotted decimal, on random strings over digits and dots. */
    @Test
    void dottedDecimalAgreesWithARegexOnRandomText() {
        Pattern quad = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
        Random random = new Random(11);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(16); n > 0; n--) {
                text.append("0123456789..".charAt(random.nextInt(12)));
            }
            Matcher m = quad.matcher(text);
            boolean valid = m.matches();
            for (int g = 1; valid && g <= 4; g++) {
                valid = Integer.parseInt(m.group(g)) <= 255;
            }
            byte[] parsed = IpRange.literal(text.toString());
            assertThat(parsed != null).as(text.toString()).isEqualTo(valid);
            if (valid) {
                assertThat(parsed).as(text.toString()).containsExactly(Integer.parseInt(m.group(1)),
                        Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
            }
        }
    }

    @Test
    void refusesWhatIsNotALiteral() {
        for (String bad : new String[] {"localhost", "example.com", "abc", "beef", "127.1", "0x7f.0.0.1",
                "1.2.3.256", "1.2.3.4.5", "1..2.3", "fe80::1%eth0", ":::", "1:2:3:4:5:6:7:8:9", "", "[]", " "}) {
            assertThat(IpRange.literal(bad)).as(bad).isNull();
        }
    }

    @Test
    void matchesRangesOfTheSameFamilyOnly() {
        IpRange r = IpRange.parse("10.0.0.0/8");
        assertThat(r.contains(IpRange.literal("10.200.3.4"))).isTrue();
        assertThat(r.contains(IpRange.literal("11.0.0.1"))).isFalse();
        assertThat(r.contains(IpRange.literal("::ffff:10.0.0.1"))).isFalse();
        assertThat(IpRange.parse("10.0.0.0/33")).isNull();
        assertThat(IpRange.parse("fd00::/8").contains(IpRange.literal("fd12::1"))).isTrue();
    }
}
