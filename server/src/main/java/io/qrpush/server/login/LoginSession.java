package io.qrpush.server.login;

import io.qrpush.protocol.Channels;

/**
 * One login session as stored: immutable, so a store can replace it by compare-and-set on
 * {@link #version}, which every transition raises by one.
 *
 * @param until       for a live session the instant (ms) it expires; for a final one the instant it
 *                    is freed, which for a confirmed session is also when its ticket stops working
 * @param user        who claimed it with the first scan; null while waiting
 * @param scannedAt   ms, 0 before the scan
 * @param confirmedAt ms, 0 before the confirm
 * @param client      where the PC is; null once the session is final or its ticket redeemed, when
 *                    nothing reads it any more
 * @param ticketSeed  the random seed the one-time ticket is derived from on confirm ({@link Tickets});
 *                    null before, and again once redeemed or ended
 * @param ticketHash  the ticket's SHA-256, what a redemption is checked against; null with the seed
 * @param numbers     the number the PC shows and the phone's choices, on apps with number matching;
 *                    null otherwise, and once the session is final
 * @param reason      why a final session ended when its status alone does not say
 *                    ({@code mismatch}); null otherwise
 *
 * <p>A final session is kept for a while (see {@link LoginMachine}), at a thousand logins a second
 * tens of thousands of them: what it no longer needs is dropped, since each object it keeps is
 * copied by every young collection until it is freed.
 */
public record LoginSession(String key, String appkey, LoginStatus status, long version, PcClient client,
                           LoginUser user, long until, long scannedAt, long confirmedAt, String ticketSeed,
                           String ticketHash, boolean ticketRedeemed, NumberMatch numbers, String reason) {

    /** A fresh session waiting for its scan until {@code until}; {@code numbers} null without number matching. */
    public static LoginSession waiting(String key, String appkey, PcClient client, long until, NumberMatch numbers) {
        return new LoginSession(key, appkey, LoginStatus.WAITING, 1, client, null, until, 0, 0, null, null, false,
                numbers, null);
    }

    /** A fresh session of an app without number matching. */
    public static LoginSession waiting(String key, String appkey, PcClient client, long until) {
        return waiting(key, appkey, client, until, null);
    }

    /** The login channel this session's PC watches. */
    public String channel() {
        return Channels.LOGIN_PREFIX + key;
    }

    /** Live, but its time is up: it counts as expired even before its timer fires. */
    public boolean overdue(long now) {
        return status.live() && now >= until;
    }

    /** Final and past its retention: the store may forget it. */
    public boolean freeable(long now) {
        return !status.live() && now >= until;
    }

    /** A ticket the PC may still hand to its backend. */
    public boolean ticketUsable(long now) {
        return status == LoginStatus.CONFIRMED && ticketHash != null && !ticketRedeemed && now < until;
    }

    LoginSession scanned(LoginUser by, long now, long confirmBy) {
        return new LoginSession(key, appkey, LoginStatus.SCANNED, version + 1, client, by, confirmBy, now, 0, null,
                null, false, numbers, null);
    }

    LoginSession confirmed(String seed, String hash, long now, long ticketUntil) {
        return new LoginSession(key, appkey, LoginStatus.CONFIRMED, version + 1, client, user, ticketUntil, scannedAt,
                now, seed, hash, false, null, null);
    }

    LoginSession ended(LoginStatus end, long freeAt, String why) {
        return new LoginSession(key, appkey, end, version + 1, null, user, freeAt, scannedAt, confirmedAt, null,
                null, false, null, why);
    }

    LoginSession redeemed() {
        return new LoginSession(key, appkey, status, version + 1, null, user, until, scannedAt, confirmedAt, null,
                null, true, null, reason);
    }

    /** Leaves the ticket's seed and hash out: records print in test failures and, by mistake, in logs. */
    @Override
    public String toString() {
        return "LoginSession[" + appkey + ", " + status.wire() + ", v" + version + ", until=" + until + ", user="
                + (user == null ? null : user.id()) + ", ticketRedeemed=" + ticketRedeemed + "]";
    }
}
