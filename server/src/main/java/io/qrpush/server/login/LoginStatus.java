package io.qrpush.server.login;

import java.util.Locale;

/**
 * The states of a login session (docs/protocol.md section 4). {@code waiting} and {@code scanned} are live;
 * the other four are final: no phone action changes them again.
 */
public enum LoginStatus {
    WAITING, SCANNED, CONFIRMED, CANCELLED, EXPIRED, REVOKED;

    private final String wire = name().toLowerCase(Locale.ROOT);

    /** The spelling on the wire: {@code "waiting"}, {@code "scanned"}, ... */
    public String wire() {
        return wire;
    }

    public boolean live() {
        return this == WAITING || this == SCANNED;
    }
}
