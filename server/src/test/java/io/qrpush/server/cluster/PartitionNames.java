package io.qrpush.server.cluster;

import io.lettuce.core.cluster.SlotHash;
import io.qrpush.server.core.ChannelKey;
import java.util.ArrayList;
import java.util.List;

/** Channel names chosen by the partition they fall in, for tests of the Redis Cluster layout. */
public final class PartitionNames {
    private final Partitions partitions;

    public PartitionNames(int count) {
        partitions = new Partitions(count);
    }

    /** For each partition in order, the first channel {@code <prefix><n>} that falls in it. */
    public List<String> onePerPartition(String appkey, String prefix) {
        List<String> names = new ArrayList<>();
        for (int p = 0; p < partitions.count(); p++) {
            names.add(inPartition(appkey, prefix, p));
        }
        return names;
    }

    /** The first channel {@code <prefix><n>} in partition {@code p}. */
    public String inPartition(String appkey, String prefix, int p) {
        for (int n = 0; ; n++) {
            if (partitions.of(new ChannelKey(appkey, prefix + n)) == p) {
                return prefix + n;
            }
        }
    }

    /** The Redis Cluster slot a channel's publications and history keys live in. */
    public int slotOf(String appkey, String channel) {
        return SlotHash.getSlot(partitions.pubsubChannel(new ChannelKey(appkey, channel)));
    }
}
