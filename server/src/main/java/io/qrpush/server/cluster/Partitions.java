package io.qrpush.server.cluster;

import io.lettuce.core.cluster.SlotHash;
import io.qrpush.server.core.ChannelKey;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The layout on a Redis Cluster: every qrpush channel belongs to one of a fixed number of
 * partitions, and each partition is one shard channel ({@code SSUBSCRIBE}/{@code SPUBLISH})
 * whose name carries the partition's hash tag. A node therefore holds at most {@code count}
 * Redis subscriptions however many channels its clients follow, and filters the partition's
 * messages down to its local subscribers itself.
 *
 * <p>Partition {@code p}'s tag is chosen to hash into the {@code p}-th equal range of the 16,384
 * slots, so partitions spread evenly over the masters (which own contiguous slot ranges after
 * {@code redis-cli --cluster create}) rather than where CRC16 happens to put {@code {0}..{127}}.
 * The search is deterministic, so every node finds the same tags. A channel's history keys carry
 * its partition's tag too: the append script publishes on the shard channel, and Redis allows
 * that only within the slot of the script's keys.
 */
final class Partitions implements ChannelLayout {
    static final String SHARD_PREFIX = "qrpush:s:";

    private final String[] tags;

    Partitions(int count) {
        if (count < 1 || count > SlotHash.SLOT_COUNT) {
            throw new IllegalArgumentException("partitions must be from 1 to " + SlotHash.SLOT_COUNT + ": " + count);
        }
        tags = new String[count];
        for (int p = 0; p < count; p++) {
            tags[p] = tagInRange(p, count);
        }
    }

    /** The first tag {@code {p.i}} whose slot lies in partition {@code p}'s share of the slots. */
    private static String tagInRange(int p, int count) {
        int from = (int) ((long) p * SlotHash.SLOT_COUNT / count);
        int to = (int) ((long) (p + 1) * SlotHash.SLOT_COUNT / count);
        for (int i = 0; ; i++) {
            String tag = "{" + p + "." + i + "}";
            int slot = SlotHash.getSlot(tag);
            if (slot >= from && slot < to) {
                return tag;
            }
        }
    }

    int count() {
        return tags.length;
    }

    /** The channel's partition: CRC32 of {@code appkey:channel}, the same on every node and JVM. */
    int of(ChannelKey c) {
        CRC32 crc = new CRC32();
        crc.update((c.appkey() + ":" + c.channel()).getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % tags.length);
    }

    /** The shard channel of partition {@code p}. */
    String shardChannel(int p) {
        return SHARD_PREFIX + tags[p];
    }

    @Override
    public String pubsubChannel(ChannelKey c) {
        return shardChannel(of(c));
    }

    @Override
    public String keyName(ChannelKey c) {
        return tags[of(c)] + ":" + c.appkey() + ":" + c.channel();
    }

    @Override
    public String publishCommand() {
        return "SPUBLISH";
    }
}
