package io.qrpush.server.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.ScriptOutputType;
import io.qrpush.server.login.LoginSession;
import io.qrpush.server.login.LoginStore;
import io.qrpush.server.login.ScanCount;
import java.util.concurrent.CompletableFuture;

/**
 * Login sessions in Redis, shared by every node: a hash {@code {v: version, d: session JSON}} per
 * key. Create, compare-and-set and remove are each one Lua script, so a transition is atomic
 * across nodes (first scanner wins, a ticket is redeemed once) and costs one round trip. Keys
 * expire shortly after the session's own {@code until}, so Redis frees sessions even when the
 * node whose timer would have done it died. Users' scans are counted beside them
 * ({@link RedisScanLog}).
 */
public final class RedisLoginStore implements LoginStore {
    /** Kept past {@code until} so the owning node's timer acts first and Redis only backs it up. */
    static final long EXPIRY_MARGIN_MILLIS = 10_000;
    private static final String PREFIX = "qrpush:login:";

    private static final String CREATE = """
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('HSET', KEYS[1], 'v', ARGV[1], 'd', ARGV[2])
            redis.call('PEXPIREAT', KEYS[1], ARGV[3])
            return 1""";
    private static final String COMPARE_AND_SET = """
            if redis.call('HGET', KEYS[1], 'v') ~= ARGV[1] then return 0 end
            redis.call('HSET', KEYS[1], 'v', ARGV[2], 'd', ARGV[3])
            redis.call('PEXPIREAT', KEYS[1], ARGV[4])
            return 1""";
    private static final String REMOVE = """
            if redis.call('HGET', KEYS[1], 'v') ~= ARGV[1] then return 0 end
            redis.call('DEL', KEYS[1])
            return 1""";

    private final RedisConnector redis;
    private final ObjectMapper mapper;
    private final RedisScanLog scans;

    public RedisLoginStore(RedisConnector redis, ObjectMapper mapper) {
        this.redis = redis;
        this.mapper = mapper;
        this.scans = new RedisScanLog(redis);
    }

    @Override
    public CompletableFuture<Void> create(LoginSession s) {
        return script(CREATE, s.key(), Long.toString(s.version()), json(s), expireAt(s)).thenApply(created -> {
            if (!created) {
                throw new IllegalStateException("login key clash");
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<LoginSession> find(String key) {
        return RedisFutures.unavailableOnFailure(redis.commands().hget(PREFIX + key, "d")).thenApply(this::session);
    }

    @Override
    public CompletableFuture<Boolean> compareAndSet(LoginSession expected, LoginSession next) {
        if (!expected.key().equals(next.key())) {
            throw new IllegalArgumentException("a session keeps its key");
        }
        return script(COMPARE_AND_SET, expected.key(), Long.toString(expected.version()),
                Long.toString(next.version()), json(next), expireAt(next));
    }

    @Override
    public CompletableFuture<Boolean> remove(LoginSession expected) {
        return script(REMOVE, expected.key(), Long.toString(expected.version()));
    }

    @Override
    public CompletableFuture<ScanCount> countScan(String appkey, String userId, long now, int perMinute) {
        return scans.count(appkey, userId, now, perMinute);
    }

    /** Redis alone could count them (SCAN), but not cheaply: the gauge shows -1 in a cluster. */
    @Override
    public long size() {
        return -1;
    }

    private CompletableFuture<Boolean> script(String lua, String key, String... args) {
        return RedisFutures.unavailableOnFailure(redis.commands()
                .<Long>eval(lua, ScriptOutputType.INTEGER, new String[] {PREFIX + key}, args))
                .thenApply(n -> n == 1L);
    }

    private static String expireAt(LoginSession s) {
        return Long.toString(s.until() + EXPIRY_MARGIN_MILLIS);
    }

    private String json(LoginSession s) {
        try {
            return mapper.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a login session always serialises", e);
        }
    }

    private LoginSession session(String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, LoginSession.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable login session in Redis", e);
        }
    }
}
