package io.qrpush.server.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client written by hand over a plain {@link Socket}: it does only what the test
 * says, so it can stay silent (no pongs), stop reading, or send frames no library would.
 */
public final class RawWs implements AutoCloseable {
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CONTINUATION = 0x0;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    /** One frame as read from the server (servers never mask). */
    public record Frame(int opcode, byte[] payload) {
        public String text() {
            return new String(payload, UTF_8);
        }

        /** The close code of a close frame; -1 when it carries none. */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : -1;
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String statusLine;
    private final String responseHead;

    private RawWs(Socket socket, String responseHead) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.responseHead = responseHead;
        this.statusLine = responseHead.lines().findFirst().orElse("");
    }

    /** Opens a socket and sends the upgrade request; {@code receiveBuffer} 0 keeps the default. */
    public static RawWs connect(int port, String path, String origin, int receiveBuffer) throws IOException {
        Socket s = new Socket();
        if (receiveBuffer > 0) {
            s.setReceiveBufferSize(receiveBuffer);
        }
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(5_000);
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n" + (origin == null ? "" : "Origin: " + origin + "\r\n") + "\r\n";
        s.getOutputStream().write(request.getBytes(UTF_8));
        s.getOutputStream().flush();
        return new RawWs(s, readHead(s.getInputStream()));
    }

    /** Connects to {@code /ws} without an Origin and asserts the upgrade succeeded. */
    public static RawWs open(int port, int receiveBuffer) throws IOException {
        RawWs ws = connect(port, "/ws", null, receiveBuffer);
        if (!ws.upgraded()) {
            ws.close();
            throw new AssertionError("upgrade refused: " + ws.statusLine);
        }
        return ws;
    }

    /** Reads a response head up to and including its blank line, or what came before the stream ended. */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(UTF_8);
    }

    public boolean upgraded() {
        return statusLine.startsWith("HTTP/1.1 101");
    }

    public String statusLine() {
        return statusLine;
    }

    /** The response's status line and headers. */
    public String responseHead() {
        return responseHead;
    }

    public void sendText(String text) throws IOException {
        sendFrame(TEXT, true, text.getBytes(UTF_8));
    }

    /** Sends one masked frame, as RFC 6455 requires of clients. */
    public void sendFrame(int opcode, boolean fin, byte[] payload) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(14);
        head.put((byte) ((fin ? 0x80 : 0) | opcode));
        if (payload.length < 126) {
            head.put((byte) (0x80 | payload.length));
        } else if (payload.length < 65536) {
            head.put((byte) (0x80 | 126)).putShort((short) payload.length);
        } else {
            head.put((byte) (0x80 | 127)).putLong(payload.length);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        head.put(mask);
        byte[] masked = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        out.write(head.array(), 0, head.position());
        out.write(masked);
        out.flush();
    }

    /** The next frame; null when the server closed the TCP connection. */
    public Frame read(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        int b0;
        try {
            b0 = in.read();
        } catch (java.net.SocketException e) {
            return null; // reset: the server closed with bytes of ours still unread
        }
        if (b0 < 0) {
            return null;
        }
        int b1 = readByte();
        long len = b1 & 0x7F;
        if (len == 126) {
            len = (readByte() << 8) | readByte();
        } else if (len == 127) {
            len = 0;
            for (int i = 0; i < 8; i++) {
                len = (len << 8) | readByte();
            }
        }
        byte[] payload = in.readNBytes((int) len);
        if (payload.length < len) {
            throw new EOFException("frame cut short");
        }
        return new Frame(b0 & 0x0F, payload);
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("frame cut short");
        }
        return b;
    }

    /**
     * Reads until the server ends the connection, answering its close frame as RFC 6455 asks (the
     * server waits for that answer); the close frame, if any, is the last one.
     */
    public List<Frame> readToEnd(Duration timeout) throws IOException {
        List<Frame> frames = new ArrayList<>();
        Frame f;
        while ((f = read(timeout)) != null) {
            frames.add(f);
            if (f.opcode() == CLOSE) {
                answerClose(f);
            }
        }
        return frames;
    }

    private void answerClose(Frame close) {
        try {
            sendFrame(CLOSE, true, close.payload().length >= 2 ? Arrays.copyOf(close.payload(), 2) : new byte[0]);
        } catch (IOException gone) {
            // the server closed first: nothing left to answer
        }
    }

    /** Reads frames until the first text frame, skipping pings and others; null at the end of the stream. */
    public String nextText(Duration timeout) throws IOException {
        Frame f;
        while ((f = read(timeout)) != null) {
            if (f.opcode() == TEXT) {
                return f.text();
            }
        }
        return null;
    }

    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
