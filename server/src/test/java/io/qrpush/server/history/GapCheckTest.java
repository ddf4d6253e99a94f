package io.qrpush.server.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qrpush.protocol.RawJson;
import io.qrpush.server.core.ChannelKey;
import io.qrpush.server.core.Publication;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GapCheckTest {
    private static final Duration RARELY = Duration.ofMinutes(10);

    /** Tops the test sets, counting the reads; the link-back hook kept for the test to call. */
    private static final class Tops implements StreamTops {
        final Map<ChannelKey, StreamPosition> tops = new ConcurrentHashMap<>();
        final List<ChannelKey> read = new CopyOnWriteArrayList<>();
        volatile Runnable linkBack;

        @Override
        public CompletableFuture<StreamPosition> top(ChannelKey channel) {
            read.add(channel);
            return CompletableFuture.completedFuture(tops.get(channel));
        }

        @Override
        public void whenLinkBack(Runnable check) {
            linkBack = check;
        }
    }

    /** A connection, and a history that holds everything up to {@link #latest}. */
    private static final class Fixture implements GapFill {
        final RecordingConnection connection = new RecordingConnection();
        final List<Long> sent = connection.sent;
        final List<StreamPosition> asked = new CopyOnWriteArrayList<>();
        volatile long latest;

        @Override
        public CompletableFuture<Recovery> after(StreamPosition from) {
            asked.add(from);
            List<HistoryEntry> kept = new java.util.ArrayList<>();
            for (long o = from.offset() + 1; o <= latest; o++) {
                kept.add(new HistoryEntry(o, new Publication(CHANNEL, "g" + o, null, 0, RawJson.parse("1"), null)));
            }
            return CompletableFuture.completedFuture(Recovery.decide(from, new StreamPosition(latest, "e"), kept));
        }

        @Override
        public byte[] frame(HistoryEntry e) {
            return Long.toString(e.offset()).getBytes();
        }
    }

    private static final ChannelKey CHANNEL = new ChannelKey("app", "news:1");
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Tops tops = new Tops();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private CatchUpStage stageAt(GapCheck check, String sid, Fixture f, long offset) {
        CatchUpStage stage = check.watch(CHANNEL, sid, watch -> new CatchUpStage(f.connection, f, 100, watch));
        stage.caughtUp(new StreamPosition(offset, "e"));
        return stage;
    }

    @Test
    void aStageBehindTheTopReadsBackWhatItLacks() {
        GapCheck check = new GapCheck(tops, timer, Duration.ofMillis(200));
        check.start();
        Fixture f = new Fixture();
        stageAt(check, "s1", f, 3);
        f.latest = 5;
        tops.tops.put(CHANNEL, new StreamPosition(5, "e"));
        await().atMost(Duration.ofSeconds(3)).until(() -> f.sent.equals(List.of(4L, 5L)));
        assertThat(f.asked).containsExactly(new StreamPosition(3, "e"));
    }

    @Test
    void aPublicationThatArrivesWithinTheGraceIsNoGap() throws Exception {
        GapCheck check = new GapCheck(tops, timer, RARELY);
        Fixture f = new Fixture();
        CatchUpStage stage = stageAt(check, "s1", f, 3);
        stage.deliver("4".getBytes(), new Publication(CHANNEL, "g4", null, 0, RawJson.parse("1"), null).at(4, "e"));
        tops.tops.put(CHANNEL, new StreamPosition(5, "e"));
        timer.submit(check::check).get();
        stage.deliver("5".getBytes(), new Publication(CHANNEL, "g5", null, 0, RawJson.parse("1"), null).at(5, "e"));
        // Past the grace, nothing was read back: 5 came on its own.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> f.asked.isEmpty());
        assertThat(f.sent).containsExactly(4L, 5L);
    }

    @Test
    void theLinkBackChecksAtOnceAndALeftChannelIsNotRead() {
        GapCheck check = new GapCheck(tops, timer, RARELY);
        check.start();
        Fixture f = new Fixture();
        stageAt(check, "s1", f, 1);
        f.latest = 2;
        tops.tops.put(CHANNEL, new StreamPosition(2, "e"));
        tops.linkBack.run();
        await().atMost(Duration.ofSeconds(3)).until(() -> f.sent.equals(List.of(2L)));
        check.unwatch(CHANNEL, "s1");
        int reads = tops.read.size();
        tops.linkBack.run();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> tops.read.size() == reads);
    }

    @Test
    void oneCheckReadsABoundedNumberOfChannelsAndTheNextGoesOn() throws Exception {
        GapCheck check = new GapCheck(tops, timer, RARELY);
        int channels = GapCheck.MAX_CHANNELS_PER_CHECK + 10;
        for (int i = 0; i < channels; i++) {
            int n = i;
            check.watch(new ChannelKey("app", "news:" + i), "s", w -> new CatchUpStage(new RecordingConnection(),
                    new Fixture(), 100, w)).caughtUp(new StreamPosition(n, "e"));
        }
        timer.submit(check::check).get();
        assertThat(tops.read).hasSize(GapCheck.MAX_CHANNELS_PER_CHECK).doesNotHaveDuplicates();
        timer.submit(check::check).get();
        assertThat(new java.util.HashSet<>(tops.read)).hasSize(channels);
    }

    @Test
    void aQuietChannelAlreadyAtItsTopIsNotFoundBehindAgain() throws Exception {
        GapCheck check = new GapCheck(tops, timer, RARELY);
        Fixture f = new Fixture();
        ChannelWatch[] watch = new ChannelWatch[1];
        check.watch(CHANNEL, "s1", w -> {
            watch[0] = w;
            return new CatchUpStage(f.connection, f, 100, w);
        }).caughtUp(new StreamPosition(5, "e"));
        StreamPosition top = new StreamPosition(5, "e");
        tops.tops.put(CHANNEL, top);
        assertThat(watch[0].behind(top)).as("nothing delivered live yet").isTrue();
        timer.submit(check::check).get();
        await().atMost(Duration.ofSeconds(3)).until(() -> !watch[0].behind(top));
        assertThat(f.asked).as("nothing to read back").isEmpty();
    }
}
