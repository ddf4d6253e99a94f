package io.qrpush.server.presence;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.protocol.ClientFrame;
import io.qrpush.server.config.NamespaceSettings;
import io.qrpush.server.config.Namespaces;
import io.qrpush.server.core.Caller;
import io.qrpush.server.core.ChannelKey;
import io.qrpush.server.core.FeatureHost;
import io.qrpush.server.core.NamespacedFeature;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Presence (docs/protocol.md section 7) for the channels of namespaces with {@code presence}:
 * every subscription is an entry in the {@link PresenceStore}; {@code presence} and
 * {@code presence_stats} read it; with {@code joinLeave}, the store's joins and leaves (per user,
 * a dead node's included) are told to the channel's subscribers on every node.
 */
public final class PresenceFeature extends NamespacedFeature {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final PresenceStore store;

    /** @param stores makes the store, given who hears its joins and leaves */
    public PresenceFeature(Namespaces namespaces, Function<PresenceListener, PresenceStore> stores) {
        super(namespaces, NamespaceSettings::presence);
        this.store = stores.apply(this::changed);
    }

    /** The store's periodic upkeep; the wiring runs it every {@code pingInterval}. */
    public CompletableFuture<Integer> tick() {
        return store.tick();
    }

    @Override
    public CompletableFuture<Void> subscribed(Caller caller, ClientFrame.Subscribe request, ObjectNode reply) {
        String name = caller.identity().anonymous() ? null : caller.identity().otp().name();
        return store.add(caller.key(request.channel()),
                new PresenceClient(caller.sid(), caller.identity().userId(), name));
    }

    @Override
    public void left(Caller caller, ChannelKey channel) {
        store.remove(channel, caller.sid());
    }

    @Override
    public CompletableFuture<ObjectNode> query(Caller caller, ClientFrame.ChannelQuery request) {
        ChannelKey channel = caller.key(request.channel());
        return switch (request.op()) {
            case "presence" -> presence(channel);
            case "presence_stats" -> store.stats(channel).thenApply(s ->
                    JSON.objectNode().put("clients", s.clients()).put("users", s.users()));
            default -> null;
        };
    }

    /** {@code {"clients":[{"sid","userId","name"?}],"users":M}}, for the op and the server API. */
    public CompletableFuture<ObjectNode> presence(ChannelKey channel) {
        return store.presence(channel).thenApply(p -> {
            ObjectNode body = JSON.objectNode();
            ArrayNode clients = body.putArray("clients");
            for (PresenceClient c : p.clients()) {
                ObjectNode o = clients.addObject().put("sid", c.sid()).put("userId", c.userId());
                if (c.name() != null) {
                    o.put("name", c.name());
                }
            }
            return body.put("users", p.users());
        });
    }

    /** A user's first subscription began or its last ended: {@code join} or {@code leave} where asked for. */
    private void changed(PresenceEvent e) {
        FeatureHost h = host;
        if (h == null || !settings(e.channel().channel()).joinLeave()) {
            return;
        }
        ObjectNode fields = JSON.objectNode();
        ObjectNode user = fields.putObject("user").put("userId", e.userId());
        if (e.name() != null) {
            user.put("name", e.name());
        }
        h.tell(e.channel(), e.kind().name().toLowerCase(Locale.ROOT), fields);
    }

    /** Closes the store. */
    public void close() {
        store.close();
    }
}
