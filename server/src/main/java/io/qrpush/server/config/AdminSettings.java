package io.qrpush.server.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The admin page at {@code /admin/}: off (every {@code /admin/} path answers 404) unless a token is
 * configured. The token is what an operator types to sign in; it never travels in a URL and is
 * never what the browser keeps (that is a server-side session id in a cookie).
 *
 * @param token the sign-in token, at least {@value #MIN_TOKEN_LENGTH} characters, or null for no admin page
 */
public record AdminSettings(String token) {
    /** Long enough that guessing is hopeless even without the sign-in rate limit. */
    public static final int MIN_TOKEN_LENGTH = 32;

    /** No admin page, as in any configuration without an {@code admin} section. */
    public static AdminSettings off() {
        return new AdminSettings(null);
    }

    public boolean enabled() {
        return token != null;
    }

    /** The problems of this section, each naming its key. */
    public static List<String> problems(AdminSettings a) {
        List<String> p = new ArrayList<>();
        if (a.token() != null && a.token().length() < MIN_TOKEN_LENGTH) {
            p.add("admin.token: at least " + MIN_TOKEN_LENGTH + " characters when set (generate one: openssl rand -base64 32),"
                    + " or leave it out to turn the admin page off");
        }
        return p;
    }
}
