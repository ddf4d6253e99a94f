package io.qrpush.sdk;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * How {@link QrPushApi} retries a failed call: up to {@code maxRetries} more attempts, waiting a
 * full-jitter backoff between {@code minDelay} and {@code maxDelay}.
 *
 * <p>What is retried depends on whether the call may safely run twice:
 * <ul>
 *   <li><b>repeatable</b> calls (publish and broadcast, which always carry a guid the server
 *       dedupes by per channel; channel info; disconnect) are retried on any connection failure
 *       or timeout and on 5xx;</li>
 *   <li><b>one-shot</b> calls (ticket redemption, which works once) are retried only when the
 *       request provably never reached the server: the connection was refused or could not be
 *       made in time.</li>
 * </ul>
 * Answers 4xx are never retried: the same request gets the same refusal.
 */
public record RetryPolicy(int maxRetries, Duration minDelay, Duration maxDelay) {
    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative");
        }
        if (minDelay == null || maxDelay == null || minDelay.isNegative() || maxDelay.compareTo(minDelay) < 0) {
            throw new IllegalArgumentException("retry delays need 0 <= minDelay <= maxDelay");
        }
    }

    /** 3 retries, 200 ms to 3 s apart. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(3));
    }

    /** Every call is tried once. */
    public static RetryPolicy none() {
        return new RetryPolicy(0, Duration.ZERO, Duration.ZERO);
    }

    /**
     * Whether a call that failed on its attempt number {@code attempt} (1 = first) should be tried
     * again.
     *
     * @param failure    a {@link QrPushException} carrying the server's status, or the I/O failure
     * @param repeatable whether running the call twice is harmless
     */
    boolean shouldRetry(int attempt, Throwable failure, boolean repeatable) {
        if (attempt > maxRetries) {
            return false;
        }
        Throwable cause = unwrap(failure);
        if (cause instanceof QrPushException) {
            int status = ((QrPushException) cause).status();
            return repeatable && status >= 500;
        }
        if (neverSent(cause)) {
            return true;
        }
        return repeatable && cause instanceof IOException;
    }

    /** Connection refused or not made in time: the server cannot have seen the request. */
    static boolean neverSent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
