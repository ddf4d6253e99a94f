package io.qrpush.server.login;

import io.qrpush.protocol.ErrorWord;
import io.qrpush.server.core.Apps;
import io.qrpush.server.http.HttpAnswer;
import io.qrpush.server.http.HttpCall;
import java.util.Map;

/**
 * CORS for the login endpoints a PC page calls from the browser. The allowed origin is echoed
 * (never {@code *}) with {@code Vary: Origin} so a shared cache keeps answers per origin; no
 * credentials are allowed, since these calls carry a bearer token rather than cookies.
 */
final class Cors {
    private static final String ALLOW_HEADERS = "Content-Type, Authorization";
    private static final String MAX_AGE_SECONDS = "600";

    private Cors() {
    }

    /**
     * Answers a preflight. It carries no body, so no appkey: any app's origin passes here, and
     * the request itself is then checked against its own app's {@code allowedOrigins}.
     */
    static HttpAnswer preflight(Apps apps, HttpCall call, String methods) {
        String origin = call.header("origin");
        if (origin == null || !apps.anyAppAllows(origin)) {
            return HttpAnswer.error(403, ErrorWord.ORIGIN_NOT_ALLOWED.word(), "this origin is not in any app's allowedOrigins")
                    .withHeader("Vary", "Origin");
        }
        return new HttpAnswer(204, "text/plain", new byte[0], Map.of())
                .withHeader("Access-Control-Allow-Origin", origin)
                .withHeader("Access-Control-Allow-Methods", methods)
                .withHeader("Access-Control-Allow-Headers", ALLOW_HEADERS)
                .withHeader("Access-Control-Max-Age", MAX_AGE_SECONDS)
                .withHeader("Vary", "Origin");
    }

    /** Lets the page read the answer, and a 429's {@code Retry-After}, when its origin is allowed. */
    static HttpAnswer decorate(HttpAnswer answer, String origin, boolean allowed) {
        HttpAnswer a = answer.withHeader("Vary", "Origin");
        return origin != null && allowed
                ? a.withHeader("Access-Control-Allow-Origin", origin).withHeader("Access-Control-Expose-Headers", "Retry-After")
                : a;
    }
}
