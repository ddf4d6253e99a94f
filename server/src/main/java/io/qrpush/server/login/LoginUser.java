package io.qrpush.server.login;

import io.qrpush.server.core.Identity;

/**
 * The phone's user as the app's backend vouched for them in the otp ({@code sub}, {@code name},
 * {@code avatar}); never taken from what the phone publishes.
 */
public record LoginUser(String id, String name, String avatar) {
    public static LoginUser of(Identity phone) {
        return new LoginUser(phone.userId(), phone.otp().name(), phone.otp().avatar());
    }
}
