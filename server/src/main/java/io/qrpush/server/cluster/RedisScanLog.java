package io.qrpush.server.cluster;

import io.lettuce.core.ScriptOutputType;
import io.qrpush.server.login.ScanCount;
import io.qrpush.server.login.ScanWindow;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Each user's scans in Redis, shared by every node: a hash per app and user of
 * {@link ScanWindow} step to scans in it, read, trimmed and counted by one script, so two scans
 * on two nodes at once cannot both slip under the budget. The key expires with the window, so an
 * idle user costs nothing after ten minutes.
 */
final class RedisScanLog {
    private static final String PREFIX = "qrpush:scans:";
    /**
     * KEYS[1] the user's hash; ARGV: the current step, the steps in the window, the steps in the
     * budget, the budget, the key's lifetime in ms. Answers {allowed 1|0, scans in the window}.
     */
    private static final RedisScript COUNT = new RedisScript("""
            local now = tonumber(ARGV[1])
            local fields = redis.call('HGETALL', KEYS[1])
            local recent, total = 0, 0
            for i = 1, #fields, 2 do
              local step, n = tonumber(fields[i]), tonumber(fields[i + 1])
              if step <= now - tonumber(ARGV[2]) then
                redis.call('HDEL', KEYS[1], fields[i])
              else
                total = total + n
                if step > now - tonumber(ARGV[3]) then recent = recent + n end
              end
            end
            if recent >= tonumber(ARGV[4]) then return {0, total} end
            redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            return {1, total + 1}""");

    private final RedisConnector redis;

    RedisScanLog(RedisConnector redis) {
        this.redis = redis;
    }

    CompletableFuture<ScanCount> count(String appkey, String userId, long now, int perMinute) {
        String key = PREFIX + appkey + ":" + userId;
        return COUNT.<List<Object>>run(redis.commands(), ScriptOutputType.MULTI, new String[] {key},
                Long.toString(ScanWindow.stepOf(now)), Integer.toString(ScanWindow.WINDOW_STEPS),
                Integer.toString(ScanWindow.BUDGET_STEPS), Integer.toString(perMinute),
                Long.toString(ScanWindow.WINDOW_MILLIS))
                .thenApply(r -> new ScanCount(((Long) r.get(0)) == 1L, ((Long) r.get(1)).intValue()));
    }
}
