package io.qrpush.server.cluster;

/**
 * The Lua scripts of {@link RedisPresence}.
 *
 * <p>Channel scripts work on the keys of one channel (one hash tag, so one Redis Cluster slot):
 * {@code KEYS[1]} hash sid → entry JSON {@code {"s","u","n"?}}; {@code KEYS[2]} hash userId →
 * that user's connections on the channel; {@code KEYS[3]} the set of sids one node holds there.
 *
 * <p>Which nodes are alive is {@link NodeLiveness}'s.
 */
final class PresenceScripts {
    private PresenceScripts() {
    }

    /**
     * Adds an entry. ARGV: 1 sid, 2 userId, 3 entry JSON. Returns 1 when this was the user's
     * first connection on the channel (a join), else 0.
     */
    static final RedisScript ADD = new RedisScript("""
            if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[3]) == 0 then return 0 end
            redis.call('SADD', KEYS[3], ARGV[1])
            if redis.call('HINCRBY', KEYS[2], ARGV[2], 1) == 1 then return 1 end
            return 0""");

    /**
     * Removes the given sids of one node (one on unsubscribe, all of a dead node's when
     * {@code ARGV} is empty). Returns the entry JSON of each user whose last connection on the
     * channel this removed (their leaves).
     */
    static final RedisScript REMOVE = new RedisScript("""
            local sids = ARGV
            if #sids == 0 then sids = redis.call('SMEMBERS', KEYS[3]) end
            local left = {}
            for _, sid in ipairs(sids) do
              local entry = redis.call('HGET', KEYS[1], sid)
              if entry then
                redis.call('HDEL', KEYS[1], sid)
                redis.call('SREM', KEYS[3], sid)
                local user = cjson.decode(entry)['u']
                if redis.call('HINCRBY', KEYS[2], user, -1) <= 0 then
                  redis.call('HDEL', KEYS[2], user)
                  table.insert(left, entry)
                end
              end
            end
            return left""");

    /**
     * Reads a channel at one instant. ARGV: 1 {@code all} or {@code counts}. Returns
     * {@code {clients, users, entry JSON...}}, the entries only for {@code all}.
     */
    static final RedisScript READ = new RedisScript("""
            local out = {redis.call('HLEN', KEYS[1]), redis.call('HLEN', KEYS[2])}
            if ARGV[1] == 'all' then
              for _, entry in ipairs(redis.call('HVALS', KEYS[1])) do table.insert(out, entry) end
            end
            return out""");
}
