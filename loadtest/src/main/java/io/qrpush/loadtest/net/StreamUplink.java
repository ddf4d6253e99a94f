package io.qrpush.loadtest.net;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * How the frames of a connection over HTTP streaming leave (docs/protocol.md section 8): the
 * first (the authorize) is the body of {@code POST /stream} on the connection itself; later ones
 * wait for the session secret of the first reply and are posted to {@code /emulation} over the
 * shared {@link HttpPool}, one post at a time with whatever queued meanwhile, so they reach the
 * server in the order sent, as on a WebSocket.
 *
 * <p>A 404 says the server no longer has the stream. While the stream is open, that is the
 * client's loss, as client-js takes it: nothing more is posted, the 404 is counted (the
 * {@code uplink:404} error) and the connection ends as one the server ended, so the scenario
 * reconnects where it knows how. A 404 for a stream this side already ended (the teardown closes
 * streams while their last ping is in flight), or after the server's {@code disconnect} event
 * came down it (its close is counted when it arrives), is that end seen again: not counted.
 */
final class StreamUplink implements WsConnection.FrameWriter {
    /** Under the server's default maxFrameBytes (64 KiB) for the frames of one post. */
    private static final int MAX_BATCH_BYTES = 32 * 1024;
    private static final byte[] PING = "{\"op\":\"ping\"}".getBytes(StandardCharsets.US_ASCII);

    private final Channel channel;
    private final Endpoint target;
    private final Poster uplinks;
    private final WsConnection.ErrorSink errors;
    private final ArrayDeque<byte[]> queued = new ArrayDeque<>();
    private WsConnection connection;
    private boolean opened;
    private boolean posting;
    private boolean ended;
    private String session;

    /** Where posts go: {@link HttpPool#send}, or a test's stand-in. */
    interface Poster {
        CompletableFuture<HttpPool.Response> send(HttpMethod method, String path, Map<String, String> headers,
                                                  byte[] body);
    }

    StreamUplink(Channel channel, Endpoint target, Poster uplinks, WsConnection.ErrorSink errors) {
        this.channel = channel;
        this.target = target;
        this.uplinks = uplinks;
        this.errors = errors;
    }

    /** The connection these frames belong to, which a 404 ends; set once, before the first frame. */
    void connection(WsConnection c) {
        this.connection = c;
    }

    @Override
    public void write(byte[] frame) {
        if (!opened) {
            opened = true;
            FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/stream",
                    Unpooled.wrappedBuffer(frame));
            req.headers().set(HttpHeaderNames.HOST, target.host() + ":" + target.port())
                    .set(HttpHeaderNames.CONTENT_TYPE, "text/plain")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, frame.length);
            channel.writeAndFlush(req);
            return;
        }
        queued.add(frame);
        post();
    }

    /** The stream's heartbeat: the server counts only posted frames as the client's activity. */
    void heartbeat() {
        if (session != null && queued.isEmpty()) {
            write(PING);
        }
    }

    /** The first reply brought the secret; on the connection's event loop. */
    void session(String secret) {
        session = secret;
        post();
    }

    boolean knowsSession() {
        return session != null;
    }

    private void post() {
        if (session == null || posting || ended || queued.isEmpty() || !channel.isActive()) {
            return;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("{\"session\":\"" + session + "\",\"frames\":[").getBytes(StandardCharsets.US_ASCII));
        int bytes = 0;
        for (boolean first = true; !queued.isEmpty() && (first || bytes + queued.peek().length <= MAX_BATCH_BYTES);
                first = false) {
            byte[] f = queued.poll();
            if (!first) {
                body.write(',');
            }
            body.writeBytes(f);
            bytes += f.length;
        }
        body.write(']');
        body.write('}');
        posting = true;
        uplinks.send(HttpMethod.POST, "/emulation", Map.of("Content-Type", "text/plain"), body.toByteArray())
                .whenComplete((r, err) -> channel.eventLoop().execute(() -> {
                    posting = false;
                    if (err == null && r.status() == 404) {
                        streamGone();
                    } else if (err != null || r.status() != 204) {
                        errors.error("uplink:" + (err != null ? "failed" : Integer.toString(r.status())));
                    }
                    post();
                }));
    }

    /** The server answered 404: the stream is gone, unless its end is already known here (see above). */
    private void streamGone() {
        if (ended || !channel.isActive() || !connection.isOpen() || connection.toldToClose()) {
            return;
        }
        ended = true;
        queued.clear();
        errors.error("uplink:404");
        connection.lost();
    }

    @Override
    public void goodbye() {
        ended = true;
        queued.clear();
        channel.close();
    }
}
