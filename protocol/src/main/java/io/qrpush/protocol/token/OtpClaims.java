package io.qrpush.protocol.token;

import java.util.List;

/**
 * What a verified otp says about the user it was minted for.
 *
 * @param sub    the app's user id
 * @param exp    expiry, epoch seconds
 * @param jti    the one-time id; the server accepts each once within the otp's lifetime
 * @param pub    channel globs the user may publish to; empty means none
 */
public record OtpClaims(String sub, long exp, String jti, String name, String avatar, List<String> pub) {
    public OtpClaims {
        pub = pub == null ? List.of() : List.copyOf(pub);
    }
}
