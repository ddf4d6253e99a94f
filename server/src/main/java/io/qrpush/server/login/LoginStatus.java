package io.qrpush.server.login;

import io.qrpush.protocol.login.LoginStatuses;

/**
 * The states of a login session (docs/protocol.md section 4). {@code waiting} and {@code scanned} are live;
 * the other four are final: no phone action changes them again.
 */
public enum LoginStatus {
    WAITING(LoginStatuses.WAITING), SCANNED(LoginStatuses.SCANNED), CONFIRMED(LoginStatuses.CONFIRMED),
    CANCELLED(LoginStatuses.CANCELLED), EXPIRED(LoginStatuses.EXPIRED), REVOKED(LoginStatuses.REVOKED);

    private final String wire;

    LoginStatus(String wire) {
        this.wire = wire;
    }

    /** The spelling on the wire: {@code "waiting"}, {@code "scanned"}, ... */
    public String wire() {
        return wire;
    }

    public boolean live() {
        return this == WAITING || this == SCANNED;
    }
}
