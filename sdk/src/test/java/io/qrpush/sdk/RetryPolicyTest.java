package io.qrpush.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(100));

    @Test
    void repeatableCallsRetryConnectionFailuresTimeoutsAnd5xx() {
        assertThat(policy.shouldRetry(1, new ConnectException("refused"), true)).isTrue();
        assertThat(policy.shouldRetry(1, new IOException("connection reset"), true)).isTrue();
        assertThat(policy.shouldRetry(1, new HttpTimeoutException("no answer"), true)).isTrue();
        assertThat(policy.shouldRetry(1, new QrPushException(503, "unavailable", "broker down"), true)).isTrue();
        assertThat(policy.shouldRetry(1, new QrPushException(500, "internal", "oops"), true)).isTrue();
    }

    @Test
    void refusalsAreNeverRetried() {
        for (int status : new int[] {400, 401, 403, 404, 409, 410, 413, 429}) {
            assertThat(policy.shouldRetry(1, new QrPushException(status, "x", "y"), true)).as("%d", status).isFalse();
        }
    }

    @Test
    void oneShotCallsRetryOnlyWhatNeverReachedTheServer() {
        assertThat(policy.shouldRetry(1, new ConnectException("refused"), false)).isTrue();
        assertThat(policy.shouldRetry(1, new HttpConnectTimeoutException("slow connect"), false)).isTrue();
        assertThat(policy.shouldRetry(1, new IOException("wrapped", new ConnectException("refused")), false)).isTrue();
        assertThat(policy.shouldRetry(1, new IOException("reset after sending"), false)).isFalse();
        assertThat(policy.shouldRetry(1, new HttpTimeoutException("sent, no answer"), false)).isFalse();
        assertThat(policy.shouldRetry(1, new QrPushException(503, "unavailable", "maybe done"), false)).isFalse();
    }

    @Test
    void theNumberOfRetriesIsBounded() {
        Throwable f = new ConnectException("refused");
        assertThat(policy.shouldRetry(3, f, true)).isTrue();
        assertThat(policy.shouldRetry(4, f, true)).as("3 retries = 4 attempts").isFalse();
        assertThat(RetryPolicy.none().shouldRetry(1, f, true)).isFalse();
    }

    @Test
    void wrappedFailuresAreReadThroughTheirWrappers() {
        assertThat(policy.shouldRetry(1, new CompletionException(new ConnectException("refused")), false)).isTrue();
        assertThat(policy.shouldRetry(1, new CompletionException(new QrPushException(401, "unauthorized", "")), true))
                .isFalse();
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new RetryPolicy(-1, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
