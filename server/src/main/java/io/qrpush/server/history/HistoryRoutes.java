package io.qrpush.server.history;

import io.qrpush.protocol.Channels;
import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.ProtocolException;
import io.qrpush.server.config.AppConfig;
import io.qrpush.server.core.ChannelKey;
import io.qrpush.server.http.HttpAnswer;
import io.qrpush.server.http.HttpCall;
import io.qrpush.server.http.HttpParts;
import io.qrpush.server.http.HttpRouter;
import io.qrpush.server.http.ServerApiRoutes;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /api/v1/channels/{channel}/history?limit=L&since=N&epoch=E}: the {@code history} op
 * for an app's backend (docs/protocol.md section 5), with its API key instead of a subscription token.
 */
public final class HistoryRoutes {
    private static final String PREFIX = "/api/v1/channels/";
    private static final String SUFFIX = "/history";

    private HistoryRoutes() {
    }

    /** Registers the route; before the server API's {@code /api/v1/channels/*}, which would take it. */
    public static void register(HttpRouter router, HttpParts parts, HistoryFeature history) {
        router.add("GET", PREFIX + "*" + SUFFIX, ServerApiRoutes.authenticated(parts,
                (app, call) -> history(app, call, history)));
    }

    private static CompletableFuture<HttpAnswer> history(AppConfig app, HttpCall call, HistoryFeature history)
            throws ProtocolException {
        String path = call.path();
        String channel = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
        if (!Channels.isValid(channel)) {
            throw new ProtocolException(ErrorWord.BAD_CHANNEL, "channel must match ^[A-Za-z0-9_\\-:.@=]{1,128}$");
        }
        if (!history.claims(channel)) {
            throw new ProtocolException(ErrorWord.NOT_ENABLED, "history is not enabled on this channel");
        }
        HistoryQuery query = HistoryRequests.fromQuery(call.query());
        return history.read(new ChannelKey(app.appkey(), channel), query).thenApply(body -> HttpAnswer.json(200, body));
    }
}
