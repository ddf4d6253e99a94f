package io.qrpush.server.transport;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.qrpush.server.http.HttpRouter;

/**
 * A whole request as {@link RequestBodyReader} passes it on, with what it found from the head:
 * the decoded URI and the route's {@link HttpRouter.Target}, whose body limit it applied. The
 * routes handler answers through that same target, so a request's route is looked up once.
 */
final class RoutedRequest extends DefaultFullHttpRequest {
    private final QueryStringDecoder uri;
    private final HttpRouter.Target target;

    RoutedRequest(HttpRequest head, ByteBuf body, HttpHeaders trailers, QueryStringDecoder uri,
                  HttpRouter.Target target) {
        super(head.protocolVersion(), head.method(), head.uri(), body, head.headers(), trailers);
        this.uri = uri;
        this.target = target;
    }

    QueryStringDecoder decodedUri() {
        return uri;
    }

    HttpRouter.Target target() {
        return target;
    }
}
