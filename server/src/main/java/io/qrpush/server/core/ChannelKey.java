package io.qrpush.server.core;

import java.util.Objects;

/**
 * A channel within one app: the same name in two apps is two channels that never meet.
 *
 * <p>Every publish looks its channel up by this key, so {@link #equals} and {@link #hashCode} are
 * written out: a record's generated ones go through method handles, which took a measurable
 * share of the publish path's CPU (docs/benchmarks.md, issue 27).
 */
public record ChannelKey(String appkey, String channel) {
    public ChannelKey {
        Objects.requireNonNull(appkey, "appkey");
        Objects.requireNonNull(channel, "channel");
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof ChannelKey k && channel.equals(k.channel) && appkey.equals(k.appkey);
    }

    @Override
    public int hashCode() {
        return 31 * appkey.hashCode() + channel.hashCode();
    }

    @Override
    public String toString() {
        return appkey + "/" + channel;
    }
}
