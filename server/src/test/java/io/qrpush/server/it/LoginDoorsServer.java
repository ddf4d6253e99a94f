package io.qrpush.server.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * ITs of the login doors: each class starts one server for its tests, with the login fixture and
 * the HTTPS doors on it, and closes it after them (test classes run one at a time).
 */
abstract class LoginDoorsServer {
    static TestServer server;
    static LoginFixture login;
    static LoginDoors doors;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServer.start();
        login = new LoginFixture(server);
        doors = new LoginDoors(server, login);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }
}
