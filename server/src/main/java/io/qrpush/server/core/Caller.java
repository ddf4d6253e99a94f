package io.qrpush.server.core;

import io.qrpush.server.config.AppConfig;

/**
 * An authorized connection as features see it: which connection, of which app, and who.
 *
 * @param sid      the connection's session id
 * @param app      the app it authorized for
 * @param identity the user; anonymous connections are {@code anon-<sid>}
 * @param address  where the connection comes from, as its {@link Transport#remoteAddress()} says
 */
public record Caller(String sid, AppConfig app, Identity identity, String address) {

    /** The app's key of a channel name. */
    public ChannelKey key(String channel) {
        return new ChannelKey(app.appkey(), channel);
    }
}
