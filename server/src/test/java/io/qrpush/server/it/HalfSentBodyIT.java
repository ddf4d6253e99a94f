package io.qrpush.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.util.internal.PlatformDependent;
import io.qrpush.server.config.HttpLimits;
import io.qrpush.server.config.Limits;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The attack of issue 20, scaled down: connections announce a large body, send all of it but the
 * last byte, and hold. Before, 650 of them announcing 1,000,000 bytes each exhausted direct
 * memory and /healthz stopped answering. Now a body over its route's limit is 413 from its head,
 * bodies within it share {@code limits.maxBodyBytesInFlight} and the rest are 503 at once, so
 * heap and direct memory grow by less than {@link #MEMORY_BOUND} and /healthz answers from another
 * address within 1 s throughout.
 */
@Tag(TestServer.SINGLE_NODE)
class HalfSentBodyIT extends HostileClientIT {
    private static final int ANNOUNCED = 1_000_000;
    private static final int OVER_LIMIT = 150;
    private static final int WITHIN_LIMIT = 150;
    private static final int BUDGET = 2 << 20;
    /** Unprotected, the over-limit wave alone would hold 150 MB. */
    private static final long MEMORY_BOUND = 64L << 20;

    private final List<SocketChannel> attackers = new ArrayList<>();

    @Test
    void halfSentBodiesNeitherExhaustMemoryNorStopHealthChecks() throws Exception {
        Duration hold = Duration.ofSeconds(60); // longer than the test: only the limits under test act
        // Login admission by event-loop lag off: on a shared test machine it would refuse the login for other reasons.
        server = TestServer.start(c -> LimitsBuilder.limits(l -> l.http = new HttpLimits(hold, hold, 1, hold, 16384,
                BUDGET, 0, 0)).apply(c.withLogin(c.login().withMaxLoopLag(Duration.ZERO))));
        int publishBody = Limits.defaults().publishBodyBytes();
        int fits = BUDGET / publishBody;
        // Once before the attack: the first answer of a fresh JVM pays for class loading, not for the attack.
        assertThat(open().send(RawHttp.get("/healthz", "")).read(Duration.ofSeconds(5)).status()).isEqualTo(200);
        long before = memoryInUse();
        HealthProbe probe = HealthProbe.start(server.port());
        try (probe) {
            for (int i = 0; i < OVER_LIMIT; i++) {
                attack(ANNOUNCED);
            }
            for (int i = 0; i < WITHIN_LIMIT; i++) {
                attack(publishBody);
            }
            await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
                Prometheus m = Prometheus.scrape(server);
                assertThat(m.value("qrpush_connections_cut_total", "reason=body_too_large")).isEqualTo(OVER_LIMIT);
                assertThat(m.value("qrpush_connections_cut_total", "reason=body_budget"))
                        .as("503 once the budget is taken").isEqualTo(WITHIN_LIMIT - fits);
                assertThat(m.value("qrpush_http_body_bytes_in_flight")).as("the held bodies' room")
                        .isEqualTo((double) fits * publishBody);
            });
            // Probes while the bodies are held: on a quiet machine the attack is in place before five have run.
            await().atMost(10, TimeUnit.SECONDS).until(() -> probe.answered() >= 5 || probe.failure() != null);
        }
        // The probe has ended: the collection that measures memory pauses this JVM, server included.
        assertThat(probe.answered()).isGreaterThanOrEqualTo(5);
        assertThat(probe.failure()).isNull();
        assertThat(probe.slowest()).isLessThan(Duration.ofSeconds(1));
        long during = memoryInUse();
        // The figures docs/security.md quotes.
        System.out.printf("HalfSentBodyIT: heap+direct grew %.1f MiB; slowest of %d /healthz probes %d ms%n",
                (during - before) / 1048576.0, probe.answered(), probe.slowest().toMillis());
        assertThat(during - before).as("heap and direct memory growth while the bodies are held, bytes")
                .isLessThan(MEMORY_BOUND);
        LoginFixture login = new LoginFixture(server);
        assertThat(login.post(TestServer.APP_A).statusCode()).as("a login still starts").isEqualTo(201);
        assertThat(Prometheus.scrape(server).value("qrpush_out_of_memory_errors_total")).isZero();
    }

    /** curl asks before sending a body over 1 KB: within the route's limit it is told to go on, over it 413 at once. */
    @Test
    void expectContinueIsAnsweredFromTheHead() throws Exception {
        server = TestServer.start();
        String body = "{\"channel\":\"news\",\"content\":\"" + "x".repeat(2000) + "\"}";
        String head = "POST /api/v1/publish HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TestServer.API_KEY_A
                + "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: ";
        RawHttp ok = open();
        assertThat(ok.send(head + body.length() + "\r\n\r\n").read(Duration.ofSeconds(5)).status()).isEqualTo(100);
        RawHttp.Response published = ok.send(body).read(Duration.ofSeconds(5));
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        RawHttp tooLarge = open();
        assertThat(tooLarge.send(head + ANNOUNCED + "\r\n\r\n").read(Duration.ofSeconds(5)).status()).isEqualTo(413);
    }

    /** Announces {@code length} bytes to the publish API and sends all but the last. */
    private void attack(int length) throws IOException {
        SocketChannel s = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.port()));
        attackers.add(s);
        s.write(ByteBuffer.wrap(("POST /api/v1/publish HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + TestServer.API_KEY_A + "\r\nContent-Type: application/json\r\nContent-Length: " + length
                + "\r\n\r\n").getBytes(StandardCharsets.UTF_8)));
        // As an attacker would: as much of the body as the network takes now, without waiting for the rest.
        s.configureBlocking(false);
        ByteBuffer body = ByteBuffer.allocate(length - 1);
        try {
            while (body.hasRemaining() && s.write(body) > 0) {
                // the kernel took some; offer the rest
            }
        } catch (IOException refusedAndClosed) {
            // the server answered 413 and closed before the body was through
        }
    }

    @AfterEach
    void closeAttackers() throws IOException {
        for (SocketChannel s : attackers) {
            s.close();
        }
    }

    /** Heap after a collection, plus direct memory of the JDK's buffers and Netty's own. */
    private static long memoryInUse() {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        return heap + direct + Math.max(0, PlatformDependent.usedDirectMemory());
    }
}
