package io.qrpush.server.it;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The raw HTTP sockets a test opened, to close them all after it. */
final class RawSockets implements AutoCloseable {
    private final List<RawHttp> open = new ArrayList<>();

    /** A socket to 127.0.0.1:{@code port} from {@code from} (any of 127.0.0.0/8). */
    RawHttp connect(int port, String from) throws IOException {
        RawHttp s = RawHttp.connect(port, from);
        open.add(s);
        return s;
    }

    RawHttp connect(int port) throws IOException {
        return connect(port, "127.0.0.1");
    }

    /** The first socket opened that is still listed. */
    RawHttp first() {
        return open.get(0);
    }

    @Override
    public void close() {
        open.forEach(RawHttp::close);
        open.clear();
    }
}
