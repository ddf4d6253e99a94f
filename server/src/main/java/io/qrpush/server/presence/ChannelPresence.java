package io.qrpush.server.presence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** One channel's entries on a single node, with a connection count per user. */
final class ChannelPresence {
    private final Map<String, PresenceClient> bySid = new LinkedHashMap<>();
    private final Map<String, Integer> connectionsPerUser = new HashMap<>();

    /** True when this is the user's first connection here. */
    synchronized boolean add(PresenceClient c) {
        if (bySid.putIfAbsent(c.sid(), c) != null) {
            return false;
        }
        return connectionsPerUser.merge(c.userId(), 1, Integer::sum) == 1;
    }

    /** The removed entry when it was its user's last connection here, else null. */
    synchronized PresenceClient remove(String sid) {
        PresenceClient c = bySid.remove(sid);
        if (c == null) {
            return null;
        }
        Integer left = connectionsPerUser.merge(c.userId(), -1, (n, minus) -> n + minus == 0 ? null : n + minus);
        return left == null ? c : null;
    }

    synchronized boolean isEmpty() {
        return bySid.isEmpty();
    }

    synchronized Presence presence() {
        return new Presence(new ArrayList<>(bySid.values()), connectionsPerUser.size());
    }

    synchronized PresenceStats stats() {
        return new PresenceStats(bySid.size(), connectionsPerUser.size());
    }
}
