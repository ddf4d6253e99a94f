package io.qrpush.protocol.login;

import java.util.List;

/**
 * What the server publishes to a PC on its login channel, {@code {"event":"scanned"}}
 * (docs/protocol.md section 4). Each event is named after the status it moves the session to, so
 * every status but {@code waiting} is also an event.
 */
public final class LoginEvents {
    /** The field of a login channel's message that names the event. */
    public static final String FIELD = "event";
    public static final String SCANNED = LoginStatuses.SCANNED;
    public static final String CONFIRMED = LoginStatuses.CONFIRMED;
    public static final String CANCELLED = LoginStatuses.CANCELLED;
    public static final String EXPIRED = LoginStatuses.EXPIRED;
    public static final String REVOKED = LoginStatuses.REVOKED;
    /** The field of an event that says why the session ended, where the status alone does not. */
    public static final String REASON = "reason";
    /** The {@link #REASON} of a session cancelled because the phone's confirm had the wrong number. */
    public static final String MISMATCH = "mismatch";
    /** Every event. */
    public static final List<String> ALL = List.of(SCANNED, CONFIRMED, CANCELLED, EXPIRED, REVOKED);

    private LoginEvents() {
    }
}
