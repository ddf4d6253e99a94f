package io.qrpush.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrpush.protocol.RandomIds;
import io.qrpush.protocol.ServerFrame;
import io.qrpush.server.core.Broker;
import io.qrpush.server.core.BrokerHandler;
import io.qrpush.server.core.ChannelKey;
import io.qrpush.server.core.Publication;
import io.qrpush.server.core.ReceiptTarget;
import io.qrpush.server.core.Uplink;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker of a cluster node: Redis pub/sub carries publications between nodes.
 *
 * <ul>
 *   <li>A publish is one {@code PUBLISH} to the channel's Redis channel ({@code SPUBLISH} to its
 *       partition's shard channel on a Redis Cluster, see {@link Partitions}); once Redis took it, this
 *       node hands it to its own subscribers directly (and ignores its own copy coming back), so
 *       the reply counts local deliveries exactly and a publish Redis refused reaches nobody.</li>
 *   <li>A publication of a channel with history is published by {@code RedisHistory}'s append
 *       script with its offset, and every node, its own included, delivers it from pub/sub.</li>
 *   <li>A node subscribes to a channel's Redis channel only while it has local subscribers of
 *       it: one Redis subscription per channel per node, never one per connection (on a Redis
 *       Cluster, one per partition, and the node keeps only its local subscribers' channels).</li>
 *   <li>Receipts go to the publisher's node channel; kicks and subscriber counts are asked on
 *       the control channel and summed from the nodes' answers.</li>
 * </ul>
 */
public final class RedisBroker implements Broker {
    private static final Logger LOG = LoggerFactory.getLogger(RedisBroker.class);

    private final RedisConnector redis;
    private final String nodeId;
    private final ClusterMessages messages;
    /** How long a forwarded uplink waits for the holder's answer (see {@link #forwardUplink}). */
    static final long UPLINK_ANSWER_MILLIS = 10_000;
    private final ScatterGather questions = new ScatterGather();
    private volatile BrokerHandler handler;

    public RedisBroker(RedisConnector redis, String nodeId, ObjectMapper mapper) {
        this.redis = redis;
        this.nodeId = nodeId;
        this.messages = new ClusterMessages(mapper);
    }

    @Override
    public void start(BrokerHandler h) {
        this.handler = h;
        redis.pubsub().start(this::onMessage, ClusterMessages.CONTROL, ClusterMessages.nodeChannel(nodeId));
    }

    private void onMessage(String channel, String message) {
        try {
            if (ClusterMessages.carriesPublications(channel)) {
                // A history publication comes back to its own node too: only pub/sub is in offset order.
                Publication p = messages.publication(message, nodeId, key -> handler.localSubscribers(key) > 0);
                if (p != null) {
                    handler.deliver(p);
                }
            } else if (channel.equals(ClusterMessages.CONTROL)) {
                onQuestion(messages.read(message));
            } else {
                onNodeMessage(messages.read(message));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("dropped a malformed cluster message on {}: {}", channel, e.toString());
        }
    }

    private void onQuestion(JsonNode q) {
        String from = q.path("from").asText();
        if (nodeId.equals(from)) {
            return;
        }
        long answer = "kick".equals(q.path("type").asText())
                ? handler.disconnectUser(q.path("a").asText(), q.path("u").asText())
                : handler.localSubscribers(new ChannelKey(q.path("a").asText(), q.path("c").asText()));
        String reply = messages.object().put("type", "answer").put("id", q.path("id").asText()).put("v", answer)
                .toString();
        redis.pubsub().publish(ClusterMessages.nodeChannel(from), reply);
    }

    private void onNodeMessage(JsonNode m) {
        if ("answer".equals(m.path("type").asText())) {
            questions.answer(m.path("id").asText(), m.path("v").asLong());
        } else if ("uplink".equals(m.path("type").asText())) {
            boolean here = handler.deliverUplink(messages.uplink(m));
            String reply = messages.object().put("type", "answer").put("id", m.path("id").asText()).put("v", here ? 1 : 0)
                    .toString();
            redis.pubsub().publish(ClusterMessages.nodeChannel(m.path("from").asText()), reply);
        } else if ("receipt".equals(m.path("type").asText())) {
            handler.receipt(m.path("sid").asText(), new ServerFrame.Receipt(m.path("c").asText(),
                    m.path("g").asText(), m.path("by").asText()));
        }
    }

    @Override
    public CompletableFuture<Integer> publish(Publication p) {
        String payload = messages.publication(nodeId, p);
        return redis.pubsub().publish(redis.layout().pubsubChannel(p.channel()), payload)
                .thenApply(receivers -> handler.deliver(p));
    }

    @Override
    public CompletableFuture<Void> subscribe(ChannelKey channel) {
        return redis.pubsub().follow(channel);
    }

    @Override
    public CompletableFuture<Void> unsubscribe(ChannelKey channel) {
        return redis.pubsub().unfollow(channel);
    }

    @Override
    public CompletableFuture<Void> sendReceipt(ReceiptTarget target, ServerFrame.Receipt receipt) {
        if (nodeId.equals(target.nodeId())) {
            handler.receipt(target.sid(), receipt);
            return CompletableFuture.completedFuture(null);
        }
        String m = messages.object().put("type", "receipt").put("sid", target.sid()).put("c", receipt.channel())
                .put("g", receipt.guid()).put("by", receipt.by()).toString();
        return redis.pubsub().publish(ClusterMessages.nodeChannel(target.nodeId()), m).thenApply(n -> null);
    }

    @Override
    public CompletableFuture<Integer> disconnectUser(String appkey, String userId) {
        long local = handler.disconnectUser(appkey, userId);
        return ask(messages.object().put("type", "kick").put("a", appkey).put("u", userId), local)
                .thenApply(Long::intValue);
    }

    @Override
    public CompletableFuture<Long> subscriberCount(ChannelKey channel) {
        long local = handler.localSubscribers(channel);
        return ask(messages.object().put("type", "count").put("a", channel.appkey()).put("c", channel.channel()), local);
    }

    private CompletableFuture<Long> ask(com.fasterxml.jackson.databind.node.ObjectNode question, long local) {
        String id = RandomIds.randomBits(64);
        question.put("id", id).put("from", nodeId);
        CompletableFuture<Long> sum = questions.open(id, local);
        redis.pubsub().publish(ClusterMessages.CONTROL, question.toString()).whenComplete((receivers, err) -> {
            if (err != null) {
                questions.fail(id, new io.qrpush.server.core.BrokerUnavailableException("Redis: " + err.getMessage(), err));
            } else {
                questions.expect(id, (int) Math.max(0, receivers - 1));
            }
        });
        return sum;
    }

    /**
     * Asks the holding node alone, on its node channel; it answers 1 when it had the stream. No
     * node listening there (it died) or no answer in time is "not found", as for an ended stream.
     * The wait is longer than for a count: a busy holder's answer that came after a second would
     * tell a client whose frames were delivered that its stream is gone, and it would reconnect.
     */
    @Override
    public CompletableFuture<Boolean> forwardUplink(String holder, Uplink uplink) {
        String id = RandomIds.randomBits(64);
        CompletableFuture<Long> found = questions.open(id, 0, UPLINK_ANSWER_MILLIS);
        String m = messages.uplink(uplink).put("type", "uplink").put("id", id).put("from", nodeId).toString();
        redis.pubsub().publish(ClusterMessages.nodeChannel(holder), m).whenComplete((receivers, err) -> {
            if (err != null) {
                questions.fail(id, new io.qrpush.server.core.BrokerUnavailableException("Redis: " + err.getMessage(), err));
            } else {
                questions.expect(id, receivers.intValue());
            }
        });
        return found.thenApply(n -> n > 0);
    }

    @Override
    public boolean isHealthy() {
        return redis.isOpen();
    }

    @Override
    public void close() {
        redis.close();
    }
}
