package io.qrpush.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * A frame a client sends. Each record checks its own fields, so a frame that exists is well
 * formed; limits that depend on configuration (content size) are the server's to check.
 */
public sealed interface ClientFrame {

    /** The op word on the wire. */
    String op();

    /** A frame that expects exactly one reply carries the client-chosen id. */
    sealed interface Request extends ClientFrame {
        long id();
    }

    /** The first frame of every connection. {@code otp} absent means anonymous. */
    record Authorize(long id, String appkey, String userId, String otp, String sdk) implements Request {
        public Authorize {
            requireText(appkey, "appkey", id);
        }

        @Override
        public String op() {
            return "authorize";
        }
    }

    /** Subscribe; {@code token} is needed for protected channels only. */
    record Subscribe(long id, String channel, String token, Recover recover) implements Request {
        public Subscribe {
            requireChannel(channel, id);
        }

        /** A subscribe without {@code recover}. */
        public Subscribe(long id, String channel, String token) {
            this(id, channel, token, null);
        }

        @Override
        public String op() {
            return "subscribe";
        }
    }

    record Unsubscribe(long id, String channel) implements Request {
        public Unsubscribe {
            requireChannel(channel, id);
        }

        @Override
        public String op() {
            return "unsubscribe";
        }
    }

    /**
     * Publish {@code content}: any JSON value as the client sent it (JSON {@code null} is the
     * value {@code null}, never a missing content), relayed byte for byte.
     */
    record Publish(long id, String channel, RawJson content, String guid, int retried,
                   boolean receipt) implements Request {
        public Publish {
            requireChannel(channel, id);
            if (content == null) {
                throw new FrameException(ErrorWord.BAD_REQUEST, "publish needs content", id);
            }
            if (guid != null && (guid.isEmpty() || guid.length() > 128)) {
                throw new FrameException(ErrorWord.BAD_REQUEST, "guid must be 1 to 128 characters", id);
            }
            if (retried < 0) {
                throw new FrameException(ErrorWord.BAD_REQUEST, "retried must not be negative", id);
            }
        }

        /** The content's size in UTF-8 bytes, as sent: what the content limit counts. */
        public int contentBytes() {
            return content.size();
        }

        @Override
        public String op() {
            return "publish";
        }
    }

    /**
     * A question about one channel that a server feature answers: {@code history}, {@code presence}
     * or {@code presence_stats}. It needs what subscribing needs ({@code token} on protected
     * channels); {@code params} holds the op's other fields, which the answering feature checks.
     */
    record ChannelQuery(long id, String op, String channel, String token, ObjectNode params) implements Request {
        /** The ops read as channel queries. */
        public static final Set<String> OPS = Set.of("history", "presence", "presence_stats");

        public ChannelQuery {
            requireChannel(channel, id);
            if (!OPS.contains(op)) {
                throw new FrameException(ErrorWord.UNKNOWN_OP, "unknown op: " + op, id);
            }
        }
    }

    /**
     * Where a resubscribing client was in a channel's history: the last offset it saw and the
     * epoch that offset counts in (docs/protocol.md section 6).
     */
    record Recover(long offset, String epoch) {
        public Recover {
            if (offset < 0 || epoch == null || epoch.isEmpty()) {
                throw new IllegalArgumentException("recover needs an offset from 0 and an epoch");
            }
        }
    }

    /** A subscriber has handled a message; never answered. */
    record Ack(String channel, String guid) implements ClientFrame {
        public Ack {
            requireChannel(channel, null);
            requireText(guid, "guid", null);
        }

        @Override
        public String op() {
            return "ack";
        }
    }

    /** Application-level keep-alive for browsers, answered with a pong. */
    record Ping() implements ClientFrame {
        @Override
        public String op() {
            return "ping";
        }
    }

    private static void requireChannel(String channel, Long id) {
        if (!Channels.isValid(channel)) {
            throw new FrameException(ErrorWord.BAD_CHANNEL,
                    "channel must match ^[A-Za-z0-9_\\-:.@=]{1,128}$", id);
        }
    }

    private static void requireText(String value, String field, Long id) {
        if (value == null || value.isEmpty()) {
            throw new FrameException(ErrorWord.BAD_REQUEST, field + " is required", id);
        }
    }
}
