package io.qrpush.server.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the two Redis connections a node needs, commands and pub/sub, for a standalone server
 * ({@code redis://}, {@code rediss://}), Sentinel ({@code redis-sentinel://...#master}) or a
 * Redis Cluster (a comma-separated list of {@code redis://} seed nodes).
 *
 * <p>Commands fail fast while Redis is unreachable instead of queueing: the node answers 503 and
 * never acts on a state it could not check (fail closed). Lettuce reconnects by itself and
 * subscribes the pub/sub connection's channels again.
 */
public final class RedisConnector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisConnector.class);
    /** A command without an answer within this time fails, so no request waits on Redis for long. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

    private final AtomicBoolean closing;
    private final AutoCloseable client;
    private final StatefulConnection<String, String> commandConnection;
    private final RedisClusterAsyncCommands<String, String> commands;
    private final StatefulRedisPubSubConnection<String, String> pubsub;

    private RedisConnector(AtomicBoolean closing, AutoCloseable client, StatefulConnection<String, String> commandConnection,
                           RedisClusterAsyncCommands<String, String> commands,
                           StatefulRedisPubSubConnection<String, String> pubsub) {
        this.closing = closing;
        this.client = client;
        this.commandConnection = commandConnection;
        this.commands = commands;
        this.pubsub = pubsub;
    }

    /** Connects to {@code spec}; throws when Redis cannot be reached at start-up. */
    public static RedisConnector connect(String spec) {
        AtomicBoolean closing = new AtomicBoolean();
        // Lettuce's default backoff grows to 30 s; a node should be back within ~2 s of Redis.
        ClientResources resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS))
                .build();
        ClientOptions options = ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build();
        if (spec.contains(",")) {
            List<RedisURI> seeds = new ArrayList<>();
            for (String part : spec.split(",")) {
                seeds.add(RedisURI.create(part.trim()));
            }
            RedisClusterClient client = RedisClusterClient.create(resources, seeds);
            client.setOptions(ClusterClientOptions.builder(options).build());
            var connection = client.connect();
            return open(client, spec, closing, resources, connection, connection.async(), client.connectPubSub());
        }
        RedisClient client = RedisClient.create(resources, RedisURI.create(spec));
        client.setOptions(options);
        var connection = client.connect();
        return open(client, spec, closing, resources, connection, connection.async(), client.connectPubSub());
    }

    private static RedisConnector open(io.lettuce.core.AbstractRedisClient client, String spec, AtomicBoolean closing,
                                       ClientResources resources, StatefulConnection<String, String> connection,
                                       RedisClusterAsyncCommands<String, String> commands,
                                       StatefulRedisPubSubConnection<String, String> pubsub) {
        logStateChanges(client, spec, closing);
        return new RedisConnector(closing, () -> {
            client.shutdown();
            resources.shutdown();
        }, connection, commands, pubsub);
    }

    /**
     * Logs each loss and return of Redis once, instead of Lettuce's line per reconnect attempt
     * (its watchdog is set to ERROR in logback.xml).
     */
    private static void logStateChanges(io.lettuce.core.AbstractRedisClient client, String spec,
                                        AtomicBoolean closing) {
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(io.lettuce.core.RedisChannelHandler<?, ?> connection) {
                if (!closing.get()) {
                    LOG.warn("lost a Redis connection to {}: answering 503 until it is back", redactedSpec(spec));
                }
            }

            @Override
            public void onRedisConnected(io.lettuce.core.RedisChannelHandler<?, ?> connection, java.net.SocketAddress address) {
                LOG.info("connected to Redis at {}", address);
            }
        });
    }

    /** The URI without a password, for logs. */
    static String redactedSpec(String spec) {
        return spec.replaceAll("//[^@/]*@", "//***@");
    }

    public RedisClusterAsyncCommands<String, String> commands() {
        return commands;
    }

    public StatefulRedisPubSubConnection<String, String> pubsub() {
        return pubsub;
    }

    /** Both connections are up. */
    public boolean isOpen() {
        return commandConnection.isOpen() && pubsub.isOpen();
    }

    @Override
    public void close() {
        closing.set(true);
        try {
            pubsub.close();
            commandConnection.close();
            client.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing Redis connections failed", e);
        }
    }
}
