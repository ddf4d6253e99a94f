package io.qrpush.server.cluster;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.server.core.ChannelKey;
import io.qrpush.server.core.Publication;
import io.qrpush.server.core.Uplink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * How nodes talk through Redis pub/sub: publications on the Redis channel of their qrpush channel
 * ({@link ChannelLayout}), and small control messages (receipts, kicks, counts, stream uplinks) on node and
 * control channels. Short field names keep the hot message small; each publication names its
 * channel, since on a Redis Cluster one shard channel carries many.
 */
final class ClusterMessages {
    static final String CONTROL = "qrpush:ctl";
    /** Classic per-channel Redis channels: {@code qrpush:c:<appkey>:<channel>}. */
    static final String CHANNEL_PREFIX = "qrpush:c:";

    private final ObjectMapper mapper;

    ClusterMessages(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Whether the Redis channel carries publications (a qrpush channel's, or a partition's). */
    static boolean carriesPublications(String redisChannel) {
        return redisChannel.startsWith(CHANNEL_PREFIX) || redisChannel.startsWith(Partitions.SHARD_PREFIX);
    }

    static String nodeChannel(String nodeId) {
        return "qrpush:n:" + nodeId;
    }

    /**
     * A publication as the message other nodes read; the content goes in as the bytes it arrived
     * as, never parsed. The history script splices {@code "o"} and {@code "e"} in front.
     */
    String publication(String nodeId, Publication p) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(128 + p.content().size());
             JsonGenerator gen = mapper.getFactory().createGenerator(out)) {
            gen.writeStartObject();
            gen.writeStringField("n", nodeId);
            gen.writeStringField("a", p.channel().appkey());
            gen.writeStringField("c", p.channel().channel());
            gen.writeStringField("g", p.guid());
            gen.writeNumberField("t", p.ts());
            if (p.from() != null) {
                gen.writeStringField("f", p.from());
            }
            gen.writeFieldName("x");
            p.content().writeTo(gen);
            if (p.receiptTo() != null) {
                gen.writeStringField("rn", p.receiptTo().nodeId());
                gen.writeStringField("rs", p.receiptTo().sid());
            }
            if (p.event() != null) {
                gen.writeStringField("v", p.event());
            }
            gen.writeEndObject();
            gen.flush();
            return new String(out.toByteArray(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a publication failed", e);
        }
    }

    /**
     * Reads a publication message, streaming: null when {@code wanted} refuses its channel, which
     * is known before the content (on a Redis Cluster a node hears every publication of its
     * partitions, mostly for channels nobody here subscribes to), or when it is a live publication
     * of {@code ownNode}'s (pub/sub brings those back; history ones, with an offset, count).
     */
    Publication publication(String message, String ownNode, Predicate<ChannelKey> wanted) throws IOException {
        return new PublicationReader(mapper, message.getBytes(StandardCharsets.UTF_8)).read(ownNode, wanted);
    }

    /** A stream uplink forwarded to the node holding the stream; the frames travel as JSON text. */
    ObjectNode uplink(Uplink u) {
        ObjectNode o = mapper.createObjectNode().put("s", u.session()).put("a", u.appkey()).put("o", u.origin());
        ArrayNode frames = o.putArray("f");
        u.frames().forEach(frames::add);
        return o;
    }

    Uplink uplink(JsonNode o) {
        List<String> frames = new ArrayList<>();
        o.path("f").forEach(f -> frames.add(f.asText()));
        return new Uplink(o.path("s").asText(), o.hasNonNull("a") ? o.path("a").asText() : null,
                o.hasNonNull("o") ? o.path("o").asText() : null, frames);
    }

    JsonNode read(String message) throws IOException {
        return mapper.readTree(message);
    }

    ObjectNode object() {
        return mapper.createObjectNode();
    }
}
