package io.qrpush.server.login;

import io.qrpush.protocol.ErrorWord;
import io.qrpush.server.config.AppConfig;
import io.qrpush.server.config.QrpushConfig;
import io.qrpush.server.http.HttpAnswer;
import io.qrpush.server.http.HttpCall;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * What one client address may spend on the public login calls (docs/security.md, "Client
 * addresses and login budgets"): session creations, look-ups of keys that do not exist, and
 * failed ticket redemptions, each a {@link AddressBudget} of its {@code login.*PerMinute}, keyed by
 * the address {@link ClientIpResolver} finds. Creations are taken up front, once the app and the
 * Origin were accepted; look-ups and redemptions are charged only when they fail, so a page or a
 * backend that only asks for what exists never meets its budget.
 */
public final class LoginBudgets {
    private final ClientIpResolver ips;
    private final AddressBudget creations;
    private final AddressBudget unknownKeys;
    private final AddressBudget failedRedeems;

    public LoginBudgets(QrpushConfig config, LongSupplier nanoClock) {
        this.ips = ClientIpResolver.of(config.server());
        this.creations = new AddressBudget(config.login().createPerMinute(), nanoClock);
        this.unknownKeys = new AddressBudget(config.login().unknownKeysPerMinute(), nanoClock);
        this.failedRedeems = new AddressBudget(config.login().failedRedeemsPerMinute(), nanoClock);
    }

    public String clientIp(HttpCall call) {
        return ips.clientIp(call);
    }

    /** Takes one creation; 0 when allowed, else the seconds to wait. */
    long takeCreation(String ip) {
        return creations.tryAcquire(ip);
    }

    /** The 429 for an address that looked up too many unknown keys, or null when it may look. */
    HttpAnswer unknownKeysRefusal(String ip) {
        long wait = unknownKeys.waitFor(ip);
        return wait == 0 ? null : rateLimited("too many unknown login sessions asked for from this address", wait);
    }

    /** The address asked for a key that does not exist. */
    void unknownKey(String ip) {
        unknownKeys.tryAcquire(ip);
    }

    /** The 429 for an address that failed too many redemptions, or null when it may try. */
    public HttpAnswer failedRedeemsRefusal(String ip) {
        long wait = failedRedeems.waitFor(ip);
        return wait == 0 ? null : rateLimited("too many failed ticket redemptions from this address", wait);
    }

    /** Redeems the ticket, charging the address when it fails. */
    public CompletableFuture<LoginSession> redeem(LoginService login, AppConfig app, String ticket, String ip) {
        return login.redeem(app, ticket).whenComplete((s, err) -> {
            if (err != null) {
                failedRedeems.tryAcquire(ip);
            }
        });
    }

    /** Forgets the addresses whose budgets are full again. */
    public void sweep() {
        creations.sweep();
        unknownKeys.sweep();
        failedRedeems.sweep();
    }

    /** 429 {@code rate_limited} with {@code Retry-After}. */
    static HttpAnswer rateLimited(String message, long retryAfterSeconds) {
        return HttpAnswer.error(ErrorWord.RATE_LIMITED.code(), ErrorWord.RATE_LIMITED.word(), message)
                .withHeader("Retry-After", Long.toString(retryAfterSeconds));
    }
}
