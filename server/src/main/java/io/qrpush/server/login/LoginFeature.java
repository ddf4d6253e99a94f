package io.qrpush.server.login;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.protocol.Channels;
import io.qrpush.protocol.ClientFrame;
import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.ProtocolException;
import io.qrpush.server.core.Caller;
import io.qrpush.server.core.ChannelFeature;
import io.qrpush.server.core.ChannelKey;
import io.qrpush.server.core.FeatureHost;
import io.qrpush.server.core.Scheduler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Scan-to-login on the node's {@code login:} channels: a phone's publish there is an action for
 * the {@link LoginService}, not a message; a PC's subscribe reply carries the session's state; a
 * PC leaving starts the {@code pcGrace} clock.
 */
public final class LoginFeature implements ChannelFeature {
    private final LoginService login;
    private final Scheduler scheduler;
    private final Duration pcGrace;
    private volatile PcPresence presence;

    /** @param scheduler the {@code pcGrace} clocks' timers */
    public LoginFeature(LoginService login, Scheduler scheduler, Duration pcGrace) {
        this.login = login;
        this.scheduler = scheduler;
        this.pcGrace = pcGrace;
    }

    @Override
    public boolean claims(String channel) {
        return Channels.isLogin(channel);
    }

    @Override
    public void start(FeatureHost node) {
        login.publishThrough(node);
        presence = new PcPresence(scheduler, pcGrace, node, login::abandoned);
    }

    /**
     * Only an otp-authorized phone whose {@code pub} globs allow the channel may act on it; the
     * node publishes nothing.
     */
    @Override
    public CompletableFuture<ObjectNode> publishing(Caller phone, ClientFrame.Publish request) {
        if (phone.identity().anonymous()) {
            return refused("login actions need an otp-authorized phone");
        }
        if (!phone.identity().pub().matches(request.channel())) {
            return refused("the otp does not allow publishing here");
        }
        return login.act(phone.app(), request.channel(), request.content(), LoginUser.of(phone.identity()),
                phone.address());
    }

    /** The PC is back: its grace clock stops, and the reply gets the session's state. */
    @Override
    public CompletableFuture<Void> subscribed(Caller pc, ClientFrame.Subscribe request, ObjectNode reply) {
        presence.joined(pc.key(request.channel()));
        return login.state(pc.app(), request.channel()).thenAccept(state -> reply.set("state", state));
    }

    @Override
    public void left(Caller pc, ChannelKey channel) {
        presence.left(channel);
    }

    private static CompletableFuture<ObjectNode> refused(String reason) {
        return CompletableFuture.failedFuture(new ProtocolException(ErrorWord.FORBIDDEN, reason));
    }
}
