package io.qrpush.server.it;

import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The protocol ITs that run once per {@link Wire} (a WebSocket, an HTTP stream). */
@ParameterizedClass
@EnumSource(Wire.class)
abstract class OnEachWire extends ServerPerTest {
    @Parameter
    Wire wire;
}
