package io.qrpush.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qrpush.server.core.Apps;
import io.qrpush.server.metrics.ServerMetrics;
import java.time.Clock;

/**
 * What every HTTP route may use, handed to each route class by the server wiring.
 *
 * @param mapper the protocol's JSON mapper, for request bodies and answers
 */
public record HttpParts(Apps apps, ServerMetrics metrics, ObjectMapper mapper, Clock clock) {
}
