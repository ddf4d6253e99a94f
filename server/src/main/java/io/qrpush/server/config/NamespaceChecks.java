package io.qrpush.server.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The start-up checks of {@code namespaces:}; each problem names its key path. */
final class NamespaceChecks {
    /** A channel's characters without {@code :}; empty names the channels without a namespace. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_\\-.@=]{0,64}");

    private NamespaceChecks() {
    }

    static void validate(Namespaces namespaces, List<String> p) {
        Set<String> seen = new HashSet<>();
        List<NamespaceSettings> all = namespaces.all();
        for (int i = 0; i < all.size(); i++) {
            validate(all.get(i), "namespaces[" + i + "]", seen, p);
        }
    }

    private static void validate(NamespaceSettings n, String path, Set<String> seen, List<String> p) {
        if (n.name() == null) {
            p.add(path + ".name: required (\"\" names the channels without a ':')");
        } else if ("login".equals(n.name())) {
            p.add(path + ".name: login: channels are not configurable (their state snapshot already recovers them)");
        } else if (!NAME.matcher(n.name()).matches()) {
            p.add(path + ".name: '" + n.name() + "' must be up to 64 of A-Z a-z 0-9 _ - . @ = (no ':')");
        } else if (!seen.add(n.name())) {
            p.add(path + ".name: '" + n.name() + "' is configured twice");
        }
        Duration ttl = n.historyTtl();
        if (ttl.compareTo(NamespaceSettings.MIN_HISTORY_TTL) < 0 || ttl.compareTo(NamespaceSettings.MAX_HISTORY_TTL) > 0) {
            p.add(path + ".historyTtl: must be from 1s to 24h, not " + ttl.toMillis() + "ms");
        }
        if (n.joinLeave() && !n.presence()) {
            p.add(path + ".joinLeave: needs presence: true (join and leave follow the presence entries)");
        }
    }
}
