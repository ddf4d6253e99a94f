package io.qrpush.loadtest.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** A failed connect is counted under the reason an operator can act on, however deep Netty wrapped it. */
class ConnectErrorKeyTest {

    @Test
    void theOpenFileLimitIsNamedThroughNettysWrapper() {
        Throwable socketNotCreated = new CompletionException(new ChannelException("Unable to create Channel from class",
                new ChannelException("failed to open a socket", new IOException("Too many open files"))));
        assertThat(ClientLoop.connectErrorKey(socketNotCreated)).isEqualTo("connect:too_many_open_files");
    }

    @Test
    void otherReasonsKeepTheirNames() {
        assertThat(ClientLoop.connectErrorKey(new ConnectException("Connection refused"))).isEqualTo("connect:refused");
        assertThat(ClientLoop.connectErrorKey(new ConnectException("finishConnect(..) failed: Connection reset by peer")))
                .isEqualTo("connect:reset");
        assertThat(ClientLoop.connectErrorKey(new IOException("bind(..) failed: Cannot assign requested address")))
                .isEqualTo("connect:no_free_local_port");
        assertThat(ClientLoop.connectErrorKey(new WsClientHandler.HandshakeException("handshake refused: HTTP 403")))
                .isEqualTo("connect:handshake_refused_HTTP_403");
        assertThat(ClientLoop.connectErrorKey(new ChannelException("something else")))
                .isEqualTo("connect:ChannelException");
    }
}
