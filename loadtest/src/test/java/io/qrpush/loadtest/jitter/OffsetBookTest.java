package io.qrpush.loadtest.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OffsetBookTest {
    private final OffsetBook book = new OffsetBook();

    private void live(long from, long to) {
        for (long o = from; o <= to; o++) {
            assertThat(book.message(o, false)).as("offset %d is new", o).isTrue();
        }
    }

    @Test
    void everyOffsetOnceIsNoGapNoDuplicate() {
        book.subscribed(4, "e1");
        live(5, 9);
        assertThat(book.gaps(9)).isZero();
        assertThat(book.duplicates()).isZero();
        assertThat(book.live()).isEqualTo(5);
        assertThat(book.position()).isEqualTo(new OffsetBook.Position(9, "e1"));
    }

    @Test
    void anOffsetSeenTwiceIsADuplicateAndNotNew() {
        book.subscribed(0, "e1");
        live(1, 3);
        assertThat(book.message(2, false)).isFalse();
        assertThat(book.message(3, true)).as("also when it comes again in a recovery").isFalse();
        assertThat(book.message(0, false)).as("an offset from before the subscription").isFalse();
        assertThat(book.duplicates()).isEqualTo(3);
        assertThat(book.live()).isEqualTo(3);
        assertThat(book.gaps(3)).isZero();
    }

    @Test
    void offsetsSkippedAreGapsAndSoAreTheLastOnesMissed() {
        book.subscribed(0, "e1");
        live(1, 2);
        live(5, 5);
        assertThat(book.gaps(5)).as("3 and 4").isEqualTo(2);
        assertThat(book.gaps(8)).as("and 6 to 8, which other subscribers of the channel saw").isEqualTo(5);
    }

    @Test
    void aRecoveryReplaysWhatWasMissedAndLiveFollows() {
        book.subscribed(0, "e1");
        live(1, 3);
        assertThat(book.position()).isEqualTo(new OffsetBook.Position(3, "e1"));
        book.recovered(true, 6, "e1");
        assertThat(book.message(4, true)).isTrue();
        assertThat(book.message(5, true)).isTrue();
        assertThat(book.message(6, true)).isTrue();
        live(7, 8);
        assertThat(book.replayed()).isEqualTo(3);
        assertThat(book.live()).isEqualTo(5);
        assertThat(book.gaps(8)).isZero();
        assertThat(book.duplicates()).isZero();
    }

    @Test
    void aRecoveredReplyWithoutThePublicationsItPromisesLeavesGaps() {
        book.subscribed(0, "e1");
        live(1, 3);
        book.recovered(true, 6, "e1");
        assertThat(book.message(4, true)).isTrue();
        assertThat(book.gaps(0)).as("5 and 6 were promised by the reply's offset").isEqualTo(2);
    }

    @Test
    void recoveredFalseInTheSameEpochCountsTheOffsetsItSkips() {
        book.subscribed(0, "e1");
        live(1, 3);
        book.recovered(false, 10, "e1");
        assertThat(book.gaps(10)).as("4 to 10").isEqualTo(7);
        live(11, 12);
        assertThat(book.gaps(12)).isEqualTo(7);
        assertThat(book.epochChanges()).isZero();
    }

    @Test
    void anEpochChangeIsAGapEvenWhenTheServerSaysRecovered() {
        book.subscribed(0, "e1");
        live(1, 3);
        book.recovered(true, 0, "e2");
        assertThat(book.epochChanges()).isEqualTo(1);
        assertThat(book.gaps(0)).isEqualTo(1);
        assertThat(book.position()).isEqualTo(new OffsetBook.Position(0, "e2"));
        live(1, 2);
        assertThat(book.gaps(2)).as("offsets restart in the new epoch; no more gaps").isEqualTo(1);
        assertThat(book.duplicates()).as("offset 1 and 2 again, but of another epoch").isZero();
    }

    @Test
    void anEpochChangeAlsoClosesTheOldEpochsGaps() {
        book.subscribed(0, "e1");
        live(1, 1);
        live(3, 3);
        book.recovered(false, 5, "e2");
        assertThat(book.gaps(5)).as("offset 2 of e1, plus the loss stated").isEqualTo(2);
    }
}
