package io.qrpush.loadtest.hostile;

import java.util.Map;

/**
 * What became of one kind of attack socket, as the attacking process saw it.
 *
 * @param heldAtOnce     sockets of this kind it kept open at once (its slots)
 * @param opened         connections established (re-opened ones count again)
 * @param connectFailed  connects that failed, by cause ({@code connect:refused}, {@code connect:timeout}, ...;
 *                       {@code connect:still_pending_at_end}: not completed by the server when the attack let go)
 * @param endedByServer  established sockets the server ended (FIN or RST) before the attack let go
 * @param endedAtOnce    of those, ended within {@link AttackTally#AT_ONCE_MILLIS} ms of connecting: refused at
 *                       admission (or answered an error straight away)
 * @param cut            of those, ended later: cut by one of the server's timeouts
 * @param reset          of those, ended with a TCP reset rather than a FIN
 * @param answers        HTTP answers the server sent on them before ending them, by status
 * @param heldToEnd      sockets still open when the attack ended (the attacker closed them)
 * @param cutAfterP50Ms  median time from connect until the server cut a socket ({@code cut} only), ms
 * @param cutAfterMaxMs  the longest of those, ms
 * @param bytesSent      bytes the attack wrote on sockets of this kind
 */
public record KindResult(long heldAtOnce, long opened, Map<String, Long> connectFailed, long endedByServer,
                         long endedAtOnce, long cut, long reset, Map<String, Long> answers, long heldToEnd,
                         double cutAfterP50Ms, double cutAfterMaxMs, long bytesSent) {
    /** Connects that failed, every cause together. */
    public long connectFailures() {
        return connectFailed.values().stream().mapToLong(Long::longValue).sum();
    }
}
