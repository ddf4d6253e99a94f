package io.qrpush.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link FrameClient} over HTTP streaming (docs/protocol.md section 8). The first frame sent
 * opens {@code POST /stream} with it as the body, on a plain socket read by hand (chunks, then
 * events), so a test can stop reading ({@link #pause}) and see every byte the server sent; later
 * frames are posted to {@code /emulation} with the session secret of the authorize reply,
 * possibly to another node. The close code is that of the last {@code disconnect} event before
 * the stream ended.
 */
public final class StreamClient extends FrameClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(WAIT).build();

    private final int streamPort;
    private final URI emulation;
    private final String origin;
    private final int receiveBuffer;
    private final CompletableFuture<String> session = new CompletableFuture<>();
    private final Map<String, String> headers = new ConcurrentHashMap<>();
    private final AtomicInteger heartbeats = new AtomicInteger();
    private final AtomicInteger commentBytes = new AtomicInteger();
    private String query = "";
    private volatile int status;
    private volatile int lastDisconnect = -1;
    private volatile CountDownLatch paused;
    private Socket socket;

    private StreamClient(int streamPort, int uplinkPort, String origin, int receiveBuffer) {
        this.streamPort = streamPort;
        this.emulation = URI.create("http://127.0.0.1:" + uplinkPort + "/emulation");
        this.origin = origin;
        this.receiveBuffer = receiveBuffer;
    }

    /**
     * A client whose stream will be on {@code streamPort} and uplinks go to {@code uplinkPort};
     * nothing is connected until the first {@link #send}. {@code origin} null sends no Origin.
     */
    public static StreamClient to(int streamPort, int uplinkPort, String origin) {
        return new StreamClient(streamPort, uplinkPort, origin, 0);
    }

    /** As {@link #to}, with a small socket receive buffer: for a client that stops reading. */
    public static StreamClient withReceiveBuffer(int port, int bytes) {
        return new StreamClient(port, port, null, bytes);
    }

    @Override
    public synchronized void send(String text) throws Exception {
        if (socket == null) {
            open(text);
            return;
        }
        String secret = session.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        ObjectNode body = JSON.createObjectNode().put("session", secret);
        body.putArray("frames").add(frameOf(text));
        uplink(body.toString());
    }

    /** The text's JSON as it is; text that is not JSON travels as a JSON string, which the server cannot read either. */
    private static JsonNode frameOf(String text) {
        try {
            JsonNode n = JSON.readTree(text);
            return n == null ? JSON.getNodeFactory().textNode(text) : n;
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }

    /** Asks for {@code ?padding=} ahead of the first event; before the first {@link #send}. */
    public StreamClient padded(String bytes) {
        query = "?padding=" + bytes;
        return this;
    }

    /** Posts a raw {@code /emulation} body with this client's origin. */
    public HttpResponse<String> uplink(String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(emulation).timeout(WAIT)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The secret of the stream, once the authorize reply brought it. */
    public String session() throws Exception {
        return session.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private void open(String authorize) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", streamPort), (int) WAIT.toMillis());
        byte[] body = authorize.getBytes(StandardCharsets.UTF_8);
        String head = "POST /stream" + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: "
                + body.length + "\r\n" + (origin == null ? "" : "Origin: " + origin + "\r\n") + "\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        InputStream in = new BufferedInputStream(socket.getInputStream());
        Thread reader = new Thread(() -> read(in), "stream-client");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(InputStream in) {
        try {
            status = Integer.parseInt(line(in).split(" ")[1]);
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            }
            if (status != 200) {
                return;
            }
            ByteArrayOutputStream events = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in), 16); size > 0; size = Integer.parseInt(line(in), 16)) {
                CountDownLatch p = paused;
                if (p != null) {
                    p.await();
                }
                events.write(in.readNBytes(size));
                line(in);
                events = takeEvents(events);
            }
        } catch (IOException | InterruptedException e) {
            // The end of the stream: a cut socket or a closed client.
        } catch (RuntimeException e) {
            closed.completeExceptionally(e); // not the wire format of section 8
        } finally {
            closed.complete(lastDisconnect);
            session.completeExceptionally(new AssertionError("the stream ended before a session arrived"));
        }
    }

    /** Handles the whole events in the buffer; returns what is left of a partial one. */
    private ByteArrayOutputStream takeEvents(ByteArrayOutputStream buffer) throws IOException {
        String text = buffer.toString(StandardCharsets.UTF_8);
        int end;
        while ((end = text.indexOf("\n\n")) >= 0) {
            onEvent(text.substring(0, end));
            text = text.substring(end + 2);
        }
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        rest.write(text.getBytes(StandardCharsets.UTF_8));
        return rest;
    }

    private void onEvent(String event) throws IOException {
        if (event.startsWith(":")) {
            heartbeats.incrementAndGet();
            commentBytes.addAndGet(event.length() + 2);
            return;
        }
        JsonNode frame = JSON.readTree(event.substring("data: ".length()));
        if (frame.hasNonNull("session")) {
            session.complete(frame.path("session").asText());
        }
        if ("disconnect".equals(frame.path("op").asText())) {
            lastDisconnect = frame.path("code").asInt();
        }
        frames.add(frame);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("end of stream");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    /** The status of the answer to {@code POST /stream}, once its head arrived (0 before). */
    public int status() {
        return status;
    }

    /** A header of the answer to {@code POST /stream}, by lower-case name. */
    public String header(String name) {
        return headers.get(name);
    }

    /** Heartbeat comments (and padding) read so far. */
    public int heartbeats() {
        return heartbeats.get();
    }

    /** Bytes of comment events read so far, with the blank line of each. */
    public int commentBytes() {
        return commentBytes.get();
    }

    /** Stops reading the stream, as a client whose page froze. */
    public void pause() {
        paused = new CountDownLatch(1);
    }

    public void resume() {
        CountDownLatch p = paused;
        paused = null;
        if (p != null) {
            p.countDown();
        }
    }

    @Override
    public void close() {
        resume();
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
    }
}
