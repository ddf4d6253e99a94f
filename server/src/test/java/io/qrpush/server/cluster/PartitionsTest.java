package io.qrpush.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.SlotHash;
import io.qrpush.server.core.ChannelKey;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Redis Cluster layout: partitions spread evenly over the slots, a channel always lands in
 * the same one, and its history keys share the slot of the shard channel it is published on.
 */
class PartitionsTest {
    private final Partitions partitions = new Partitions(128);

    @Test
    void partitionPGetsATagInThePthShareOfTheSlots() {
        for (int p = 0; p < 128; p++) {
            int slot = SlotHash.getSlot(partitions.shardChannel(p));
            assertThat(slot / (SlotHash.SLOT_COUNT / 128)).as("partition %d", p).isEqualTo(p);
        }
        assertThat(new Partitions(128).shardChannel(77)).as("the same on every node").isEqualTo(partitions.shardChannel(77));
    }

    @Test
    void channelsSpreadOverEveryPartitionAndStayInTheirs() {
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < 5_000; i++) {
            ChannelKey c = new ChannelKey("app", "room:" + i);
            used.add(partitions.of(c));
            assertThat(partitions.of(new ChannelKey("app", "room:" + i))).isEqualTo(partitions.of(c));
        }
        assertThat(used).hasSize(128);
        assertThat(partitions.of(new ChannelKey("a", "b:c"))).as("appkey and channel both count")
                .isNotEqualTo(partitions.of(new ChannelKey("a", "b:d")));
    }

    @Test
    void historyKeysShareTheSlotOfTheShardChannelTheirScriptPublishesOn() {
        ChannelKey c = new ChannelKey("app", "news:{odd}");
        String[] keys = RedisHistory.keys(partitions, c);
        int slot = SlotHash.getSlot(partitions.pubsubChannel(c));
        assertThat(SlotHash.getSlot(keys[0])).isEqualTo(slot);
        assertThat(SlotHash.getSlot(keys[1])).isEqualTo(slot);
        assertThat(keys[0]).isNotEqualTo(RedisHistory.keys(partitions, new ChannelKey("app", "news:2"))[0]);
        assertThat(partitions.publishCommand()).isEqualTo("SPUBLISH");
    }

    @Test
    void standaloneKeepsOneChannelAndOneTagPerChannel() {
        ChannelKey c = new ChannelKey("app", "news:1");
        assertThat(ChannelLayout.PER_CHANNEL.pubsubChannel(c)).isEqualTo("qrpush:c:app:news:1");
        assertThat(RedisHistory.keys(ChannelLayout.PER_CHANNEL, c)).containsExactly("qrpush:h:{app:news:1}:s",
                "qrpush:h:{app:news:1}:m");
    }
}
