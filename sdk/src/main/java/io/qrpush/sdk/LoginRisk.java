package io.qrpush.sdk;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the server can tell a phone about a login that may not be happening in front of its user
 * (the scan answer's {@code client.risk}, docs/protocol.md section 4, "Login safety"). Show the
 * stronger warning of docs/login-flow.md when {@code sameNetwork} is false.
 *
 * @param sameNetwork the PC and the phone share a /24 (IPv4) or /48 (IPv6)
 * @param scansByUser this user's scans on this app in the last 10 minutes, this one included
 */
public record LoginRisk(boolean sameNetwork, int scansByUser) {

    static LoginRisk fromJson(JsonNode n) {
        if (n == null || !n.isObject()) {
            return null;
        }
        return new LoginRisk(n.path("sameNetwork").asBoolean(false), n.path("scansByUser").asInt(0));
    }
}
