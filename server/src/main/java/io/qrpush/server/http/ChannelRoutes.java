package io.qrpush.server.http;

import io.qrpush.protocol.Channels;
import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.ProtocolException;
import io.qrpush.server.config.AppConfig;
import io.qrpush.server.core.ChannelKey;
import java.util.concurrent.CompletableFuture;

/**
 * Server API routes a feature answers for one channel, {@code GET /api/v1/channels/{channel}/<what>}
 * (history, presence): the API key and the channel name are checked here, once for all of them.
 */
public final class ChannelRoutes {
    private static final String PREFIX = "/api/v1/channels/";

    private ChannelRoutes() {
    }

    /** A call for one valid channel of the caller's app. */
    @FunctionalInterface
    public interface ChannelCall {
        CompletableFuture<HttpAnswer> handle(ChannelKey channel, HttpCall call) throws ProtocolException;
    }

    /** Registers {@code GET /api/v1/channels/*}{@code /<what>}; before the server API's own, which would take it. */
    public static void add(HttpRouter router, HttpParts parts, String what, ChannelCall inner) {
        String suffix = "/" + what;
        router.add("GET", PREFIX + "*" + suffix, ServerApiRoutes.authenticated(parts, (AppConfig app, HttpCall call) -> {
            String path = call.path();
            String channel = path.substring(PREFIX.length(), path.length() - suffix.length());
            if (!Channels.isValid(channel)) {
                throw new ProtocolException(ErrorWord.BAD_CHANNEL, "channel must match ^[A-Za-z0-9_\\-:.@=]{1,128}$");
            }
            return inner.handle(new ChannelKey(app.appkey(), channel), call);
        }));
    }
}
