package io.qrpush.server.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.ScriptOutputType;
import io.qrpush.server.config.NamespaceSettings;
import io.qrpush.server.core.ChannelKey;
import io.qrpush.server.core.Publication;
import io.qrpush.server.history.HistoryEntry;
import io.qrpush.server.history.HistoryPage;
import io.qrpush.server.history.HistoryQuery;
import io.qrpush.server.history.HistoryStore;
import io.qrpush.server.history.ReadRange;
import io.qrpush.server.history.Recovery;
import io.qrpush.server.history.StreamPosition;
import io.qrpush.server.history.StreamTops;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * History in Redis Streams, shared by every node of a cluster (docs/protocol.md section 6).
 * One stream and one small hash per channel ({@link HistoryScripts}); an append is one script
 * that also publishes the message with its offset on the channel's pub/sub channel, so every
 * node receives the channel's publications in offset order and none is published without its
 * place in history. A Redis that lost the keys (restart without persistence, ttl) starts a new
 * epoch on the next use.
 */
public final class RedisHistory implements HistoryStore, StreamTops {
    private final RedisConnector redis;
    private final String nodeId;
    private final ClusterMessages messages;

    public RedisHistory(RedisConnector redis, String nodeId, ObjectMapper mapper) {
        this.redis = redis;
        this.nodeId = nodeId;
        this.messages = new ClusterMessages(mapper);
    }

    /**
     * Both keys of a channel share its layout's hash tag: {@code qrpush:h:{appkey:channel}:s}, or
     * on a Redis Cluster {@code qrpush:h:{partition tag}:appkey:channel:s}, the slot of the shard
     * channel the append script publishes on.
     */
    static String[] keys(ChannelLayout layout, ChannelKey c) {
        String name = "qrpush:h:" + layout.keyName(c);
        return new String[] {name + ":s", name + ":m"};
    }

    private String[] keys(ChannelKey c) {
        return keys(redis.layout(), c);
    }

    @Override
    public CompletableFuture<StreamPosition> append(Publication p, NamespaceSettings ns) {
        return HistoryScripts.APPEND.<List<Object>>run(redis.commands(), ScriptOutputType.MULTI, keys(p.channel()),
                        messages.publication(nodeId, p), Integer.toString(ns.historySize()), ttl(ns),
                        StreamPosition.newEpoch(), redis.layout().pubsubChannel(p.channel()),
                        redis.layout().publishCommand())
                .thenApply(r -> new StreamPosition((Long) r.get(0), (String) r.get(1)));
    }

    @Override
    public CompletableFuture<StreamPosition> position(ChannelKey channel, NamespaceSettings ns) {
        return read(channel, ns, ReadRange.NOTHING).thenApply(HistoryPage::position);
    }

    @Override
    public CompletableFuture<HistoryPage> read(ChannelKey channel, NamespaceSettings ns, HistoryQuery query) {
        return read(channel, ns, ReadRange.of(query, ns));
    }

    @Override
    public CompletableFuture<Recovery> recover(ChannelKey channel, NamespaceSettings ns, StreamPosition client) {
        return read(channel, ns, ReadRange.recovery(client, ns))
                .thenApply(p -> Recovery.decide(client, p.position(), p.publications()));
    }

    private CompletableFuture<HistoryPage> read(ChannelKey channel, NamespaceSettings ns, ReadRange range) {
        String direction = range.isEmpty() ? "none" : range.reverse() ? "rev" : "fwd";
        return HistoryScripts.READ.<List<Object>>run(redis.commands(), ScriptOutputType.MULTI, keys(channel),
                        StreamPosition.newEpoch(), ttl(ns), direction, range.from() + "-0",
                        range.to() == Long.MAX_VALUE ? "+" : range.to() + "-0", Integer.toString(Math.max(range.limit(), 1)))
                .thenApply(r -> range.page(new StreamPosition((Long) r.get(0), (String) r.get(1)),
                        entries((List<?>) r.get(2))));
    }

    /** The channel's hash alone ({@code HMGET}): no script, nothing created, one round trip pipelined with the others. */
    @Override
    public CompletableFuture<StreamPosition> top(ChannelKey channel) {
        return RedisFutures.unavailableOnFailure(redis.commands().hmget(keys(channel)[1], "e", "o")).thenApply(kv -> {
            if (!kv.get(0).hasValue()) {
                return null;
            }
            return new StreamPosition(kv.get(1).hasValue() ? Long.parseLong(kv.get(1).getValue()) : 0,
                    kv.get(0).getValue());
        });
    }

    @Override
    public void whenLinkBack(Runnable check) {
        redis.pubsub().whenResubscribed(check);
    }

    /** XRANGE entries {@code [[id, [d, json]], ...]} to history entries. */
    private List<HistoryEntry> entries(List<?> raw) {
        List<HistoryEntry> out = new ArrayList<>(raw.size());
        for (Object o : raw) {
            List<?> entry = (List<?>) o;
            String id = (String) entry.get(0);
            List<?> fields = (List<?>) entry.get(1);
            long offset = Long.parseLong(id.substring(0, id.indexOf('-')));
            try {
                out.add(new HistoryEntry(offset, messages.publication(messages.read((String) fields.get(1)))));
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable history entry " + id, e);
            }
        }
        return out;
    }

    private static String ttl(NamespaceSettings ns) {
        return Long.toString(ns.historyTtl().toMillis());
    }

    /** The connection belongs to the node's broker, which closes it. */
    @Override
    public void close() {
    }
}
