package io.qrpush.server.core;

import io.qrpush.protocol.ChannelGlobs;
import io.qrpush.protocol.token.OtpClaims;

/**
 * Who an authorized connection is. {@code otp} is null for anonymous connections, whose user id
 * is {@code anon-<sid>}.
 *
 * @param pub the otp's {@code pub} globs, compiled once here so that a publish only matches
 *            them; {@link ChannelGlobs#NONE} for anonymous connections
 */
public record Identity(String userId, OtpClaims otp, ChannelGlobs pub) {

    public Identity(String userId, OtpClaims otp) {
        this(userId, otp, otp == null ? ChannelGlobs.NONE : ChannelGlobs.compile(otp.pub()));
    }

    public boolean anonymous() {
        return otp == null;
    }
}
