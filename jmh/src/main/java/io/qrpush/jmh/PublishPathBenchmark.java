package io.qrpush.jmh;

import io.qrpush.protocol.token.Otps;
import io.qrpush.server.config.AppConfig;
import io.qrpush.server.config.Limits;
import io.qrpush.server.config.QrpushConfig;
import io.qrpush.server.core.Apps;
import io.qrpush.server.core.Node;
import io.qrpush.server.core.Session;
import io.qrpush.server.metrics.ServerMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One publish through the real server code, as docs/benchmarks.md ("Allocation per message")
 * measures it with {@code -prof gc}: the publish frame's bytes go into the publisher's
 * {@link Session}, through the frame codec, the permission check, the memory broker and the
 * {@link Node}'s hub fan-out to {@code subscribers} local sessions, whose transports receive the
 * encoded message frames; the publisher receives its reply. Transports run tasks inline, so the
 * whole path runs on the benchmark thread and {@code gc.alloc.rate.norm} is the bytes one
 * message costs. Only public seams are used, so the benchmark runs against older builds for A/B.
 *
 * <p>The frame carries no guid: the server makes one, and the dedupe store (a separate cost) is
 * skipped, as for every publish without a guid.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PublishPathBenchmark {
    private static final String SECRET = "0123456789abcdef0123";
    private static final String CHANNEL = "bench";
    /** A chat-sized message with a nested object, an array, numbers and an escaped string. */
    static final String CONTENT = "{\"text\":\"Hello from the benchmark, \\\"quoted\\\" and caf\\u00e9\","
            + "\"user\":{\"id\":\"u-1234\",\"name\":\"Ada\",\"tags\":[\"a\",\"b\",\"c\"]},"
            + "\"n\":42,\"price\":19.99,\"sent\":1733580000000,\"ok\":true,\"none\":null}";

    @Param({"1", "100"})
    public int subscribers;

    private Node node;
    private Session publisher;
    private InMemoryTransport publisherTransport;
    private final List<InMemoryTransport> subscriberTransports = new ArrayList<>();
    private byte[] publishFrame;

    @Setup(Level.Trial)
    public void setUp() {
        QrpushConfig config = QrpushConfig.of(List.of(new AppConfig("a", SECRET, "apikey-0123456789abc",
                List.of("https://a.example"), null, false, false)));
        // No request budget in the way: the benchmark publishes far faster than any client may.
        Limits d = config.limits();
        Limits limits = new Limits(d.maxFrameBytes(), d.maxContentBytes(), d.maxSubscriptions(),
                d.maxOutboundBytes(), d.authorizeTimeout(), d.pingInterval(), d.idleTimeout(), d.dedupeWindow(),
                500_000_000, d.http());
        node = Node.inMemory(limits, new Apps(config.apps()), new ServerMetrics(), Clock.systemUTC());

        publisherTransport = new InMemoryTransport();
        publisher = open("pub", publisherTransport,
                Otps.mint(SECRET, "publisher", Duration.ofMinutes(10), null, null, List.of(CHANNEL), Instant.now()));
        for (int i = 0; i < subscribers; i++) {
            InMemoryTransport t = new InMemoryTransport();
            Session s = open("sub" + i, t, null);
            s.onText(utf8("{\"op\":\"subscribe\",\"id\":2,\"channel\":\"" + CHANNEL + "\"}"));
            subscriberTransports.add(t);
        }
        publishFrame = utf8("{\"op\":\"publish\",\"id\":7,\"channel\":\"" + CHANNEL + "\",\"content\":" + CONTENT + "}");
        publish();
        checkEverySubscriberGotIt();
    }

    private Session open(String sid, InMemoryTransport t, String otp) {
        Session s = new Session(sid, t, node);
        s.start();
        s.onText(utf8("{\"op\":\"authorize\",\"id\":1,\"appkey\":\"a\""
                + (otp == null ? "" : ",\"otp\":\"" + otp + "\"") + "}"));
        return s;
    }

    /** A benchmark that measured refusals would be worthless: every subscriber must see each message. */
    private void checkEverySubscriberGotIt() {
        long published = publisherTransport.frames - 1; // the authorize reply
        for (InMemoryTransport t : subscriberTransports) {
            long messages = t.frames - 2; // the authorize and subscribe replies
            if (messages != published) {
                throw new IllegalStateException("a subscriber got " + messages + " of " + published + " messages");
            }
        }
    }

    @Benchmark
    public long publish() {
        publisher.onText(publishFrame);
        return publisherTransport.bytes;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        checkEverySubscriberGotIt();
        node.close();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
