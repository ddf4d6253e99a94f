package io.qrpush.server.login;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Login sessions of one node in a {@link ConcurrentHashMap}; each compare-and-set runs inside
 * {@code compute} for its key, so concurrent transitions of one session are serialised without
 * a lock shared between sessions.
 *
 * <p>A session that is over (final, with no ticket left to redeem) is kept as one byte array: its
 * version, then its JSON. It stays for {@code ticketTtl}, at a thousand logins a second tens of
 * thousands of them, and it is rarely read again; as objects (the session, its user, their
 * strings) each young garbage collection copied them one by one, which made the pauses long.
 */
public final class MemoryLoginStore implements LoginStore {
    private static final CompletableFuture<Boolean> TRUE = CompletableFuture.completedFuture(true);
    private static final CompletableFuture<Boolean> FALSE = CompletableFuture.completedFuture(false);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** A {@link LoginSession} while it can still change or hand out a ticket, else its encoding. */
    private final ConcurrentHashMap<String, Object> sessions = new ConcurrentHashMap<>();
    private final MemoryScanLog scans = new MemoryScanLog();

    @Override
    public CompletableFuture<Void> create(LoginSession session) {
        if (sessions.putIfAbsent(session.key(), stored(session)) != null) {
            return CompletableFuture.failedFuture(new IllegalStateException("login key clash"));
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<LoginSession> find(String key) {
        Object s = sessions.get(key);
        return CompletableFuture.completedFuture(s == null ? null : session(s));
    }

    @Override
    public CompletableFuture<Boolean> compareAndSet(LoginSession expected, LoginSession next) {
        if (!expected.key().equals(next.key())) {
            throw new IllegalArgumentException("a session keeps its key");
        }
        boolean[] replaced = {false};
        sessions.computeIfPresent(expected.key(), (k, current) -> {
            if (version(current) != expected.version()) {
                return current;
            }
            replaced[0] = true;
            return stored(next);
        });
        return replaced[0] ? TRUE : FALSE;
    }

    @Override
    public CompletableFuture<Boolean> remove(LoginSession expected) {
        boolean[] removed = {false};
        sessions.computeIfPresent(expected.key(), (k, current) -> {
            if (version(current) != expected.version()) {
                return current;
            }
            removed[0] = true;
            return null;
        });
        return removed[0] ? TRUE : FALSE;
    }

    @Override
    public CompletableFuture<ScanCount> countScan(String appkey, String userId, long now, int perMinute) {
        return CompletableFuture.completedFuture(scans.count(appkey, userId, now, perMinute));
    }

    @Override
    public long size() {
        return sessions.size();
    }

    /** Over: final, and no ticket waits to be redeemed. */
    private static boolean over(LoginSession s) {
        return !s.status().live() && s.ticketHash() == null;
    }

    private static Object stored(LoginSession s) {
        if (!over(s)) {
            return s;
        }
        try {
            byte[] json = JSON.writeValueAsBytes(s);
            return ByteBuffer.allocate(Long.BYTES + json.length).putLong(s.version()).put(json).array();
        } catch (IOException e) {
            throw new UncheckedIOException("a login session could not be encoded", e);
        }
    }

    private static LoginSession session(Object stored) {
        if (stored instanceof LoginSession s) {
            return s;
        }
        byte[] bytes = (byte[]) stored;
        try {
            return JSON.readValue(bytes, Long.BYTES, bytes.length - Long.BYTES, LoginSession.class);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored login session could not be read", e);
        }
    }

    private static long version(Object stored) {
        return stored instanceof LoginSession s ? s.version() : ByteBuffer.wrap((byte[]) stored).getLong();
    }
}
