package io.qrpush.server.login;

import com.fasterxml.jackson.databind.JsonNode;
import io.qrpush.protocol.login.LoginActions;

/**
 * What a phone may publish to a login channel: {@code {"action":"scan"|"confirm"|"cancel"}}, a
 * confirm on an app with number matching also {@code "match":"NN"}.
 */
public enum LoginAction {
    SCAN(LoginActions.SCAN), CONFIRM(LoginActions.CONFIRM), CANCEL(LoginActions.CANCEL);

    private final String wire;

    LoginAction(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The number a confirm carried ({@code "match":"NN"}), or null when it carried none. */
    public static String matchOf(JsonNode content) {
        JsonNode m = content == null || !content.isObject() ? null : content.get(LoginActions.MATCH);
        return m != null && m.isTextual() ? m.asText() : null;
    }

    /** The action in a phone's content, or null when the content is not one. */
    public static LoginAction of(JsonNode content) {
        JsonNode a = content == null || !content.isObject() ? null : content.get(LoginActions.FIELD);
        if (a == null || !a.isTextual()) {
            return null;
        }
        for (LoginAction action : values()) {
            if (action.wire.equals(a.asText())) {
                return action;
            }
        }
        return null;
    }
}
