package io.qrpush.loadtest.cli;

import io.qrpush.loadtest.hostile.AttackKind;
import io.qrpush.loadtest.hostile.AttackPlan;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options of the attack itself: {@code hostile} takes them and hands them to its attacking process. */
public final class AttackOptions {
    @Option(names = "--slowloris", defaultValue = "500",
            description = "Sockets held at once that send a request head a byte at a time and never finish it"
                    + " (default: ${DEFAULT-VALUE}).")
    int slowloris;

    @Option(names = "--half-bodies", defaultValue = "650",
            description = "Sockets held at once that POST /api/login/sessions announcing --body-bytes and send all"
                    + " of it but the last byte (default: ${DEFAULT-VALUE}).")
    int halfBodies;

    @Option(names = "--flood", defaultValue = "5000",
            description = "Idle sockets held at once that send nothing (default: ${DEFAULT-VALUE}).")
    int flood;

    @Option(names = "--body-bytes", defaultValue = "1000000",
            description = "The Content-Length the half-sent bodies announce (default: ${DEFAULT-VALUE}).")
    int bodyBytes;

    @Option(names = "--drip-every", defaultValue = "1s", converter = DurationConverter.class,
            description = "How often each slowloris socket sends its next byte (default: ${DEFAULT-VALUE}).")
    Duration dripEvery;

    @Option(names = "--attack-for", defaultValue = "15s", converter = DurationConverter.class,
            description = "How long the attack lasts; then it lets go of every socket (default: ${DEFAULT-VALUE}).")
    Duration attackFor;

    @Option(names = "--reopen-delay", defaultValue = "1s", converter = DurationConverter.class,
            description = "How long after the server ended (or refused) an attack socket its slot opens a new one,"
                    + " as an attacker would (default: ${DEFAULT-VALUE}).")
    Duration reopenDelay;

    @Option(names = "--no-reopen", description = "Never re-open an attack socket the server ended.")
    boolean noReopen;

    @Option(names = "--attack-addresses", split = ",", paramLabel = "ADDR",
            defaultValue = "127.0.0.2,127.0.0.3,127.0.0.4,127.0.0.5",
            description = "Local addresses in 127.0.0.0/8 the attack sockets are bound to in turn, none of them the"
                    + " legitimate clients' (default: ${DEFAULT-VALUE}).")
    List<String> addresses = new ArrayList<>();

    @Option(names = "--attack-concurrency", defaultValue = "256",
            description = "Attack connects in flight at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    /** The plan these options describe; IllegalArgumentException names what is wrong. */
    public AttackPlan plan() throws UnknownHostException {
        Map<AttackKind, Integer> sockets = new EnumMap<>(AttackKind.class);
        sockets.put(AttackKind.SLOWLORIS, slowloris);
        sockets.put(AttackKind.HALF_BODY, halfBodies);
        sockets.put(AttackKind.FLOOD, flood);
        List<InetAddress> addrs = new ArrayList<>();
        for (String a : addresses) {
            addrs.add(InetAddress.getByName(a.trim()));
        }
        return new AttackPlan(sockets, bodyBytes, dripEvery, attackFor, noReopen ? null : reopenDelay, addrs,
                concurrency);
    }
}
