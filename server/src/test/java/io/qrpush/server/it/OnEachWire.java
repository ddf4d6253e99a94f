package io.qrpush.server.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The protocol ITs that run once per {@link Wire} (a WebSocket, an HTTP stream): each test starts
 * the server it needs in {@link #server}, closed after it.
 */
@ParameterizedClass
@EnumSource(Wire.class)
abstract class OnEachWire {
    @Parameter
    Wire wire;

    TestServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }
}
