package io.qrpush.server.transport;

import io.qrpush.server.http.HttpAnswer;

/**
 * A request refused before it could be routed (malformed, too large, no room for its body): passed
 * down the pipeline in the request's place so that its answer is written in request order, after
 * which the connection closes.
 */
record HttpRefusal(HttpAnswer answer) {
}
