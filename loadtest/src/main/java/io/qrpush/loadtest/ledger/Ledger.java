package io.qrpush.loadtest.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every publish of a run, accounted for: delivered, refused or lost (see {@link Tally}). Also
 * tells, cheaply, whether everything sent so far has been answered and delivered, so a run can
 * end its grace period as soon as nothing is outstanding.
 */
public final class Ledger {
    private final ConcurrentHashMap<String, ChannelLedger> channels = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong expected = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();

    public ChannelLedger channel(String name) {
        return channels.computeIfAbsent(name, n -> new ChannelLedger(n, this));
    }

    void sentOne() {
        sent.incrementAndGet();
    }

    void answeredOne(int expectedDeliveries) {
        answered.incrementAndGet();
        expected.addAndGet(expectedDeliveries);
    }

    void deliveredOne() {
        delivered.incrementAndGet();
    }

    /** Nothing outstanding: every publish answered, every acknowledged one delivered everywhere. */
    public boolean settled() {
        return answered.get() >= sent.get() && delivered.get() >= expected.get();
    }

    public String outstanding() {
        return (sent.get() - answered.get()) + " unanswered publishes, "
                + Math.max(0, expected.get() - delivered.get()) + " deliveries due";
    }

    public List<ChannelState> states() {
        List<ChannelState> out = new ArrayList<>();
        channels.values().forEach(c -> out.add(c.state()));
        return out;
    }
}
