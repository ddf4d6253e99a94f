package io.qrpush.protocol.login;

import java.util.List;

/**
 * The states of a login session, as the subscribe reply's {@code state.status} names them
 * (docs/protocol.md section 4). {@code waiting} and {@code scanned} are live; the rest are final.
 */
public final class LoginStatuses {
    /** The field of a login state that names the status. */
    public static final String FIELD = "status";
    public static final String WAITING = "waiting";
    public static final String SCANNED = "scanned";
    public static final String CONFIRMED = "confirmed";
    public static final String CANCELLED = "cancelled";
    public static final String EXPIRED = "expired";
    public static final String REVOKED = "revoked";
    /** Every status, live ones first. */
    public static final List<String> ALL = List.of(WAITING, SCANNED, CONFIRMED, CANCELLED, EXPIRED, REVOKED);
    /** The statuses a phone's action can still change. */
    public static final List<String> LIVE = List.of(WAITING, SCANNED);

    private LoginStatuses() {
    }
}
