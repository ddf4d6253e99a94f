package io.qrpush.server.history;

import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.ProtocolException;
import io.qrpush.server.http.ChannelRoutes;
import io.qrpush.server.http.HttpAnswer;
import io.qrpush.server.http.HttpParts;
import io.qrpush.server.http.HttpRouter;

/**
 * {@code GET /api/v1/channels/{channel}/history?limit=L&since=N&epoch=E}: the {@code history} op
 * for an app's backend (docs/protocol.md section 5), with its API key instead of a subscription token.
 */
public final class HistoryRoutes {
    private HistoryRoutes() {
    }

    public static void register(HttpRouter router, HttpParts parts, HistoryFeature history) {
        ChannelRoutes.add(router, parts, "history", (channel, call) -> {
            if (!history.claims(channel.channel())) {
                throw new ProtocolException(ErrorWord.NOT_ENABLED, "history is not enabled on this channel");
            }
            return history.read(channel, HistoryRequests.fromQuery(call.query()))
                    .thenApply(body -> HttpAnswer.json(200, body));
        });
    }
}
