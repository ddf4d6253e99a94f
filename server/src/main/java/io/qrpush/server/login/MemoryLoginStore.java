package io.qrpush.server.login;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Login sessions of one node in a {@link ConcurrentHashMap}; each compare-and-set runs inside
 * {@code compute} for its key, so concurrent transitions of one session are serialised without
 * a lock shared between sessions.
 */
public final class MemoryLoginStore implements LoginStore {
    private static final CompletableFuture<Boolean> TRUE = CompletableFuture.completedFuture(true);
    private static final CompletableFuture<Boolean> FALSE = CompletableFuture.completedFuture(false);

    private final ConcurrentHashMap<String, LoginSession> sessions = new ConcurrentHashMap<>();

    @Override
    public CompletableFuture<Void> create(LoginSession session) {
        if (sessions.putIfAbsent(session.key(), session) != null) {
            return CompletableFuture.failedFuture(new IllegalStateException("login key clash"));
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<LoginSession> find(String key) {
        return CompletableFuture.completedFuture(sessions.get(key));
    }

    @Override
    public CompletableFuture<Boolean> compareAndSet(LoginSession expected, LoginSession next) {
        if (!expected.key().equals(next.key())) {
            throw new IllegalArgumentException("a session keeps its key");
        }
        boolean[] replaced = {false};
        sessions.computeIfPresent(expected.key(), (k, current) -> {
            if (current.version() != expected.version()) {
                return current;
            }
            replaced[0] = true;
            return next;
        });
        return replaced[0] ? TRUE : FALSE;
    }

    @Override
    public CompletableFuture<Boolean> remove(LoginSession expected) {
        boolean[] removed = {false};
        sessions.computeIfPresent(expected.key(), (k, current) -> {
            if (current.version() != expected.version()) {
                return current;
            }
            removed[0] = true;
            return null;
        });
        return removed[0] ? TRUE : FALSE;
    }

    @Override
    public long size() {
        return sessions.size();
    }
}
