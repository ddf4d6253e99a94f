package io.qrpush.server.webhook;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.server.login.LoginJson;
import io.qrpush.server.login.LoginListener;
import io.qrpush.server.login.LoginSession;
import io.qrpush.server.login.LoginStatus;
import io.qrpush.server.login.PcClient;

/**
 * Turns a login session's status changes into {@code login.*} events. The data names the session,
 * the user and where the PC is: never the ticket, its seed, the otp or a token, which would let
 * whoever reads the backend's logs log in.
 */
public final class LoginEvents implements LoginListener {
    private final Webhooks webhooks;

    public LoginEvents(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    public void changed(LoginSession before, LoginSession after) {
        if (after.status() == LoginStatus.WAITING) {
            return;
        }
        webhooks.emit(after.appkey(), "login." + after.status().wire(), data(before, after));
    }

    /** {@code {"key","userId"?,"client"?,"scannedAt"?,"confirmedAt"?,"reason"?}}. */
    static ObjectNode data(LoginSession before, LoginSession after) {
        ObjectNode d = JsonNodeFactory.instance.objectNode().put("key", after.key());
        if (after.user() != null) {
            d.put("userId", after.user().id());
        }
        // A final session drops the PC's details; the version before the change still had them.
        PcClient client = after.client() != null ? after.client() : before.client();
        if (client != null) {
            d.set("client", LoginJson.client(client));
        }
        if (after.scannedAt() > 0) {
            d.put("scannedAt", after.scannedAt());
        }
        if (after.confirmedAt() > 0) {
            d.put("confirmedAt", after.confirmedAt());
        }
        if (after.reason() != null) {
            d.put("reason", after.reason());
        }
        return d;
    }
}
