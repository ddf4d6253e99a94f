package io.qrpush.server.admin;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The directory of a node alone: it lists only its own last status. */
public final class LocalNodeDirectory implements NodeDirectory {
    private volatile String status;

    @Override
    public void beat(String nodeId, String statusJson) {
        status = statusJson;
    }

    @Override
    public CompletableFuture<List<String>> statuses() {
        String s = status;
        return CompletableFuture.completedFuture(s == null ? List.of() : List.of(s));
    }
}
