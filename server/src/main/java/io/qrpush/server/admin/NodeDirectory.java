package io.qrpush.server.admin;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The nodes of the cluster as the admin page lists them: each node publishes a small status of its
 * own every second, and a status not renewed within {@link #STALE_AFTER} is gone. One node alone
 * (the memory broker) lists itself; on Redis every node sees every other.
 */
public interface NodeDirectory {
    /** A node that missed this many beats is no longer listed: it stopped, or cannot reach Redis. */
    Duration STALE_AFTER = Duration.ofSeconds(5);
    /** The most nodes one listing returns, whatever is stored. */
    int MAX_NODES = 64;

    /** Publishes this node's status, a small JSON object; never blocks, a failure is only logged. */
    void beat(String nodeId, String statusJson);

    /** The statuses of the live nodes, at most {@link #MAX_NODES}. */
    CompletableFuture<List<String>> statuses();
}
