package io.qrpush.server.history;

import io.qrpush.protocol.Channels;
import io.qrpush.server.config.NamespaceSettings;
import io.qrpush.server.config.Namespaces;
import java.util.List;

/**
 * Which channels keep history. {@link #hasHistory} runs for every request and publication on
 * every channel, so it compares the namespace in place rather than cut it out of the name.
 */
final class HistoryNamespaces {
    private final Namespaces namespaces;
    private final String[] withHistory;

    HistoryNamespaces(Namespaces namespaces) {
        this.namespaces = namespaces;
        List<String> names = namespaces.all().stream().filter(NamespaceSettings::hasHistory)
                .map(NamespaceSettings::name).toList();
        this.withHistory = names.toArray(new String[0]);
    }

    /** Whether the channel's namespace keeps history; allocates nothing. */
    boolean hasHistory(String channel) {
        if (withHistory.length == 0 || Channels.isLogin(channel)) {
            return false;
        }
        int colon = channel.indexOf(':');
        int length = colon < 0 ? 0 : colon;
        for (String name : withHistory) {
            if (name.length() == length && channel.regionMatches(0, name, 0, length)) {
                return true;
            }
        }
        return false;
    }

    NamespaceSettings settings(String channel) {
        return namespaces.forChannel(channel);
    }
}
