package io.qrpush.server.login;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.protocol.Channels;
import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.ProtocolException;
import io.qrpush.protocol.login.LoginActions;
import io.qrpush.server.config.AppConfig;
import io.qrpush.server.http.HttpAnswer;
import io.qrpush.server.http.HttpCall;
import io.qrpush.server.http.HttpParts;
import io.qrpush.server.http.HttpRouter;
import io.qrpush.server.http.JsonBodies;
import io.qrpush.server.http.ServerApiRoutes;
import java.util.concurrent.CompletableFuture;

/**
 * Login actions from the app's backend (docs/protocol.md section 5):
 * {@code POST /api/v1/logins/<key>/scan|confirm|cancel} with the apiKey and
 * {@code {"userId","name?","avatar?","match?"}}. The backend vouches for its user, so any userId is
 * taken; everything else is a phone's action with that {@code sub}, through the same
 * {@link LoginService#act}: one state machine and one first-scanner-wins behind every door.
 */
public final class BackendLoginRoutes {
    static final String BASE = "/api/v1/logins/";
    /** As an otp's {@code sub}, {@code name} and {@code avatar} may be. */
    private static final int MAX_USER_ID = 256;
    private static final int MAX_DETAIL = 2048;

    private final LoginService login;
    private final JsonBodies bodies;

    private BackendLoginRoutes(HttpParts parts, LoginService login) {
        this.login = login;
        this.bodies = new JsonBodies(parts.mapper());
    }

    public static void register(HttpRouter router, HttpParts parts, LoginService login) {
        BackendLoginRoutes r = new BackendLoginRoutes(parts, login);
        for (LoginAction action : LoginAction.values()) {
            router.add("POST", BASE + "*/" + action.wire(),
                    ServerApiRoutes.authenticated(parts, (app, call) -> r.act(app, call, action)));
        }
    }

    private CompletableFuture<HttpAnswer> act(AppConfig app, HttpCall call, LoginAction action)
            throws ProtocolException {
        String key = call.path().substring(BASE.length(), call.path().length() - action.wire().length() - 1);
        String channel = Channels.LOGIN_PREFIX + key;
        if (!Channels.isValid(channel)) {
            throw new ProtocolException(ErrorWord.NOT_FOUND, "unknown login session");
        }
        JsonNode body = bodies.object(call);
        LoginUser user = new LoginUser(text(body, "userId", true, MAX_USER_ID), text(body, "name", false, MAX_DETAIL),
                text(body, "avatar", false, MAX_DETAIL));
        // The whole body goes on, as a phone's content would (a number match rides along).
        ObjectNode content = body.deepCopy();
        content.put(LoginActions.FIELD, action.wire());
        // The call comes from the backend, not the phone: where the phone is, is not known here.
        return login.act(app, channel, content, user, null).thenApply(reply -> HttpAnswer.json(200, reply).noStore());
    }

    private static String text(JsonNode body, String field, boolean required, int max) throws ProtocolException {
        JsonNode v = body.get(field);
        if (!required && (v == null || v.isNull())) {
            return null;
        }
        if (v == null || !v.isTextual() || v.asText().isEmpty() || v.asText().length() > max) {
            throw new ProtocolException(ErrorWord.BAD_REQUEST, field + " must be a string of 1 to " + max
                    + " characters" + (required ? " (required)" : ""));
        }
        return v.asText();
    }
}
