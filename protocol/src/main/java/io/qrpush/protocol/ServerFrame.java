package io.qrpush.protocol;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** A frame the server sends. */
public sealed interface ServerFrame {

    String op();

    /**
     * The one answer to a request. {@code id} is null only for frames that could not be read.
     * {@code body} holds the op-specific fields (sid, channel, state, guid, delivered, ...),
     * written after {@code op}, {@code id}, {@code code} and, on failure, {@code error} and
     * {@code message}.
     */
    record Reply(Long id, int code, String error, String message, ObjectNode body) implements ServerFrame {
        public Reply {
            if (code < 100 || code > 599) {
                throw new IllegalArgumentException("code must be an HTTP-like status: " + code);
            }
            if ((code >= 300) != (error != null)) {
                throw new IllegalArgumentException("error word goes with failure codes only");
            }
            body = body == null ? JsonNodeFactory.instance.objectNode() : body;
        }

        /** A 200 reply with the given fields. */
        public static Reply ok(long id, ObjectNode body) {
            return new Reply(id, 200, null, null, body);
        }

        /** A failed reply. */
        public static Reply error(Long id, ErrorWord word, String message) {
            return new Reply(id, word.code(), word.word(), message, null);
        }

        public boolean isOk() {
            return code < 300;
        }

        @Override
        public String op() {
            return "reply";
        }
    }

    /**
     * A message delivered on a channel; {@code from} is absent for server-made events.
     *
     * @param offset its place in the channel's history, from 1; 0 (left out on the wire) on a
     *               channel without history
     */
    record Message(String channel, String guid, String from, long ts, RawJson content, long offset)
            implements ServerFrame {
        public Message {
            if (channel == null || guid == null || content == null || offset < 0) {
                throw new IllegalArgumentException("message needs channel, guid and content");
            }
        }

        /** A message on a channel without history. */
        public Message(String channel, String guid, String from, long ts, RawJson content) {
            this(channel, guid, from, ts, content, 0);
        }

        @Override
        public String op() {
            return "message";
        }
    }

    /**
     * Something that happened on a channel, told to its subscribers with a frame of its own:
     * {@code {"op":<op>,"channel":...,<fields>}}; {@code join} and {@code leave} (docs/protocol.md
     * section 7).
     */
    record ChannelEvent(String op, String channel, ObjectNode fields) implements ServerFrame {
        /** The events there are. */
        public static final Set<String> OPS = Set.of("join", "leave");

        public ChannelEvent {
            if (!OPS.contains(op) || channel == null || fields == null) {
                throw new IllegalArgumentException("not a channel event: " + op);
            }
        }
    }

    /** The first ack of a message that asked for a receipt, sent back to its publisher. */
    record Receipt(String channel, String guid, String by) implements ServerFrame {
        @Override
        public String op() {
            return "receipt";
        }
    }

    record Pong() implements ServerFrame {
        @Override
        public String op() {
            return "pong";
        }
    }

    /**
     * Sent just before the server closes a connection on purpose. {@code delay}, null when absent,
     * is the window a client waits in before reconnecting (protocol 1.1, while a node drains).
     */
    record Disconnect(int code, String reason, boolean reconnect, ReconnectDelay delay) implements ServerFrame {
        /** A disconnect without a reconnect window. */
        public Disconnect(int code, String reason, boolean reconnect) {
            this(code, reason, reconnect, null);
        }

        @Override
        public String op() {
            return "disconnect";
        }
    }
}
