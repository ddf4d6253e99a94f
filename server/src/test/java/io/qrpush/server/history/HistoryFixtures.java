package io.qrpush.server.history;

import io.qrpush.protocol.RawJson;
import io.qrpush.server.config.NamespaceSettings;
import io.qrpush.server.core.ChannelKey;
import io.qrpush.server.core.Publication;
import java.time.Duration;

/** Publications and namespace settings for the history tests. */
final class HistoryFixtures {
    static final ChannelKey NEWS = new ChannelKey("app", "news:1");

    private HistoryFixtures() {
    }

    static NamespaceSettings keeping(int size, Duration ttl) {
        return new NamespaceSettings("news", size, ttl, false, false);
    }

    /** A publication whose content is {@code n}, so tests can tell them apart. */
    static Publication pub(ChannelKey channel, int n) {
        return new Publication(channel, "g" + n, "u1", 1_000L + n, RawJson.parse(Integer.toString(n)), null);
    }

    static HistoryEntry entry(long offset) {
        return new HistoryEntry(offset, pub(NEWS, (int) offset));
    }
}
