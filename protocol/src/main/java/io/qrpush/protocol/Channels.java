package io.qrpush.protocol;

/** Channel names: their syntax, namespace and protection (docs/protocol.md section 1). */
public final class Channels {
    public static final int MAX_LENGTH = 128;
    public static final String LOGIN_PREFIX = "login:";
    public static final String PRIVATE_PREFIX = "private:";

    private Channels() {
    }

    /** Whether {@code name} matches {@code ^[A-Za-z0-9_\-:.@=]{1,128}$}; checked without a regex. */
    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isAllowed(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAllowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '-' || c == ':' || c == '.' || c == '@' || c == '=';
    }

    /** The part before the first {@code :}, or the empty string when there is none. */
    public static String namespace(String name) {
        int colon = name.indexOf(':');
        return colon < 0 ? "" : name.substring(0, colon);
    }

    /** Login and private channels need a subscription token to subscribe. */
    public static boolean isProtected(String name) {
        return isLogin(name) || name.startsWith(PRIVATE_PREFIX);
    }

    public static boolean isLogin(String name) {
        return name.startsWith(LOGIN_PREFIX);
    }
}
