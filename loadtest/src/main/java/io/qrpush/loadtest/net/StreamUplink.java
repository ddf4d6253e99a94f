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

/**
 * How the frames of a connection over HTTP streaming leave (docs/protocol.md section 8): the
 * first (the authorize) is the body of {@code POST /stream} on the connection itself; later ones
 * wait for the session secret of the first reply and are posted to {@code /emulation} over the
 * shared {@link HttpPool}, one post at a time with whatever queued meanwhile, so they reach the
 * server in the order sent, as on a WebSocket.
 */
final class StreamUplink implements WsConnection.FrameWriter {
    /** Under the server's default maxFrameBytes (64 KiB) for the frames of one post. */
    private static final int MAX_BATCH_BYTES = 32 * 1024;
    private static final byte[] PING = "{\"op\":\"ping\"}".getBytes(StandardCharsets.US_ASCII);

    private final Channel channel;
    private final Endpoint target;
    private final HttpPool uplinks;
    private final WsConnection.ErrorSink errors;
    private final ArrayDeque<byte[]> queued = new ArrayDeque<>();
    private boolean opened;
    private boolean posting;
    private String session;

    StreamUplink(Channel channel, Endpoint target, HttpPool uplinks, WsConnection.ErrorSink errors) {
        this.channel = channel;
        this.target = target;
        this.uplinks = uplinks;
        this.errors = errors;
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
        if (session == null || posting || queued.isEmpty() || !channel.isActive()) {
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
                    if (err != null || r.status() != 204) {
                        errors.error("uplink:" + (err != null ? "failed" : Integer.toString(r.status())));
                    }
                    post();
                }));
    }

    @Override
    public void goodbye() {
        channel.close();
    }
}
