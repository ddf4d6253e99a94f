package io.qrpush.server.history;

import static io.qrpush.server.history.HistoryFixtures.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The recovery boundary: recovered only when every publication after the client's offset is kept. */
class RecoveryTest {
    private static final StreamPosition NOW = new StreamPosition(10, "E1");

    /** What a store read after {@code client}: the kept entries from {@code oldest} to 10. */
    private static List<HistoryEntry> kept(long oldest, long client) {
        return LongStream.rangeClosed(Math.max(oldest, client + 1), 10).mapToObj(HistoryFixtures::entry).toList();
    }

    @Test
    void anOffsetJustBeforeTheOldestKeptIsRecovered() {
        Recovery r = Recovery.decide(new StreamPosition(5, "E1"), NOW, kept(6, 5));
        assertThat(r.recovered()).isTrue();
        assertThat(r.publications()).extracting(HistoryEntry::offset).containsExactly(6L, 7L, 8L, 9L, 10L);
        assertThat(r.position()).isEqualTo(NOW);
    }

    @Test
    void anOffsetExactlyAtTheOldestKeptIsRecovered() {
        assertThat(Recovery.decide(new StreamPosition(6, "E1"), NOW, kept(6, 6)).publications())
                .extracting(HistoryEntry::offset).containsExactly(7L, 8L, 9L, 10L);
    }

    @Test
    void anOffsetTwoBeforeTheOldestKeptIsNot() {
        Recovery r = Recovery.decide(new StreamPosition(4, "E1"), NOW, kept(6, 4));
        assertThat(r.recovered()).isFalse();
        assertThat(r.publications()).isEmpty();
        assertThat(r.position()).isEqualTo(NOW);
    }

    @Test
    void aClientThatIsUpToDateRecoversNothingAndIsToldSo() {
        Recovery r = Recovery.decide(new StreamPosition(10, "E1"), NOW, List.of());
        assertThat(r.recovered()).isTrue();
        assertThat(r.publications()).isEmpty();
    }

    @Test
    void anotherEpochIsNotRecoveredEvenWithTheSameOffsets() {
        assertThat(Recovery.decide(new StreamPosition(5, "E0"), NOW, kept(1, 5)).recovered()).isFalse();
    }

    @Test
    void anOffsetAheadOfTheChannelIsNotRecovered() {
        assertThat(Recovery.decide(new StreamPosition(11, "E1"), NOW, List.of()).recovered()).isFalse();
    }

    @Test
    void anEmptyHistoryRecoversOnlyAClientAtZero() {
        StreamPosition empty = new StreamPosition(0, "E1");
        assertThat(Recovery.decide(new StreamPosition(0, "E1"), empty, List.of()).recovered()).isTrue();
        StreamPosition dropped = new StreamPosition(3, "E1");
        assertThat(Recovery.decide(new StreamPosition(1, "E1"), dropped, List.of()).recovered())
                .as("history emptied while offsets went on").isFalse();
    }

    @Test
    void aHoleInWhatWasReadIsNotRecovered() {
        List<HistoryEntry> holed = List.of(entry(6), entry(7), entry(9), entry(10), entry(11));
        assertThat(Recovery.decide(new StreamPosition(5, "E1"), new StreamPosition(11, "E1"), holed).recovered())
                .isFalse();
    }
}
