package io.qrpush.server.login;

import io.qrpush.protocol.ErrorWord;
import io.qrpush.server.config.AppConfig;
import io.qrpush.server.core.Apps;
import io.qrpush.server.http.HttpAnswer;
import io.qrpush.server.http.HttpCall;
import io.qrpush.server.http.HttpParts;
import io.qrpush.server.http.RefusalAnswers;
import io.qrpush.server.qr.QrRenderer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * {@code GET /api/login/sessions/<key>/qr.png} and {@code qr.svg}, with an optional
 * {@code ?size=} in pixels clamped to 128..1024. Only live sessions are drawn: a code that can no
 * longer be scanned is {@code 410}, an unknown key {@code 404}. The page may read the SVG with
 * {@code fetch} from its app's origins (CORS); an {@code <img>} works from anywhere.
 *
 * <p>Drawing a large PNG takes milliseconds of CPU, so it runs off the event loops on one
 * render thread with a short queue: a flood of image requests gets {@code 503} rather than
 * stalling every connection. The thread is a daemon and exits when idle, so it needs no closing.
 */
final class QrImages {
    /** An SVG is a document: this one needs no script, style sheet, font or fetch. */
    private static final String SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'";
    /** Images waiting for the render thread before more are refused. */
    private static final int MAX_QUEUED = 64;

    private final HttpParts parts;
    private final Apps apps;
    private final SessionLookup lookup;
    private final QrRenderer renderer;
    private final ThreadPoolExecutor pool;

    QrImages(HttpParts parts, LoginService login, LoginBudgets budgets, QrRenderer renderer) {
        this.parts = parts;
        this.apps = parts.apps();
        this.lookup = new SessionLookup(login::find, budgets, parts.metrics());
        this.renderer = renderer;
        this.pool = new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS, new ArrayBlockingQueue<>(MAX_QUEUED), r -> {
            Thread t = new Thread(r, "qrpush-qr");
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    CompletableFuture<HttpAnswer> get(HttpCall call) {
        String origin = call.header("origin");
        UnaryOperator<HttpAnswer> dress = a -> Cors.decorate(a, origin, origin != null && apps.anyAppAllows(origin));
        return RefusalAnswers.noStore(parts.metrics(), () -> image(call, origin, dress), dress);
    }

    private CompletableFuture<HttpAnswer> image(HttpCall call, String origin, UnaryOperator<HttpAnswer> dress) {
        boolean png = call.path().endsWith("/qr.png");
        String key = SessionLookup.keyOf(call.path(), png ? "/qr.png" : "/qr.svg");
        if (key == null || !(png || call.path().endsWith("/qr.svg"))) {
            return done(HttpAnswer.error(404, ErrorWord.NOT_FOUND.word(), "no such endpoint"), origin, false);
        }
        int size = QrRenderer.DEFAULT_SIZE;
        String sizeParam = call.query().get("size");
        if (sizeParam != null) {
            try {
                size = QrRenderer.clamp(Integer.parseInt(sizeParam.trim()));
            } catch (NumberFormatException e) {
                return done(HttpAnswer.error(400, ErrorWord.BAD_REQUEST.word(), "size must be a whole number of pixels"),
                        origin, false);
            }
        }
        int side = size;
        return lookup.open(call, key, dress, (ip, s) -> {
            AppConfig app = s == null ? null : apps.byAppkey(s.appkey());
            if (app == null) {
                return lookup.unknown(ip);
            }
            boolean allowed = origin != null && apps.allows(app, origin);
            if (!s.status().live()) {
                return done(HttpAnswer.error(410, ErrorWord.GONE.word(), "this login session is " + s.status().wire()),
                        origin, allowed);
            }
            String content = LoginRoutes.qrContent(app, key);
            try {
                return CompletableFuture.supplyAsync(() -> Cors.decorate(draw(content, png, side), origin, allowed), pool);
            } catch (RejectedExecutionException busy) {
                return done(HttpAnswer.error(503, ErrorWord.UNAVAILABLE.word(), "too many QR images being drawn; retry")
                        .withHeader("Retry-After", "1"), origin, allowed);
            }
        });
    }

    /** The image; {@link #get} marks every answer no-store, since the code stops working within minutes. */
    private HttpAnswer draw(String content, boolean png, int side) {
        return png
                ? new HttpAnswer(200, "image/png", renderer.png(content, side), Map.of())
                : new HttpAnswer(200, "image/svg+xml; charset=utf-8",
                        renderer.svg(content, side).getBytes(StandardCharsets.UTF_8), Map.of())
                        .withHeader("Content-Security-Policy", SVG_POLICY);
    }

    private static CompletableFuture<HttpAnswer> done(HttpAnswer a, String origin, boolean allowed) {
        return CompletableFuture.completedFuture(Cors.decorate(a, origin, allowed));
    }
}
