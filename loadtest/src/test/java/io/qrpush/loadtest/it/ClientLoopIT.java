package io.qrpush.loadtest.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import io.qrpush.loadtest.metrics.RunMetrics;
import io.qrpush.loadtest.net.ClientLoop;
import io.qrpush.loadtest.net.Endpoint;
import io.qrpush.loadtest.net.WsConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The client's event loops share the connections evenly: a loop that holds them all is the run's bottleneck. */
@Tag("integration")
class ClientLoopIT {

    @Test
    void connectionsTakeTheLoopsInTurn() throws Exception {
        try (InProcessServer server = new InProcessServer();
             ClientLoop loop = new ClientLoop(Endpoint.of(server.url()), List.of(), 2, new RunMetrics("connect"))) {
            List<WsConnection> open = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                open.add(loop.connect().get(10, TimeUnit.SECONDS));
            }
            Map<EventLoop, Long> perLoop = open.stream()
                    .collect(Collectors.groupingBy(c -> c.channel().eventLoop(), Collectors.counting()));
            assertThat(perLoop).hasSize(2).allSatisfy((l, n) -> assertThat(n).isEqualTo(3L));
            CompletableFuture.allOf(open.stream().map(WsConnection::close).toArray(CompletableFuture[]::new))
                    .get(10, TimeUnit.SECONDS);
        }
    }
}
