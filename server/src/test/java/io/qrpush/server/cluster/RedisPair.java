package io.qrpush.server.cluster;

/** A fresh redis-server and two nodes' connections to it, for the ITs of the Redis stores. */
final class RedisPair implements AutoCloseable {
    final RedisProcess redis;
    final RedisConnector a;
    final RedisConnector b;

    private RedisPair(RedisProcess redis, RedisConnector a, RedisConnector b) {
        this.redis = redis;
        this.a = a;
        this.b = b;
    }

    static RedisPair start() throws java.io.IOException {
        RedisProcess redis = RedisProcess.start();
        return new RedisPair(redis, RedisConnector.connect(redis.uri()), RedisConnector.connect(redis.uri()));
    }

    @Override
    public void close() throws InterruptedException {
        a.close();
        b.close();
        redis.close();
    }
}
