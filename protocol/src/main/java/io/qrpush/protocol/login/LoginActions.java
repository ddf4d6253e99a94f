package io.qrpush.protocol.login;

import java.util.List;

/**
 * What a phone publishes to a login channel, {@code {"action":"scan"}} (docs/protocol.md section 4,
 * docs/login-flow.md).
 */
public final class LoginActions {
    /** The field of a phone's content that names the action. */
    public static final String FIELD = "action";
    public static final String SCAN = "scan";
    public static final String CONFIRM = "confirm";
    public static final String CANCEL = "cancel";
    /** The field of a confirm that carries the number the user picked, on apps with number matching. */
    public static final String MATCH = "match";
    /** Every action, in the order of a login. */
    public static final List<String> ALL = List.of(SCAN, CONFIRM, CANCEL);

    private LoginActions() {
    }
}
