package io.qrpush.server.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LiveSessionsTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final LiveSessions live = new LiveSessions(2, 180_000, now::get);

    private static LoginSession session(String key, String appkey) {
        return LoginSession.waiting(key, appkey, new PcClient("192.0.2.1", "ua", null, 0), 0);
    }

    @Test
    void eachAppIsCappedAndAnEndFreesAPlace() {
        live.opened(session("k1", "a"));
        live.opened(session("k2", "a"));
        assertThat(live.admits("a")).isFalse();
        assertThat(live.admits("b")).as("apps are counted apart").isTrue();
        live.ended("k1");
        live.ended("k1");
        live.ended("unknown");
        assertThat(live.count("a")).as("an end counts once").isEqualTo(1);
        assertThat(live.admits("a")).isTrue();
        live.opened(session("k2", "a"));
        assertThat(live.count("a")).as("a key counts once").isEqualTo(1);
    }

    @Test
    void sessionsEndedElsewhereAreCountedOffAtTheirDeadlineOnceAtTheCap() {
        live.opened(session("k1", "a"));
        now.addAndGet(60_000);
        live.opened(session("k2", "a"));
        now.addAndGet(119_999);
        assertThat(live.admits("a")).isFalse();
        now.addAndGet(1);
        assertThat(live.admits("a")).as("still within the second since the last sweep").isFalse();
        now.addAndGet(1_000);
        assertThat(live.admits("a")).as("k1 is past loginTtl + confirmTtl").isTrue();
        assertThat(live.count("a")).isEqualTo(1);
    }
}
