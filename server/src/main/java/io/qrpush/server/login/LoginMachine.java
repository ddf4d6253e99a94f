package io.qrpush.server.login;

import io.qrpush.protocol.ErrorWord;
import io.qrpush.protocol.RandomIds;
import io.qrpush.protocol.login.LoginEvents;
import io.qrpush.server.config.LoginSettings;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The scan-to-login state machine of docs/protocol.md section 4 as pure functions from a session, an input
 * and the time to a {@link Step}: no store, no clock, no threads, so every rule is unit-tested
 * alone. The service applies a step to the store by compare-and-set, and retries on a conflict
 * with the session that won, which is what makes the first scanner win.
 */
public final class LoginMachine {
    /**
     * What to do: write {@code next} (when not null) by compare-and-set, then answer with
     * {@code refusal} (when not null) or success. A step both writing and refusing ends the
     * session while the phone is refused: an overdue one turned expired ({@code gone}), or a
     * number-matching confirm with the wrong number turned cancelled ({@code mismatch}).
     */
    public record Step(LoginSession next, ErrorWord refusal, String reason) {
        static Step write(LoginSession next) {
            return new Step(next, null, null);
        }

        static Step stay() {
            return new Step(null, null, null);
        }

        static Step refuse(ErrorWord word, String reason) {
            return new Step(null, word, reason);
        }

        public boolean writes() {
            return next != null;
        }

        public boolean refused() {
            return refusal != null;
        }
    }

    private final LoginSettings settings;
    private final Function<String, String> secretOfApp;
    private final Supplier<String> seeds;

    /** @param secretOfApp the secret of the app with an appkey, which tickets are derived with */
    public LoginMachine(LoginSettings settings, Function<String, String> secretOfApp) {
        this(settings, secretOfApp, RandomIds::random128);
    }

    /** @param seeds what tickets are derived from; 128 bits from a CSPRNG in production */
    LoginMachine(LoginSettings settings, Function<String, String> secretOfApp, Supplier<String> seeds) {
        this.settings = settings;
        this.secretOfApp = secretOfApp;
        this.seeds = seeds;
    }

    /** @param numbers the session's number match, or null when its app has none */
    public LoginSession create(String key, String appkey, PcClient client, NumberMatch numbers, long now) {
        return LoginSession.waiting(key, appkey, client, now + settings.loginTtl().toMillis(), numbers);
    }

    /**
     * A phone's action.
     *
     * @param match the number a confirm carried, or null; ignored where the session has no match
     */
    public Step act(LoginSession s, LoginAction action, String match, LoginUser by, long now) {
        if (s.overdue(now)) {
            return new Step(end(s, LoginStatus.EXPIRED, now), ErrorWord.GONE, "this login session has expired");
        }
        if (!s.status().live()) {
            return Step.refuse(ErrorWord.GONE, "this login session is " + s.status().wire());
        }
        boolean claimed = s.status() == LoginStatus.SCANNED;
        if (claimed && !s.user().id().equals(by.id())) {
            return Step.refuse(ErrorWord.LOCKED, "another user scanned this code first");
        }
        switch (action) {
            case SCAN:
                return claimed ? Step.stay()
                        : Step.write(s.scanned(by, now, now + settings.confirmTtl().toMillis()));
            case CONFIRM:
                if (!claimed) {
                    return Step.refuse(ErrorWord.BAD_STATE, "scan the code before confirming");
                }
                if (s.numbers() != null && !s.numbers().accepts(match)) {
                    return new Step(end(s, LoginStatus.CANCELLED, LoginEvents.MISMATCH, now), ErrorWord.MISMATCH,
                            "the number picked is not the one shown beside the code; the login is cancelled");
                }
                return Step.write(confirmed(s, now));
            case CANCEL:
                return claimed ? Step.write(end(s, LoginStatus.CANCELLED, now))
                        : Step.refuse(ErrorWord.BAD_STATE, "scan the code before cancelling");
            default:
                throw new IllegalArgumentException("unknown action " + action);
        }
    }

    /** The session's timer fired: a live session past its time expires. */
    public Step timeUp(LoginSession s, long now) {
        return s.overdue(now) ? Step.write(end(s, LoginStatus.EXPIRED, now)) : Step.stay();
    }

    /** The PC asked (DELETE) or vanished past pcGrace: a live session is revoked; a final one stays. */
    public Step revoke(LoginSession s, long now) {
        if (s.overdue(now)) {
            return Step.write(end(s, LoginStatus.EXPIRED, now));
        }
        return s.status().live() ? Step.write(end(s, LoginStatus.REVOKED, now)) : Step.stay();
    }

    /** The app's backend redeems a ticket; every failure is {@code gone} and says no more. */
    public Step redeem(LoginSession s, String ticket, long now) {
        if (!s.ticketUsable(now) || !Tickets.matches(ticket, s.ticketHash())) {
            return Step.refuse(ErrorWord.GONE, "unknown, used or expired ticket");
        }
        return Step.write(s.redeemed());
    }

    /** The key a ticket was minted for, or null: tickets are {@code <key>.<128 bits>}. */
    public static String keyOfTicket(String ticket) {
        int dot = ticket == null ? -1 : ticket.indexOf('.');
        return dot <= 0 ? null : ticket.substring(0, dot);
    }

    private LoginSession confirmed(LoginSession s, long now) {
        String seed = seeds.get();
        String ticket = Tickets.derive(secretOfApp.apply(s.appkey()), s.key(), seed);
        return s.confirmed(seed, Tickets.hash(ticket), now, now + settings.ticketTtl().toMillis());
    }

    /**
     * A final session is kept for {@code ticketTtl} so that late phones get {@code gone} rather
     * than {@code not_found} and a reconnecting PC still learns how it ended; then it is freed.
     */
    private LoginSession end(LoginSession s, LoginStatus end, long now) {
        return end(s, end, null, now);
    }

    /** @param reason why, where the status alone does not say; null otherwise */
    private LoginSession end(LoginSession s, LoginStatus end, String reason, long now) {
        return s.ended(end, now + settings.ticketTtl().toMillis(), reason);
    }
}
