package io.qrpush.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.qrpush.server.metrics.ServerMetrics;
import io.qrpush.server.transport.ConnectionCuts.Reason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Admission on a listening channel of its own; the accepted connections are embedded channels. */
class ConnectionAdmissionTest {
    private final ConnectionCuts cuts = new ConnectionCuts(new ServerMetrics());
    private final ConnectionAdmission admission = new ConnectionAdmission(2, 0, List.of(), cuts);
    private final EmbeddedChannel listener = new EmbeddedChannel(admission);

    private Channel accept() {
        Channel child = new EmbeddedChannel();
        listener.writeInbound(child);
        return child;
    }

    @Test
    void atTheLimitTheOldestConnectionNotYetInUseMakesRoom() {
        Channel first = accept();
        Channel second = accept();
        ConnectionAdmission.markInUse(first);
        Channel third = accept();
        assertThat(second.isOpen()).as("idle, so closed for the newcomer").isFalse();
        assertThat(first.isOpen()).as("in use, so kept").isTrue();
        assertThat(third.isOpen()).isTrue();
        assertThat(cuts.total(Reason.EVICTED)).isEqualTo(1);
        List<Object> admitted = new ArrayList<>();
        Object m;
        while ((m = listener.readInbound()) != null) {
            admitted.add(m);
        }
        assertThat(admitted).containsExactly(first, second, third);
    }

    @Test
    void withEveryConnectionInUseTheNewcomerIsClosedAndNotPassedOn() {
        ConnectionAdmission.markInUse(accept());
        ConnectionAdmission.markInUse(accept());
        Channel refused = accept();
        assertThat(refused.isOpen()).isFalse();
        assertThat(cuts.total(Reason.MAX_CONNECTIONS)).isEqualTo(1);
        assertThat(admission.open()).isEqualTo(2);
        listener.readInbound();
        listener.readInbound();
        assertThat((Object) listener.readInbound()).isNull();
    }

    @Test
    void aClosedConnectionGivesItsPlaceBack() {
        Channel first = accept();
        ConnectionAdmission.markInUse(first);
        ConnectionAdmission.markInUse(accept());
        first.close();
        assertThat(admission.open()).isEqualTo(1);
        assertThat(accept().isOpen()).isTrue();
    }

    @Test
    void aFailedAcceptPausesAcceptingBrieflyInsteadOfSpinning() {
        listener.freezeTime();
        listener.pipeline().fireExceptionCaught(new IOException("accept(..) failed: Too many open files"));
        assertThat(listener.config().isAutoRead()).isFalse();
        assertThat(cuts.total(Reason.ACCEPT_ERROR)).isEqualTo(1);
        listener.advanceTimeBy(100, TimeUnit.MILLISECONDS);
        listener.runScheduledPendingTasks();
        assertThat(listener.config().isAutoRead()).isTrue();
        listener.checkException(); // the error stopped here: nothing for Netty to log with a stack
    }
}
