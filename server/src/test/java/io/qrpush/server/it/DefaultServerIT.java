package io.qrpush.server.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Base of the ITs that need one server with the default test configuration, fresh for each test. */
abstract class DefaultServerIT {
    TestServer server;
    /** The PC page's, phones' and backend's side of scan-to-login, against {@link #server}. */
    LoginFixture login;

    @BeforeEach
    void startServer() throws Exception {
        server = TestServer.start();
        login = new LoginFixture(server);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }
}
