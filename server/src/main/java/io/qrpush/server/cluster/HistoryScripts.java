package io.qrpush.server.cluster;

/**
 * The Lua scripts of {@link RedisHistory}. Each touches only the two keys of one channel, which
 * share a hash tag, so a script stays in one slot of a Redis Cluster.
 *
 * <p>Keys: {@code KEYS[1]} the stream, whose entry ids are {@code <offset>-0} and whose field
 * {@code d} is the publication as {@link ClusterMessages} writes it; {@code KEYS[2]} a hash with
 * {@code e} (the epoch) and {@code o} (the latest offset). A missing hash means offsets restart:
 * a new epoch is stored (the one the caller passed) and any stream left beside it is deleted.
 */
final class HistoryScripts {
    private HistoryScripts() {
    }

    /**
     * Appends and publishes, atomically, so offsets are handed out in the order Redis publishes
     * them to every node. ARGV: 1 the publication JSON (an object), 2 historySize (exact MAXLEN),
     * 3 historyTtl in ms, 4 an epoch to start with when the hash is missing, 5 the pub/sub channel,
     * 6 {@code PUBLISH} or {@code SPUBLISH} (a shard channel, in the slot of the keys).
     * Publishes the JSON with {@code "o":offset,"e":"epoch"} put first inside the object (spliced,
     * not re-encoded, so numbers in the content keep every digit). Returns {@code {offset, epoch}}.
     */
    static final RedisScript APPEND = new RedisScript("""
            local epoch = redis.call('HGET', KEYS[2], 'e')
            if not epoch then
              epoch = ARGV[4]
              redis.call('DEL', KEYS[1])
              redis.call('HSET', KEYS[2], 'e', epoch)
            end
            local offset = redis.call('HINCRBY', KEYS[2], 'o', 1)
            redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[2], offset .. '-0', 'd', ARGV[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            redis.call('PEXPIRE', KEYS[2], ARGV[3])
            redis.call(ARGV[6], ARGV[5], '{"o":' .. offset .. ',"e":"' .. epoch .. '",' .. string.sub(ARGV[1], 2))
            return {offset, epoch}""");

    /**
     * The position and a range of entries, read at one instant. ARGV: 1 an epoch to start with
     * when the hash is missing, 2 historyTtl in ms (the ttl of a hash made here), 3 {@code fwd},
     * {@code rev} or {@code none}, 4 the first id, 5 the last id (inclusive; {@code +} for the
     * end), 6 the count. Returns {@code {offset, epoch, entries}}, entries as XRANGE gives them,
     * newest first for {@code rev}.
     */
    static final RedisScript READ = new RedisScript("""
            local epoch = redis.call('HGET', KEYS[2], 'e')
            if not epoch then
              epoch = ARGV[1]
              redis.call('DEL', KEYS[1])
              redis.call('HSET', KEYS[2], 'e', epoch, 'o', 0)
              redis.call('PEXPIRE', KEYS[2], ARGV[2])
            end
            local offset = tonumber(redis.call('HGET', KEYS[2], 'o') or '0')
            local entries = {}
            if ARGV[3] == 'fwd' then
              entries = redis.call('XRANGE', KEYS[1], ARGV[4], ARGV[5], 'COUNT', ARGV[6])
            elseif ARGV[3] == 'rev' then
              entries = redis.call('XREVRANGE', KEYS[1], ARGV[5], ARGV[4], 'COUNT', ARGV[6])
            end
            return {offset, epoch, entries}""");
}
