package io.qrpush.server.login;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The node's otp replay cache, which {@code authorize} spends otps in too: an otp used on one door
 * is used on all of them.
 */
@FunctionalInterface
public interface OtpReplay {
    /** True the first time the app's {@code jti} is seen within {@code lifetime}. */
    CompletableFuture<Boolean> firstUse(String appkey, String jti, Duration lifetime);
}
