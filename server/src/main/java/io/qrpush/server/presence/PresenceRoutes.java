package io.qrpush.server.presence;

import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.ProtocolException;
import io.qrpush.server.http.ChannelRoutes;
import io.qrpush.server.http.HttpAnswer;
import io.qrpush.server.http.HttpParts;
import io.qrpush.server.http.HttpRouter;

/** {@code GET /api/v1/channels/{channel}/presence}: the {@code presence} op for an app's backend (docs/protocol.md section 5). */
public final class PresenceRoutes {
    private PresenceRoutes() {
    }

    public static void register(HttpRouter router, HttpParts parts, PresenceFeature presence) {
        ChannelRoutes.add(router, parts, "presence", (channel, call) -> {
            if (!presence.claims(channel.channel())) {
                throw new ProtocolException(ErrorWord.NOT_ENABLED, "presence is not enabled on this channel");
            }
            return presence.presence(channel).thenApply(body -> HttpAnswer.json(200, body));
        });
    }
}
