package io.qrpush.server.login;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qrpush.protocol.login.LoginEvents;
import io.qrpush.protocol.login.LoginStatuses;
import io.qrpush.server.config.AppConfig;

/**
 * Every JSON shape of scan-to-login, built only from the stored session, whose user details came
 * from otp claims: nothing a phone publishes is ever copied into what the PC or backend sees.
 */
public final class LoginJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private LoginJson() {
    }

    /** The event published to the PC when a session has just entered its status. */
    public static ObjectNode event(LoginSession s, AppConfig app) {
        ObjectNode e = JSON.objectNode().put(LoginEvents.FIELD, s.status().wire());
        putReason(e, s);
        if (s.status() == LoginStatus.CONFIRMED) {
            e.put("ticket", ticket(s, app));
        }
        putUser(e, s, app);
        return e;
    }

    /** The {@code state} of a subscribe reply: the status now, the user where allowed, the ticket while usable. */
    public static ObjectNode state(LoginSession s, AppConfig app, long now) {
        ObjectNode st = JSON.objectNode().put(LoginStatuses.FIELD,
                s.overdue(now) ? LoginStatus.EXPIRED.wire() : s.status().wire());
        putReason(st, s);
        putUser(st, s, app);
        if (s.ticketUsable(now)) {
            st.put("ticket", ticket(s, app));
        }
        return st;
    }

    /** The store keeps the ticket's seed, not the ticket: it is derived again for the PC. */
    private static String ticket(LoginSession s, AppConfig app) {
        return Tickets.derive(app.secret(), s.key(), s.ticketSeed());
    }

    /** A session the token proves existed but that is gone now: it ended and was freed. */
    public static ObjectNode forgottenState() {
        return JSON.objectNode().put(LoginStatuses.FIELD, LoginStatus.EXPIRED.wire());
    }

    /**
     * The scan reply's body: where the login will happen, how that looks ({@link RiskSignals}),
     * and on apps with number matching the numbers to pick from. Only the phone gets this: the
     * PC's {@code scanned} event never carries the choices.
     */
    public static ObjectNode scanReply(LoginSession s, ObjectNode risk) {
        ObjectNode r = JSON.objectNode().put(LoginStatuses.FIELD, s.status().wire());
        r.set("client", client(s.client()).set("risk", risk));
        if (s.numbers() != null) {
            s.numbers().choices().forEach(r.putArray("choices")::add);
        }
        return r;
    }

    public static ObjectNode client(PcClient c) {
        return JSON.objectNode().put("ip", c.ip()).put("userAgent", c.userAgent()).put("origin", c.origin())
                .put("createdAt", c.createdAt());
    }

    /** The answer of {@code POST /api/v1/tickets/verify}. */
    public static ObjectNode verified(LoginSession s) {
        ObjectNode v = JSON.objectNode().put("userId", s.user().id()).put("name", s.user().name())
                .put("key", s.key()).put("confirmedAt", s.confirmedAt());
        if (s.user().avatar() != null) {
            v.put("avatar", s.user().avatar());
        }
        v.set("client", client(s.client()));
        return v;
    }

    /** The 201 answer of {@code POST /api/login/sessions}. */
    public static ObjectNode created(LoginSession s, String token, String qrContent) {
        String base = "/api/login/sessions/" + s.key();
        ObjectNode c = JSON.objectNode().put("key", s.key()).put("channel", s.channel()).put("token", token)
                .put("qrContent", qrContent).put("qrPng", base + "/qr.png").put("qrSvg", base + "/qr.svg")
                .put("expiresAt", s.until());
        if (s.numbers() != null) {
            c.put("match", s.numbers().match());
        }
        return c;
    }

    /** Why the session ended, where its status alone does not say ({@code mismatch}). */
    private static void putReason(ObjectNode target, LoginSession s) {
        if (s.reason() != null) {
            target.put(LoginEvents.REASON, s.reason());
        }
    }

    /**
     * Who scanned is told to the PC only once they confirmed, or on scan where the app chose
     * {@code revealUserOnScan}: a phishing page relaying a code should not learn who scanned it.
     */
    private static void putUser(ObjectNode target, LoginSession s, AppConfig app) {
        if (s.user() == null || (s.status() != LoginStatus.CONFIRMED && !app.revealUserOnScan())) {
            return;
        }
        ObjectNode u = target.putObject("user").put("id", s.user().id());
        if (s.user().name() != null) {
            u.put("name", s.user().name());
        }
        if (s.user().avatar() != null) {
            u.put("avatar", s.user().avatar());
        }
    }
}
