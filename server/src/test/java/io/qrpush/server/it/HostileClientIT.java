package io.qrpush.server.it;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;

/**
 * The shape of the ITs that attack one node over raw sockets: each test starts {@link #server}
 * with the limits it needs; every socket it opened and the server are closed after it.
 */
abstract class HostileClientIT {
    TestServer server;
    final RawSockets sockets = new RawSockets();

    @AfterEach
    void closeSocketsAndServer() {
        sockets.close();
        if (server != null) {
            server.close();
        }
    }

    /** A raw socket to {@link #server} from 127.0.0.1. */
    RawHttp open() throws IOException {
        return sockets.connect(server.port());
    }

    /** How many connections or requests the server cut for {@code reason}, as /metrics tells. */
    double cut(String reason) throws Exception {
        return Prometheus.scrape(server).value("qrpush_connections_cut_total", "reason=" + reason);
    }
}
