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
 * LoginClient pc = login.scan().join();          // ask the user: "Log in on <pc.userAgent()>?"
 * login.confirm().join();                        // or login.cancel()
 * }</pre>
 *
 * Each action is sent once on the current connection and never retried by the SDK: a confirm
 * whose answer was lost may have been taken, and a second one would be answered 410 {@code gone}.
 * Failures carry the server's word: {@code locked} (another user scanned first), {@code bad_state}
 * (confirm before scan), {@code gone} (expired, cancelled or done), {@code not_found}.
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
     * that asked for the login, to show the user before they decide. Scanning again is harmless.
     */
    public CompletableFuture<LoginClient> scan() {
        return act(LoginActions.SCAN).thenApply(body -> LoginClient.fromJson(body.get("client")));
    }

    /** Lets the PC in: it receives a {@code confirmed} event with a ticket for its backend. */
    public CompletableFuture<Void> confirm() {
        return act(LoginActions.CONFIRM).thenApply(body -> null);
    }

    /** Refuses the login: the PC receives {@code cancelled}. */
    public CompletableFuture<Void> cancel() {
        return act(LoginActions.CANCEL).thenApply(body -> null);
    }

    private CompletableFuture<ObjectNode> act(String action) {
        return client.publishOnce(channel, Json.MAPPER.createObjectNode().put(LoginActions.FIELD, action));
    }

    @Override
    public String toString() {
        return "LoginPhone[" + channel + "]";
    }
}
