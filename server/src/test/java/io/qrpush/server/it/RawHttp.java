package io.qrpush.server.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;

/**
 * HTTP/1.1 written by hand over a plain {@link Socket}, for attacks no client library would make:
 * half-sent heads and bodies, oversized headers, several requests in one write, silence.
 */
final class RawHttp implements AutoCloseable {
    /** One response: status, head (lower-cased header names) and body. */
    record Response(int status, String head, String body) {
        String header(String lowerCaseName) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(lowerCaseName)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private final Socket socket;
    private final InputStream in;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /** Connects to 127.0.0.1:{@code port} from {@code localAddress} (any of 127.0.0.0/8). */
    static RawHttp connect(int port, String localAddress) throws IOException {
        Socket s = new Socket();
        try {
            s.bind(new InetSocketAddress(localAddress, 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(5000);
            return new RawHttp(s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    static RawHttp connect(int port) throws IOException {
        return connect(port, "127.0.0.1");
    }

    RawHttp send(String text) throws IOException {
        return send(text.getBytes(UTF_8));
    }

    RawHttp send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return this;
    }

    /** The next response, read within {@code timeout}; its body by Content-Length. */
    Response read(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        String head = RawWs.readHead(in);
        if (head.isEmpty()) {
            throw new IOException("the connection closed before a response");
        }
        int status = Integer.parseInt(head.substring(9, 12));
        Response r = new Response(status, head, "");
        String length = r.header("content-length");
        byte[] body = in.readNBytes(length == null ? 0 : Integer.parseInt(length));
        return new Response(status, head, new String(body, UTF_8));
    }

    /**
     * Whether the server has closed the connection: reading ends (or is reset) within
     * {@code timeout}, after any bytes still on their way (a last response).
     */
    boolean closedWithin(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            byte[] buf = new byte[4096];
            while (in.read(buf) >= 0) {
                // the rest of an answer sent before the close
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    /** A GET with the given extra header lines (each ending in CRLF). */
    static String get(String path, String extraHeaders) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeaders + "\r\n";
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing only
        }
    }
}
