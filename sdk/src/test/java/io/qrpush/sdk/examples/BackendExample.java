package io.qrpush.sdk.examples;

import io.qrpush.sdk.PublishResult;
import io.qrpush.sdk.QrPushApi;
import io.qrpush.sdk.QrPushException;
import io.qrpush.sdk.Tokens;
import io.qrpush.sdk.VerifiedTicket;
import java.util.Map;

/**
 * What an app's backend does with qrpush, in three methods an HTTP framework would expose:
 * hand its logged-in user an otp, tell subscribers something happened, and finish a QR login
 * with the ticket the PC page posts. Run by {@code BackendExampleIT}; docs/sdk.md walks through it.
 *
 * <p>Run it by hand against a server with
 * {@code QRPUSH_URL=http://127.0.0.1:8080 QRPUSH_API_KEY=... QRPUSH_SECRET=... java ... BackendExample}.
 */
public final class BackendExample {
    private final QrPushApi api;
    private final Tokens tokens;

    public BackendExample(String serverUrl, String apiKey, String appSecret) {
        this.api = QrPushApi.builder(serverUrl, apiKey).build();
        this.tokens = Tokens.of(appSecret);
    }

    /**
     * {@code GET /qrpush/otp} for the user of the current session: the phone app asks before each
     * connect. The otp lets them publish to login channels (to scan QR codes) and their own chat.
     */
    public String otpFor(String userId, String displayName) {
        return tokens.otp(userId).name(displayName).publishTo("login:*", "chat:" + userId + ":*").mint();
    }

    /**
     * Tells everyone watching an order. The guid is derived from the event, so if this method is
     * itself retried (a job queue redelivers it) subscribers still see the event once.
     */
    public PublishResult orderShipped(String orderId) {
        return api.publish("orders", Map.of("order", orderId, "status", "shipped"), "order-" + orderId + "-shipped");
    }

    /**
     * {@code POST /login/qr} from the PC page with the ticket of its {@code confirmed} event:
     * returns the user id to start a session for, or null when the ticket is not (or no longer)
     * good, in which case the page shows a new QR code.
     */
    public String finishLogin(String ticket) {
        try {
            VerifiedTicket t = api.verifyTicket(ticket);
            return t.userId(); // start the web session for t.userId() here
        } catch (QrPushException e) {
            if (e.kind() == QrPushException.Kind.GONE) {
                return null; // used, expired or unknown: never log the ticket itself
            }
            throw e; // unavailable, unauthorized (wrong apiKey): a real error
        }
    }

    public static void main(String[] args) {
        BackendExample backend = new BackendExample(env("QRPUSH_URL", "http://127.0.0.1:8080"),
                env("QRPUSH_API_KEY", null), env("QRPUSH_SECRET", null));
        String otp = backend.otpFor("u17", "Ann");
        System.out.println("otp for u17: " + otp.length() + " characters (give it to the user's app, never log it)");
        PublishResult r = backend.orderShipped("1001");
        System.out.println("published " + r.guid() + " to " + r.delivered() + " subscribers"
                + (r.duplicate() ? " (already sent before)" : ""));
        if (args.length > 0) {
            System.out.println("ticket belongs to " + backend.finishLogin(args[0]));
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        if (v == null && fallback == null) {
            throw new IllegalStateException("set " + name);
        }
        return v != null ? v : fallback;
    }
}
