package io.qrpush.server.transport;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.qrpush.server.http.HttpAnswer;

/** Netty responses from the routes' {@link HttpAnswer}s, with the headers every answer of ours carries. */
final class HttpResponses {
    private HttpResponses() {
    }

    static FullHttpResponse of(HttpAnswer a, boolean keepAlive) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(a.status()),
                Unpooled.wrappedBuffer(a.body()));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, a.contentType());
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, a.body().length);
        res.headers().set("X-Content-Type-Options", "nosniff");
        a.headers().forEach((k, v) -> res.headers().set(k, v));
        res.headers().set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
        return res;
    }
}
