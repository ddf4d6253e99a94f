package io.qrpush.server.it;

import io.qrpush.server.cluster.RedisProcess;
import io.qrpush.server.config.BrokerSettings;
import io.qrpush.server.config.QrpushConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the cluster ITs: one real redis-server for the class, three fresh nodes sharing it for
 * each test, and every client a test tracks closed after it.
 */
abstract class ThreeNodeCluster {
    static RedisProcess redis;
    final TestServer[] nodes = new TestServer[3];
    private final List<FrameClient> clients = new ArrayList<>();

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisProcess.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    @BeforeEach
    void startNodes() throws Exception {
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = TestServer.start(this::nodeConfig);
        }
    }

    @AfterEach
    void stopNodes() {
        clients.forEach(FrameClient::close);
        for (TestServer n : nodes) {
            if (n != null) {
                n.close();
            }
        }
    }

    /** Each node's configuration: the test default on the shared Redis; a test class may change more. */
    QrpushConfig nodeConfig(QrpushConfig defaults) {
        return defaults.withBroker(new BrokerSettings("redis", redis.uri()));
    }

    /** Closes the client after the test. */
    <T extends FrameClient> T track(T client) {
        clients.add(client);
        return client;
    }
}
