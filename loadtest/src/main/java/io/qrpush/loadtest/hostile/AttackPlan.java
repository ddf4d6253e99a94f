package io.qrpush.loadtest.hostile;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the attacking process does: how many sockets of each kind it keeps open at once, from
 * which local addresses, for how long, and how fast it re-opens the sockets the server ends.
 *
 * @param sockets      sockets held at once, by kind (0: that attack is off)
 * @param bodyBytes    the Content-Length the half-sent bodies announce (all but the last byte is sent)
 * @param dripEvery    how often each slowloris socket sends its next byte
 * @param attackFor    how long the attack lasts; then every socket is closed and the process ends
 * @param reopenDelay  how long after the server ended a socket (or refused it) its slot opens a new
 *                     one; null: never re-open
 * @param concurrency  connects in flight at once
 */
public record AttackPlan(Map<AttackKind, Integer> sockets, int bodyBytes, Duration dripEvery, Duration attackFor,
                         Duration reopenDelay, List<InetAddress> addresses, int concurrency) {
    public AttackPlan {
        sockets = Map.copyOf(sockets);
        addresses = List.copyOf(addresses);
        if (sockets.values().stream().anyMatch(n -> n < 0)) {
            throw new IllegalArgumentException("socket counts cannot be negative");
        }
        if (bodyBytes < 2) {
            throw new IllegalArgumentException("--body-bytes must be at least 2");
        }
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("--attack-addresses needs at least one address");
        }
        for (InetAddress a : addresses) {
            // The attack is for one's own server on this machine: never anything but 127.0.0.0/8.
            if (!a.isLoopbackAddress() || a.getAddress().length != 4) {
                throw new IllegalArgumentException("attack address " + a.getHostAddress() + " is not in 127.0.0.0/8");
            }
        }
        if (dripEvery.isNegative() || dripEvery.isZero() || attackFor.isNegative() || attackFor.isZero()
                || concurrency < 1) {
            throw new IllegalArgumentException("--drip-every, --attack-for and the concurrency must be positive");
        }
    }

    /** Sockets held at once over every kind. */
    public int total() {
        return sockets.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int count(AttackKind kind) {
        return sockets.getOrDefault(kind, 0);
    }

    /** The options of the hidden {@code attack} command that describe this plan, for the child process. */
    public List<String> toArgs() {
        List<String> a = new ArrayList<>();
        a.add("--slowloris=" + count(AttackKind.SLOWLORIS));
        a.add("--half-bodies=" + count(AttackKind.HALF_BODY));
        a.add("--flood=" + count(AttackKind.FLOOD));
        a.add("--body-bytes=" + bodyBytes);
        a.add("--drip-every=" + dripEvery.toMillis() + "ms");
        a.add("--attack-for=" + attackFor.toMillis() + "ms");
        if (reopenDelay == null) {
            a.add("--no-reopen");
        } else {
            a.add("--reopen-delay=" + reopenDelay.toMillis() + "ms");
        }
        a.add("--attack-addresses=" + String.join(",", addresses.stream().map(InetAddress::getHostAddress).toList()));
        a.add("--attack-concurrency=" + concurrency);
        return a;
    }
}
