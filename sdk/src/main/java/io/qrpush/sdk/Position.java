package io.qrpush.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.protocol.ClientFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one subscription stands in its channel's history (docs/protocol.md section 6): the last
 * offset delivered and the epoch it belongs to. It decides which messages reach the app: offsets
 * only go up, so a repeated offset (a live message the recovery also carried) is dropped, and
 * while a recovering subscribe is in flight live messages wait, so recovered publications always
 * come first and nothing is reordered. Messages without an offset (channels without history)
 * pass. The same rules as client-js's {@code position.ts}. Confined to the client's event thread.
 */
final class Position {
    /** What a subscribe reply means for the messages. {@code recovered} is null unless a recovery was asked. */
    record Settled(List<Message> deliver, Boolean recovered) {
    }

    private long offset;
    private String epoch;
    private List<Message> held;

    /** The {@code recover} field for the next subscribe; null before the first reply with an epoch. */
    ClientFrame.Recover recover() {
        if (epoch == null) {
            return null;
        }
        held = new ArrayList<>();
        return new ClientFrame.Recover(offset, epoch);
    }

    /** A live message: the ones to deliver now (none while a recovery is being read, none for a repeat). */
    List<Message> live(Message m) {
        if (held != null) {
            held.add(m);
            return List.of();
        }
        return next(m) ? List.of(m) : List.of();
    }

    /** The subscribe reply arrived: recovered publications, then the held live messages, in offset order. */
    Settled settle(String channel, JsonNode reply) {
        boolean asked = held != null;
        List<Message> waiting = asked ? held : List.of();
        held = null;
        String replyEpoch = Json.text(reply, "epoch");
        if (replyEpoch == null) {
            // Not (or no longer) a history channel: nothing to count.
            offset = 0;
            epoch = null;
            return new Settled(waiting, null);
        }
        boolean recovered = asked && reply.path("recovered").asBoolean(false) && replyEpoch.equals(epoch);
        List<Message> candidates = new ArrayList<>();
        if (recovered) {
            reply.path("publications").forEach(p -> candidates.add(Message.of(p, channel)));
        } else {
            // First subscribe, a stated loss or a new epoch: count from the server's latest offset.
            offset = reply.path("offset").asLong();
            epoch = replyEpoch;
        }
        candidates.addAll(waiting);
        List<Message> deliver = new ArrayList<>();
        candidates.stream().filter(this::next).forEach(deliver::add);
        return new Settled(deliver, asked ? recovered : null);
    }

    /** No reply is coming (connection lost, request refused): held messages are dropped; the next recovery reads them again. */
    void abandon() {
        held = null;
    }

    private boolean next(Message m) {
        if (m.offset() == 0) {
            return true;
        }
        if (m.offset() <= offset) {
            return false;
        }
        offset = m.offset();
        return true;
    }
}
