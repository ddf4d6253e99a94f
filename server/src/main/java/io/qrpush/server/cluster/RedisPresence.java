package io.qrpush.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.ScriptOutputType;
import io.qrpush.server.core.ChannelKey;
import io.qrpush.server.presence.Presence;
import io.qrpush.server.presence.PresenceClient;
import io.qrpush.server.presence.PresenceEvent;
import io.qrpush.server.presence.PresenceListener;
import io.qrpush.server.presence.PresenceStats;
import io.qrpush.server.presence.PresenceStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Presence in Redis, shared by every node (docs/protocol.md section 7). Per channel: a hash of
 * entries, a hash of connections per user (joins and leaves are per user) and, per node, the set
 * of its sids ({@link PresenceScripts}).
 *
 * <p>A node that dies leaves its entries behind. Every node calls {@link #tick()} once per
 * {@code pingInterval}: it marks itself alive for two intervals ({@code qrpush:p:nodes}), then
 * claims the nodes whose time ran out and removes their entries channel by channel (from
 * {@code qrpush:p:chans:<node>}), telling the listener a {@code leave} for each user gone. So a
 * dead node's entries are gone within three intervals. A node that was only stalled that long
 * finds itself unlisted at its next tick and adds its entries again (joins follow).
 */
public final class RedisPresence implements PresenceStore {
    static final String NODES = "qrpush:p:nodes";
    /** Dead nodes one tick claims at most; the rest wait for the next tick. */
    private static final int CLAIM_PER_TICK = 16;

    private final RedisConnector redis;
    private final String nodeId;
    private final ObjectMapper mapper;
    private final PresenceListener listener;
    private final NodeLiveness liveness;
    /** This node's entries, to add again after a stall and to know when a channel is left. */
    private final ConcurrentHashMap<ChannelKey, Map<String, PresenceClient>> local = new ConcurrentHashMap<>();

    public RedisPresence(RedisConnector redis, String nodeId, ObjectMapper mapper, PresenceListener listener,
                         Duration pingInterval) {
        this.redis = redis;
        this.nodeId = nodeId;
        this.mapper = mapper;
        this.listener = listener;
        this.liveness = new NodeLiveness(redis, NODES, nodeId, 2 * pingInterval.toMillis());
    }

    static String[] keys(ChannelKey c, String node) {
        String tag = "qrpush:p:{" + c.appkey() + ":" + c.channel() + "}";
        return new String[] {tag + ":c", tag + ":u", tag + ":n:" + node};
    }

    static String channelsOf(String node) {
        return "qrpush:p:chans:" + node;
    }

    @Override
    public CompletableFuture<Void> add(ChannelKey channel, PresenceClient client) {
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        local.compute(channel, (k, m) -> {
            Map<String, PresenceClient> here = m != null ? m : new HashMap<>();
            if (here.putIfAbsent(client.sid(), client) == null) {
                sent.add(send(channel, client, here.size() == 1));
            }
            return here;
        });
        return sent.isEmpty() ? CompletableFuture.completedFuture(null) : sent.get(0);
    }

    /** Sent in the caller's order on the one command connection, so Redis applies them in order. */
    private CompletableFuture<Void> send(ChannelKey channel, PresenceClient c, boolean firstHere) {
        CompletableFuture<Long> indexed = firstHere
                ? RedisFutures.unavailableOnFailure(redis.commands().sadd(channelsOf(nodeId), member(channel)))
                : CompletableFuture.completedFuture(0L);
        CompletableFuture<Long> added = PresenceScripts.ADD.run(redis.commands(), ScriptOutputType.INTEGER,
                keys(channel, nodeId), c.sid(), c.userId(), entry(c));
        return indexed.thenCombine(added, (i, joined) -> {
            if (joined == 1L) {
                listener.changed(new PresenceEvent(PresenceEvent.Kind.JOIN, channel, c.userId(), c.name()));
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> remove(ChannelKey channel, String sid) {
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        local.computeIfPresent(channel, (k, here) -> {
            if (here.remove(sid) == null) {
                return here;
            }
            sent.add(removeFrom(channel, nodeId, sid));
            if (here.isEmpty()) {
                // Not waited for: a member left behind only makes a reap look at an empty channel.
                redis.commands().srem(channelsOf(nodeId), member(channel));
                return null;
            }
            return here;
        });
        return sent.isEmpty() ? CompletableFuture.completedFuture(null) : sent.get(0);
    }

    /** Removes {@code sids} of {@code node} (all of them when none given) and tells the leaves. */
    private CompletableFuture<Void> removeFrom(ChannelKey channel, String node, String... sids) {
        return PresenceScripts.REMOVE.<List<Object>>run(redis.commands(), ScriptOutputType.MULTI,
                keys(channel, node), sids).thenAccept(left -> {
                    for (Object entry : left) {
                        PresenceClient c = client((String) entry);
                        listener.changed(new PresenceEvent(PresenceEvent.Kind.LEAVE, channel, c.userId(), c.name()));
                    }
                });
    }

    @Override
    public CompletableFuture<Presence> presence(ChannelKey channel) {
        return read(channel, "all").thenApply(r -> {
            List<PresenceClient> clients = new ArrayList<>(r.size() - 2);
            for (Object entry : r.subList(2, r.size())) {
                clients.add(client((String) entry));
            }
            return new Presence(clients, ((Long) r.get(1)).intValue());
        });
    }

    @Override
    public CompletableFuture<PresenceStats> stats(ChannelKey channel) {
        return read(channel, "counts").thenApply(r -> new PresenceStats(((Long) r.get(0)).intValue(),
                ((Long) r.get(1)).intValue()));
    }

    private CompletableFuture<List<Object>> read(ChannelKey channel, String what) {
        return PresenceScripts.READ.run(redis.commands(), ScriptOutputType.MULTI, keys(channel, nodeId), what);
    }

    /**
     * Once per {@code pingInterval}: this node is alive for two more intervals; then the nodes
     * whose time ran out are reaped. Completes with the number of nodes reaped.
     */
    @Override
    public CompletableFuture<Integer> tick() {
        return liveness.beat()
                .thenCompose(unlisted -> unlisted ? addAllAgain() : CompletableFuture.completedFuture(null))
                .thenCompose(v -> liveness.claimDead(CLAIM_PER_TICK))
                .thenCompose(dead -> {
                    List<CompletableFuture<Void>> reaps = new ArrayList<>();
                    for (String node : dead) {
                        reaps.add(reap(node));
                    }
                    return CompletableFuture.allOf(reaps.toArray(CompletableFuture[]::new)).thenApply(v -> dead.size());
                });
    }

    private CompletableFuture<Void> reap(String node) {
        return RedisFutures.unavailableOnFailure(redis.commands().smembers(channelsOf(node))).thenCompose(members -> {
            List<CompletableFuture<Void>> removed = new ArrayList<>();
            for (String m : members) {
                int colon = m.indexOf(':');
                removed.add(removeFrom(new ChannelKey(m.substring(0, colon), m.substring(colon + 1)), node));
            }
            return CompletableFuture.allOf(removed.toArray(CompletableFuture[]::new));
        }).thenCompose(v -> RedisFutures.unavailableOnFailure(redis.commands().del(channelsOf(node))))
                .thenApply(n -> null);
    }

    /** After a stall another node reaped ours: add them again (HSETNX keeps any still there). */
    private CompletableFuture<Void> addAllAgain() {
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        local.forEach((channel, clients) -> local.computeIfPresent(channel, (k, here) -> {
            boolean first = true;
            for (PresenceClient c : here.values()) {
                sent.add(send(channel, c, first));
                first = false;
            }
            return here;
        }));
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    /** Appkeys hold no ':', so the first one splits the member again. */
    private static String member(ChannelKey c) {
        return c.appkey() + ":" + c.channel();
    }

    private String entry(PresenceClient c) {
        ObjectNode o = mapper.createObjectNode().put("s", c.sid()).put("u", c.userId());
        if (c.name() != null) {
            o.put("n", c.name());
        }
        return o.toString();
    }

    private PresenceClient client(String json) {
        try {
            JsonNode o = mapper.readTree(json);
            return new PresenceClient(o.path("s").asText(), o.path("u").asText(),
                    o.hasNonNull("n") ? o.path("n").asText() : null);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable presence entry", e);
        }
    }

    /** The entries stay for the survivors to reap; the connection belongs to the node's broker. */
    @Override
    public void close() {
        local.clear();
    }
}
