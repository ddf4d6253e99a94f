package io.qrpush.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AdminSessionsTest {
    private static final String TOKEN = "admin-token-0123456789abcdefghijklmnop";
    private final AtomicLong now = new AtomicLong(1_000);
    private final AdminSessions sessions = new AdminSessions(TOKEN, now::get);

    @Test
    void onlyTheTokenSignsInAndTheIdIsNotTheToken() {
        assertThat(sessions.signIn(TOKEN + "x")).isNull();
        assertThat(sessions.signIn(TOKEN.substring(1))).isNull();
        assertThat(sessions.signIn("")).isNull();
        assertThat(sessions.signIn(null)).isNull();
        String id = sessions.signIn(TOKEN);
        assertThat(id).isNotNull().doesNotContain(TOKEN).hasSizeGreaterThanOrEqualTo(43);
        assertThat(sessions.isLive(id)).isTrue();
        assertThat(sessions.isLive(TOKEN)).as("the token is no session id").isFalse();
        assertThat(sessions.signIn(TOKEN)).isNotEqualTo(id);
    }

    @Test
    void anExpiredSessionIsAsDeadAsAMadeUpOne() {
        String id = sessions.signIn(TOKEN);
        now.addAndGet(AdminSessions.LIFETIME.toNanos() - 1);
        assertThat(sessions.isLive(id)).isTrue();
        now.addAndGet(1);
        assertThat(sessions.isLive(id)).isFalse();
        assertThat(sessions.isLive("made-up")).isFalse();
        assertThat(sessions.isLive(null)).isFalse();
        assertThat(sessions.size()).isZero();
    }

    @Test
    void signOutEndsOnlyThatSession() {
        String a = sessions.signIn(TOKEN);
        String b = sessions.signIn(TOKEN);
        sessions.end(a);
        sessions.end("unknown");
        assertThat(sessions.isLive(a)).isFalse();
        assertThat(sessions.isLive(b)).isTrue();
    }

    @Test
    void theCountIsBoundedAndTheOldestGoesFirst() {
        String first = sessions.signIn(TOKEN);
        String second = sessions.signIn(TOKEN);
        for (int i = 0; i < AdminSessions.MAX_SESSIONS * 3; i++) {
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
            sessions.signIn(TOKEN);
        }
        assertThat(sessions.size()).isEqualTo(AdminSessions.MAX_SESSIONS);
        assertThat(sessions.isLive(first)).isFalse();
        assertThat(sessions.isLive(second)).isFalse();
    }
}
