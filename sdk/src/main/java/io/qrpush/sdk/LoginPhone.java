package io.qrpush.sdk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.protocol.Channels;
import io.qrpush.protocol.login.LoginActions;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The phone's side of scan-to-login (docs/protocol.md section 4) over a connected {@link QrPushClient} whose
 * otp allows publishing to {@code login:*}: scan the code, show the user where the login will
 * happen, then confirm or cancel.
 *
 * <pre>{@code
 * LoginPhone login = LoginPhone.of(client, LoginPhone.keyFromQr(scanned, "https://example.com/qr?k={key}").orElseThrow());
 * LoginScan scan = login.scan().join();          // ask the user: "Log in on <scan.client().userAgent()>?"
 * if (scan.numberMatching()) {
 *     login.confirm(numberTheUserPicked).join();  // one of scan.choices()
 * } else {
 *     login.confirm().join();                    // or login.cancel()
 * }
 * }</pre>
 *
 * Each action is sent once on the current connection and never retried by the SDK: a confirm
 * whose answer was lost may have been taken, and a second one would be answered 410 {@code gone}.
 * Failures carry the server's word: {@code locked} (another user scanned first), {@code bad_state}
 * (confirm before scan), {@code mismatch} (the wrong number: the login is cancelled), {@code gone}
 * (expired, cancelled or done), {@code not_found}, {@code rate_limited} (this user scanned too
 * many codes in the last minute).
 */
public final class LoginPhone {
    private final QrPushClient client;
    private final String key;
    private final String channel;

    private LoginPhone(QrPushClient client, String key) {
        this.client = Objects.requireNonNull(client, "client");
        this.key = Objects.requireNonNull(key, "key");
        this.channel = Channels.LOGIN_PREFIX + key;
        if (!isKey(key) || !Channels.isValid(channel)) {
            throw new IllegalArgumentException("a login key is base64url text");
        }
    }

    /** A login of the session with this key (the part of the QR content the server put there). */
    public static LoginPhone of(QrPushClient client, String key) {
        return new LoginPhone(client, key);
    }

    /**
     * Reads the key out of scanned QR content, given the app's {@code qrUrl} template with its
     * {@code {key}} placeholder; empty when the content is not one of this app's login codes.
     */
    public static Optional<String> keyFromQr(String scanned, String qrUrlTemplate) {
        int at = qrUrlTemplate.indexOf("{key}");
        if (scanned == null || at < 0) {
            return Optional.empty();
        }
        String prefix = qrUrlTemplate.substring(0, at);
        String suffix = qrUrlTemplate.substring(at + "{key}".length());
        if (scanned.length() <= prefix.length() + suffix.length()
                || !scanned.startsWith(prefix) || !scanned.endsWith(suffix)) {
            return Optional.empty();
        }
        String key = scanned.substring(prefix.length(), scanned.length() - suffix.length());
        return isKey(key) ? Optional.of(key) : Optional.empty();
    }

    private static boolean isKey(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public String key() {
        return key;
    }

    /** {@code login:<key>}. */
    public String channel() {
        return channel;
    }

    /**
     * Claims the session for this phone's user (the first scanner wins) and completes with the PC
     * that asked for the login and how it looks ({@link LoginRisk}), to show the user before they
     * decide, and the numbers to offer where the app uses number matching. Scanning again is harmless.
     */
    public CompletableFuture<LoginScan> scan() {
        return act(action(LoginActions.SCAN)).thenApply(LoginScan::fromJson);
    }

    /** Lets the PC in: it receives a {@code confirmed} event with a ticket for its backend. */
    public CompletableFuture<Void> confirm() {
        return act(action(LoginActions.CONFIRM)).thenApply(body -> null);
    }

    /**
     * Lets the PC in on an app with number matching, with the number the user picked from
     * {@link LoginScan#choices()}. A wrong one cancels the login: {@code mismatch}.
     */
    public CompletableFuture<Void> confirm(String match) {
        Objects.requireNonNull(match, "match");
        return act(action(LoginActions.CONFIRM).put(LoginActions.MATCH, match)).thenApply(body -> null);
    }

    /** Refuses the login: the PC receives {@code cancelled}. */
    public CompletableFuture<Void> cancel() {
        return act(action(LoginActions.CANCEL)).thenApply(body -> null);
    }

    private static ObjectNode action(String action) {
        return Json.MAPPER.createObjectNode().put(LoginActions.FIELD, action);
    }

    private CompletableFuture<ObjectNode> act(ObjectNode content) {
        return client.publishOnce(channel, content);
    }

    @Override
    public String toString() {
        return "LoginPhone[" + channel + "]";
    }
}
