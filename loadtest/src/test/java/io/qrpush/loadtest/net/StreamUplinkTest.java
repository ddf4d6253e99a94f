package io.qrpush.loadtest.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.qrpush.protocol.FrameCodec;
import io.qrpush.protocol.ServerFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stream's uplink answered 404 (docs/protocol.md section 8): while the stream is open the
 * client lost it, counted once and ended as the server's close; for a stream whose end is already
 * known here it is that end seen again, not an error. The posts are answered by the test.
 */
class StreamUplinkTest {
    private static final byte[] PING = "{\"op\":\"ping\"}".getBytes(StandardCharsets.US_ASCII);

    private final List<String> errors = new ArrayList<>();
    private final List<CompletableFuture<HttpPool.Response>> posts = new ArrayList<>();
    private final List<Boolean> closes = new ArrayList<>();
    private EmbeddedChannel channel;
    private StreamUplink uplink;
    private WsConnection connection;

    @BeforeEach
    void openStream() {
        channel = new EmbeddedChannel();
        uplink = new StreamUplink(channel, Endpoint.of("http://127.0.0.1:1"), (method, path, headers, body) -> {
            CompletableFuture<HttpPool.Response> answer = new CompletableFuture<>();
            posts.add(answer);
            return answer;
        }, errors::add);
        connection = new WsConnection(channel, new FrameCodec(), errors::add, uplink);
        uplink.connection(connection);
        connection.listener(new WsConnection.Listener() {
            @Override
            public void onMessage(WsConnection c, ServerFrame.Message m, long receivedMicros) {
            }

            @Override
            public void onClosed(WsConnection c, int code, boolean byUs) {
                closes.add(byUs);
            }
        });
        channel.pipeline().addLast(new StreamClientHandler(connection, uplink, errors::add));
        uplink.write("{\"op\":\"authorize\",\"id\":1}".getBytes(StandardCharsets.US_ASCII));
        uplink.session("node1.secret");
    }

    private void answer(int status) {
        posts.get(posts.size() - 1).complete(new HttpPool.Response(status, new byte[0]));
        channel.runPendingTasks();
    }

    @Test
    void aStreamTheServerForgotIsCountedOnceAndEndsAsTheServersClose() {
        uplink.write(PING);
        answer(404);
        assertThat(errors).containsExactly("uplink:404");
        assertThat(channel.isActive()).isFalse();
        assertThat(closes).as("closed, and not by this side: a scenario reconnects").containsExactly(false);
        uplink.write(PING);
        assertThat(posts).as("nothing posted after the 404").hasSize(1);
    }

    @Test
    void aLate404ForAStreamThisSideClosedIsNoError() {
        uplink.write(PING);
        connection.close();
        channel.runPendingTasks();
        answer(404);
        assertThat(errors).isEmpty();
        assertThat(closes).containsExactly(true);
    }

    @Test
    void a404AfterTheServersDisconnectLeavesTheCountToItsClose() {
        uplink.write(PING);
        connection.onText("{\"op\":\"disconnect\",\"code\":4011,\"reason\":\"kicked\",\"reconnect\":false}"
                .getBytes(StandardCharsets.UTF_8));
        answer(404);
        assertThat(errors).isEmpty();
        channel.close();
        assertThat(errors).containsExactly("close:4011");
    }

    @Test
    void otherRefusalsAreCountedAndPostingGoesOn() {
        uplink.write(PING);
        uplink.write(PING);
        answer(429);
        assertThat(errors).containsExactly("uplink:429");
        assertThat(posts).as("the queued ping went up next").hasSize(2);
        assertThat(channel.isActive()).isTrue();
    }
}
