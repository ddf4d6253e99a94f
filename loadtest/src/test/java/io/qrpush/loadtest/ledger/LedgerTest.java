package io.qrpush.loadtest.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerTest {
    private final Ledger ledger = new Ledger();

    private Tally tally() {
        return LedgerMath.tally(LedgerMath.merge(ledger.states()));
    }

    @Test
    void deliveredEverywhereIsDelivered() {
        ChannelLedger c = ledger.channel("a");
        c.addSubscriber();
        c.addSubscriber();
        c.sent(0, 0);
        c.acked(0);
        c.received(0, 100);
        assertThat(ledger.settled()).isFalse();
        c.received(0, 300);
        assertThat(ledger.settled()).isTrue();
        Tally t = tally();
        assertThat(t.published()).isEqualTo(1);
        assertThat(t.delivered()).isEqualTo(1);
        assertThat(t.lost()).isZero();
        assertThat(t.deliveries()).isEqualTo(2);
        assertThat(t.balanced()).isTrue();
    }

    @Test
    void anAcknowledgedMessageNoSubscriberGotIsLost() {
        ChannelLedger c = ledger.channel("a");
        c.addSubscriber();
        for (int seq = 0; seq < 3; seq++) {
            c.sent(seq, 0);
            c.acked(seq);
        }
        c.received(0, 10);
        c.received(2, 10);
        Tally t = tally();
        assertThat(t.lost()).isEqualTo(1);
        assertThat(t.lostDeliveries()).isEqualTo(1);
        assertThat(t.delivered()).isEqualTo(2);
        assertThat(ledger.settled()).isFalse();
        assertThat(ledger.outstanding()).contains("1 deliveries due");
        assertThat(t.balanced()).isTrue();
    }

    @Test
    void aMessageOneOfTwoSubscribersMissedIsLostOnceWithOneLostDelivery() {
        ChannelLedger c = ledger.channel("a");
        c.addSubscriber();
        c.addSubscriber();
        c.sent(0, 0);
        c.acked(0);
        c.received(0, 10);
        Tally t = tally();
        assertThat(t.lost()).isEqualTo(1);
        assertThat(t.lostDeliveries()).isEqualTo(1);
        assertThat(t.expectedDeliveries()).isEqualTo(2);
    }

    @Test
    void duplicatesAreCountedAndDoNotMakeUpForALoss() {
        ChannelLedger c = ledger.channel("a");
        c.addSubscriber();
        c.sent(0, 0);
        c.acked(0);
        c.sent(1, 0);
        c.acked(1);
        c.received(0, 10);
        c.duplicate();
        c.duplicate();
        Tally t = tally();
        assertThat(t.duplicates()).isEqualTo(2);
        assertThat(t.delivered()).isEqualTo(1);
        assertThat(t.lost()).isEqualTo(1);
    }

    @Test
    void aReplyOtherThan200IsRefusedByItsWordAndAMissingReplyIsNoReply() {
        ChannelLedger c = ledger.channel("a");
        c.addSubscriber();
        c.sent(0, 0);
        c.refused(0, "rate_limited");
        c.sent(1, 0);
        c.refused(1, "rate_limited");
        c.sent(2, 0);
        c.sent(3, 0);
        c.refused(3, "closed");
        Tally t = tally();
        assertThat(t.refused()).isEqualTo(4);
        assertThat(t.refusedBy()).containsEntry("rate_limited", 2L).containsEntry("no_reply", 1L)
                .containsEntry("closed", 1L);
        assertThat(t.lost()).isZero();
        assertThat(t.delivered()).isZero();
        assertThat(t.balanced()).isTrue();
        assertThat(ledger.settled()).isFalse();
    }

    @Test
    void aRefusedMessageThatArrivedAnywayIsUnexpected() {
        ChannelLedger c = ledger.channel("a");
        c.addSubscriber();
        c.sent(0, 0);
        c.refused(0, "internal");
        c.received(0, 5);
        Tally t = tally();
        assertThat(t.unexpected()).isEqualTo(1);
        assertThat(t.refused()).isEqualTo(1);
    }

    @Test
    void theFirstAnswerWins() {
        ChannelLedger c = ledger.channel("a");
        c.sent(0, 0);
        c.acked(0);
        c.refused(0, "closed");
        assertThat(tally().acknowledged()).isEqualTo(1);
        assertThat(tally().refused()).isZero();
    }

    @Test
    void booksOfAFanoutSplitOverTwoProcessesAddUp() {
        Ledger publisherSide = new Ledger();
        ChannelLedger a = publisherSide.channel("f");
        a.addSubscriber();
        a.sent(0, 0);
        a.acked(0);
        a.sent(1, 0);
        a.acked(1);
        a.received(0, 100);
        a.received(1, 100);
        Ledger otherSide = new Ledger();
        ChannelLedger b = otherSide.channel("f");
        b.addSubscriber();
        b.addSubscriber();
        b.received(0, 900);
        b.received(0, 400);
        b.received(1, 200);
        List<ChannelState> all = new ArrayList<>(publisherSide.states());
        all.addAll(otherSide.states());
        List<ChannelState> merged = LedgerMath.merge(all);
        assertThat(merged).hasSize(1);
        assertThat(merged.get(0).subscribers()).isEqualTo(3);
        Tally t = LedgerMath.tally(merged);
        assertThat(t.delivered()).isEqualTo(1);
        assertThat(t.lost()).isEqualTo(1);
        assertThat(t.lostDeliveries()).isEqualTo(1);
        assertThat(t.expectedDeliveries()).isEqualTo(6);
        // The last subscriber of message 0 had it 900 µs after its intended send; message 1 was lost.
        assertThat(LedgerMath.lastDelivery(merged).getTotalCount()).isEqualTo(1);
        assertThat(LedgerMath.lastDelivery(merged).getMaxValue()).isBetween(899L, 901L);
    }

    @Test
    void warmUpMessagesAreAccountedForButNotInLastDelivery() {
        ChannelLedger c = ledger.channel("a");
        c.addSubscriber();
        c.sent(0, 1);
        c.acked(0);
        c.received(0, 50);
        c.sent(1, 0);
        c.acked(1);
        c.received(1, 70);
        List<ChannelState> merged = LedgerMath.merge(ledger.states());
        assertThat(LedgerMath.tally(merged).delivered()).isEqualTo(2);
        assertThat(LedgerMath.lastDelivery(merged).getTotalCount()).isEqualTo(1);
    }
}
