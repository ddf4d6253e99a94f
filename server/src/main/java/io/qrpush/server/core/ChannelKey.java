package io.qrpush.server.core;

/** A channel within one app: the same name in two apps is two channels that never meet. */
public record ChannelKey(String appkey, String channel) {
    @Override
    public String toString() {
        return appkey + "/" + channel;
    }
}
