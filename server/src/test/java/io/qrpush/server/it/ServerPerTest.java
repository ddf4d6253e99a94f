package io.qrpush.server.it;

import org.junit.jupiter.api.AfterEach;

/** ITs whose tests each start the server they need in {@link #server}, closed after the test. */
abstract class ServerPerTest {
    TestServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }
}
