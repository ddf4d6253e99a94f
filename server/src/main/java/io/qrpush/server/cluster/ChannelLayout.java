package io.qrpush.server.cluster;

import io.qrpush.server.core.ChannelKey;

/**
 * Where a qrpush channel lives in Redis: the pub/sub channel its publications travel on, and the
 * hash tag of its history keys. The two must agree on a Redis Cluster, where the history append
 * script publishes from inside the slot of the keys it writes (docs/cluster.md, "What lives in Redis").
 */
interface ChannelLayout {

    /** The Redis pub/sub channel that carries the channel's publications. */
    String pubsubChannel(ChannelKey channel);

    /** What names the channel in its history keys, hash tag included: one channel, one slot. */
    String keyName(ChannelKey channel);

    /** {@code PUBLISH} or {@code SPUBLISH}: how a script publishes on {@link #pubsubChannel}. */
    String publishCommand();

    /**
     * Standalone Redis and Sentinel: one classic pub/sub channel per qrpush channel, subscribed
     * while the node has local subscribers of it. Appkeys hold no ':', so the name splits back
     * unambiguously; channel names hold no braces, so the tag is the first pair.
     */
    ChannelLayout PER_CHANNEL = new ChannelLayout() {
        @Override
        public String pubsubChannel(ChannelKey c) {
            return ClusterMessages.CHANNEL_PREFIX + c.appkey() + ":" + c.channel();
        }

        @Override
        public String keyName(ChannelKey c) {
            return "{" + c.appkey() + ":" + c.channel() + "}";
        }

        @Override
        public String publishCommand() {
            return "PUBLISH";
        }
    };
}
