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
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.qrpush.server.config.BrokerSettings;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the two Redis connections a node needs, commands and pub/sub, for a standalone server
 * ({@code redis://}, {@code rediss://}), Sentinel ({@code redis-sentinel://...#master}) or a
 * Redis Cluster (a comma-separated list of {@code redis://} seed nodes). The form of the URI
 * chooses the pub/sub: classic channels, one per qrpush channel, on a standalone server or
 * Sentinel; shard channels, one per partition, on a Redis Cluster ({@link Partitions}).
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
    private final PubSubLink pubsub;
    private final ChannelLayout layout;

    private RedisConnector(AtomicBoolean closing, AutoCloseable client, StatefulConnection<String, String> commandConnection,
                           RedisClusterAsyncCommands<String, String> commands, PubSubLink pubsub, ChannelLayout layout) {
        this.closing = closing;
        this.client = client;
        this.commandConnection = commandConnection;
        this.commands = commands;
        this.pubsub = pubsub;
        this.layout = layout;
    }

    /** Connects to {@code spec}, with the default number of partitions on a Redis Cluster. */
    public static RedisConnector connect(String spec) {
        return connect(spec, BrokerSettings.DEFAULT_PARTITIONS);
    }

    /**
     * Connects to {@code spec}; throws when Redis cannot be reached at start-up, when a seed list
     * does not lead to a Redis Cluster, or when the cluster's Redis is older than 7.0.
     */
    public static RedisConnector connect(String spec, int partitions) {
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
        AutoCloseable shutdown = () -> resources.shutdown();
        try {
            if (spec.contains(",")) {
                RedisClusterClient client = ClusterConnect.client(resources, spec, options);
                shutdown = () -> {
                    client.shutdown();
                    resources.shutdown();
                };
                var connection = ClusterConnect.connect(client, spec);
                ClusterConnect.requireShardedPubSub(connection);
                Partitions layout = new Partitions(partitions);
                PubSubLink link = new ShardedPubSub(client.connectPubSub(), connection.async(), layout,
                        resources.eventExecutorGroup());
                return open(client, spec, closing, shutdown, connection, connection.async(), link, layout);
            }
            RedisClient client = RedisClient.create(resources, RedisURI.create(spec));
            shutdown = () -> {
                client.shutdown();
                resources.shutdown();
            };
            client.setOptions(options);
            var connection = client.connect();
            return open(client, spec, closing, shutdown, connection, connection.async(),
                    new ClassicPubSub(client.connectPubSub(), connection.async()), ChannelLayout.PER_CHANNEL);
        } catch (RuntimeException e) {
            closeQuietly(shutdown, e);
            throw e;
        }
    }

    private static void closeQuietly(AutoCloseable shutdown, RuntimeException failure) {
        try {
            shutdown.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    private static RedisConnector open(io.lettuce.core.AbstractRedisClient client, String spec, AtomicBoolean closing,
                                       AutoCloseable shutdown, StatefulConnection<String, String> connection,
                                       RedisClusterAsyncCommands<String, String> commands, PubSubLink pubsub,
                                       ChannelLayout layout) {
        logStateChanges(client, spec, closing);
        return new RedisConnector(closing, shutdown, connection, commands, pubsub, layout);
    }

    /**
     * Logs each loss and return of Redis once, instead of Lettuce's line per reconnect attempt
     * (its watchdog is set to ERROR in logback.xml). Connections closed on purpose are not a
     * loss: on a Redis Cluster Lettuce opens and closes one to every node at each topology refresh.
     */
    private static void logStateChanges(io.lettuce.core.AbstractRedisClient client, String spec,
                                        AtomicBoolean closing) {
        AtomicBoolean down = new AtomicBoolean(true);
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(io.lettuce.core.RedisChannelHandler<?, ?> connection) {
                if (!closing.get() && !connection.isClosed() && down.compareAndSet(false, true)) {
                    LOG.warn("lost a Redis connection to {}: answering 503 until it is back", redactedSpec(spec));
                }
            }

            @Override
            public void onRedisConnected(io.lettuce.core.RedisChannelHandler<?, ?> connection, java.net.SocketAddress address) {
                if (down.compareAndSet(true, false)) {
                    LOG.info("connected to Redis at {}", address);
                }
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

    PubSubLink pubsub() {
        return pubsub;
    }

    /** Where channels live in this Redis: per channel, or in partitions on a Redis Cluster. */
    ChannelLayout layout() {
        return layout;
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
