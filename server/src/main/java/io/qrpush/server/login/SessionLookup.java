package io.qrpush.server.login;

import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.ProtocolException;
import io.qrpush.server.http.HttpAnswer;
import io.qrpush.server.http.HttpCall;
import io.qrpush.server.metrics.ServerMetrics;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The opening every public call on one login session shares (the PC page's status poll, DELETE and
 * QR images, a phone's actions): the key from the path, who asks, whether that address may still
 * ask for keys, then the session. A key that turns out unknown is charged to the address's
 * unknown-key budget ({@link LoginBudgets}), so guessing keys soon meets a 429 that is answered
 * before the store is read.
 */
final class SessionLookup {
    /** What a route does once the store answered. */
    @FunctionalInterface
    interface Found {
        /** @param session null when the key is unknown: the route then answers {@link #unknown} */
        CompletableFuture<HttpAnswer> then(String ip, LoginSession session);
    }

    private final Function<String, CompletableFuture<LoginSession>> sessions;
    private final LoginBudgets budgets;
    private final ServerMetrics metrics;

    /** @param sessions reads a session by key ({@link LoginService#find}) */
    SessionLookup(Function<String, CompletableFuture<LoginSession>> sessions, LoginBudgets budgets,
                  ServerMetrics metrics) {
        this.sessions = sessions;
        this.budgets = budgets;
        this.metrics = metrics;
    }

    /**
     * Reads the session of {@code key} for the caller, or answers the address's 429 at once.
     *
     * @param dress what the 429 gets added (CORS headers)
     */
    CompletableFuture<HttpAnswer> open(HttpCall call, String key, UnaryOperator<HttpAnswer> dress, Found next) {
        String ip = budgets.clientIp(call);
        HttpAnswer spent = budgets.unknownKeysRefusal(ip);
        if (spent != null) {
            metrics.error(ErrorWord.RATE_LIMITED.word());
            return CompletableFuture.completedFuture(dress.apply(spent));
        }
        return sessions.apply(key).thenCompose(s -> next.then(ip, s));
    }

    /** Charges the address for a key that does not exist and refuses with {@code not_found}. */
    <T> CompletableFuture<T> unknown(String ip) {
        budgets.unknownKey(ip);
        return CompletableFuture.failedFuture(new ProtocolException(ErrorWord.NOT_FOUND, "unknown login session"));
    }

    /**
     * The key in {@code /api/login/sessions/<key><suffix>}, or null when the path is not that
     * shape. Keys are base64url, so anything else cannot be one.
     */
    static String keyOf(String path, String suffix) {
        String prefix = LoginRoutes.BASE + "/";
        if (!path.startsWith(prefix) || !path.endsWith(suffix)) {
            return null;
        }
        String key = path.substring(prefix.length(), path.length() - suffix.length());
        if (key.isEmpty() || key.length() > 64) {
            return null;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return null;
            }
        }
        return key;
    }
}
