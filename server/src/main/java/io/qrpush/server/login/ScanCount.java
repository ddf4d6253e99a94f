package io.qrpush.server.login;

/**
 * A user's scan as the store counted it (docs/protocol.md section 4, "Login safety").
 *
 * @param allowed     false when the user is over {@code login.scansPerUserPerMinute}: the scan was
 *                    not counted and is refused
 * @param scansByUser the user's scans on the app in the last {@link ScanWindow#WINDOW_MILLIS},
 *                    this one included when allowed
 */
public record ScanCount(boolean allowed, int scansByUser) {
}
