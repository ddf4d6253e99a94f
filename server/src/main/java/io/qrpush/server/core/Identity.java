package io.qrpush.server.core;

import io.qrpush.protocol.token.OtpClaims;

/**
 * Who an authorized connection is. {@code otp} is null for anonymous connections, whose user id
 * is {@code anon-<sid>}.
 */
public record Identity(String userId, OtpClaims otp) {
    public boolean anonymous() {
        return otp == null;
    }
}
