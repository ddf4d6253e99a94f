package io.qrpush.server.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.ProtocolException;
import io.qrpush.server.config.AppConfig;
import java.util.concurrent.CompletableFuture;

/**
 * What the scan-to-login service does on {@code login:} channels, which the session hands over
 * instead of publishing: phone actions, the state snapshot of a subscribe reply, and PC presence.
 */
public interface LoginChannels {

    /**
     * A phone's action ({@code scan}, {@code confirm}, {@code cancel}) published to a login
     * channel; completes with the reply's fields or fails with a {@link ProtocolException}.
     */
    CompletableFuture<ObjectNode> act(AppConfig app, String channel, JsonNode content, Identity phone);

    /** The session's state for a subscribe reply; completes with null when there is none. */
    CompletableFuture<ObjectNode> state(AppConfig app, String channel);

    /** A PC left the channel (unsubscribed or disconnected): starts the {@code pcGrace} clock. */
    void watcherLeft(AppConfig app, String channel);

    /** A PC (re)subscribed: stops the {@code pcGrace} clock. */
    void watcherJoined(AppConfig app, String channel);

    /** No login service: every login channel is unknown. */
    LoginChannels NONE = new LoginChannels() {
        @Override
        public CompletableFuture<ObjectNode> act(AppConfig app, String channel, JsonNode content, Identity phone) {
            return CompletableFuture.failedFuture(new ProtocolException(ErrorWord.NOT_FOUND, "unknown login session"));
        }

        @Override
        public CompletableFuture<ObjectNode> state(AppConfig app, String channel) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void watcherLeft(AppConfig app, String channel) {
        }

        @Override
        public void watcherJoined(AppConfig app, String channel) {
        }
    };
}
