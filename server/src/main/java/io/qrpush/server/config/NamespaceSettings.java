package io.qrpush.server.config;

import java.time.Duration;

/**
 * What the channels of one namespace keep: history for recovery and presence (docs/protocol.md
 * sections 6 and 7). A namespace is the part of a channel name before its first {@code :};
 * {@code ""} names the channels without one.
 *
 * @param historySize publications kept per channel; 0 means no history (no offsets either)
 * @param historyTtl  a channel's history is dropped this long after its last publish
 * @param presence    whether the channel answers {@code presence} and {@code presence_stats}
 * @param joinLeave   whether subscribers get {@code join} and {@code leave}; needs presence
 */
public record NamespaceSettings(String name, int historySize, Duration historyTtl, boolean presence,
                                boolean joinLeave) {
    /** Publications one channel may keep at most; see docs/configuration.md for the memory it costs. */
    public static final int MAX_HISTORY_SIZE = 10_000;
    public static final Duration DEFAULT_HISTORY_TTL = Duration.ofSeconds(300);
    public static final Duration MIN_HISTORY_TTL = Duration.ofSeconds(1);
    public static final Duration MAX_HISTORY_TTL = Duration.ofHours(24);

    /** What a channel of an unconfigured namespace gets: no history, no presence. */
    public static NamespaceSettings plain(String name) {
        return new NamespaceSettings(name, 0, DEFAULT_HISTORY_TTL, false, false);
    }

    /** Whether the channels keep history, and so carry offsets and an epoch. */
    public boolean hasHistory() {
        return historySize > 0;
    }
}
