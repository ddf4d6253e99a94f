package io.qrpush.server.history;

import static io.qrpush.server.history.HistoryFixtures.NEWS;
import static io.qrpush.server.history.HistoryFixtures.entry;
import static io.qrpush.server.history.HistoryFixtures.keeping;
import static io.qrpush.server.history.HistoryFixtures.pub;
import static org.assertj.core.api.Assertions.assertThat;

import io.qrpush.server.config.NamespaceSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** From recovery to live: publications during the read are neither lost nor repeated. */
class CatchUpTest {
    private final List<Long> sent = Collections.synchronizedList(new ArrayList<>());
    private final CatchUp catchUp = new CatchUp(e -> sent.add(e.offset()));

    private void live(long offset, String epoch) {
        catchUp.live(entry(offset), epoch);
    }

    /** The reply carries the recovered publications: they are sent first. */
    private void caughtUp(Recovery r) {
        catchUp.caughtUp(r, () -> r.publications().forEach(e -> sent.add(e.offset())));
    }

    private static Recovery recovered(long from, long to) {
        List<HistoryEntry> pubs = new ArrayList<>();
        for (long o = from; o <= to; o++) {
            pubs.add(entry(o));
        }
        return new Recovery(true, new StreamPosition(to, "E1"), pubs);
    }

    @Test
    void liveMessagesDuringTheReadFollowTheRecoveredOnesWithoutRepeats() {
        live(8, "E1");
        live(9, "E1");
        caughtUp(recovered(6, 8));
        live(9, "E1");
        live(10, "E1");
        assertThat(sent).containsExactly(6L, 7L, 8L, 9L, 10L);
    }

    @Test
    void afterAFailedRecoveryOnlyWhatCameAfterTheStatedPositionFollows() {
        live(11, "E1");
        live(12, "E1");
        caughtUp(new Recovery(false, new StreamPosition(11, "E1"), List.of()));
        live(13, "E1");
        assertThat(sent).containsExactly(12L, 13L);
    }

    @Test
    void liveMessagesOfANewerEpochAreNotLost() {
        live(1, "E2");
        caughtUp(recovered(4, 5));
        live(2, "E2");
        live(2, "E2");
        assertThat(sent).containsExactly(4L, 5L, 1L, 2L);
    }

    @Test
    void anEpochRestartAfterCatchingUpIsDelivered() {
        caughtUp(recovered(1, 3));
        live(3, "E1");
        live(1, "E9");
        assertThat(sent).containsExactly(1L, 2L, 3L, 1L);
    }

    @Test
    void aRecoveryUnderConcurrentPublishingSeesEveryOffsetOnceInOrder() throws Exception {
        NamespaceSettings ns = keeping(10_000, Duration.ofMinutes(1));
        AtomicBoolean subscribed = new AtomicBoolean();
        AtomicReference<String> epoch = new AtomicReference<>();
        MemoryHistory history = new MemoryHistory((e, ep) -> {
            epoch.set(ep);
            if (subscribed.get()) {
                catchUp.live(e, ep);
            }
        });
        for (int i = 0; i < 100; i++) {
            history.append(pub(NEWS, i), ns);
        }
        StreamPosition client = new StreamPosition(50, epoch.get());
        AtomicBoolean stop = new AtomicBoolean();
        Thread publisher = new Thread(() -> {
            for (int i = 0; !stop.get() || i < 2_000; i++) {
                history.append(pub(NEWS, i), ns);
            }
        });
        publisher.start();
        subscribed.set(true);
        Recovery r = history.recover(NEWS, ns, client).join();
        caughtUp(r);
        stop.set(true);
        publisher.join();

        long last = history.position(NEWS, ns).join().offset();
        assertThat(r.recovered()).isTrue();
        List<Long> expected = new ArrayList<>();
        for (long o = 51; o <= last; o++) {
            expected.add(o);
        }
        assertThat(sent).containsExactlyElementsOf(expected);
    }
}
