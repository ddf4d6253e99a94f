package io.qrpush.server.it;

import io.lettuce.core.RedisClient;
import io.qrpush.server.cluster.RedisProcess;

/**
 * One redis-server for the whole cluster run of the ITs, emptied before each test's nodes start:
 * tests reuse guids and channel names, and a dedupe key left by one must not answer another.
 */
final class SharedRedis {
    private static RedisProcess redis;

    private SharedRedis() {
    }

    static synchronized String freshUri() {
        try {
            if (redis == null) {
                redis = RedisProcess.start();
                RedisProcess started = redis;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            RedisClient client = RedisClient.create(redis.uri());
            try (var connection = client.connect()) {
                connection.sync().flushall();
            } finally {
                client.shutdown();
            }
            return redis.uri();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot start redis-server (is it installed? ./test installs it)", e);
        }
    }
}
