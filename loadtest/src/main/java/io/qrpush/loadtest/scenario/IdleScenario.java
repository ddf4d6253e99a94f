package io.qrpush.loadtest.scenario;

import io.qrpush.loadtest.metrics.RunMetrics;
import io.qrpush.loadtest.net.WsConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code idle}: N connections, each authorized anonymously and subscribed to a channel of its own
 * (the shape of a page waiting for a scan), held for the duration while the server pings them.
 * The runner measures the server's memory before, while held, and after.
 */
public final class IdleScenario implements Scenario {
    private final int connections;
    private final List<WsConnection> open = new ArrayList<>();

    public IdleScenario(int connections) {
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be positive");
        }
        this.connections = connections;
    }

    @Override
    public String name() {
        return "idle";
    }

    @Override
    public RunMetrics newMetrics() {
        return new RunMetrics("connect");
    }

    @Override
    public long socketsNeeded(Slice slice) {
        return slice.share(connections);
    }

    @Override
    public boolean measuresMemory() {
        return true;
    }

    /** Connections held over all processes, the divisor of memory per connection. */
    public int connections() {
        return connections;
    }

    @Override
    public Map<String, Object> settings() {
        return Map.of("connections", connections);
    }

    @Override
    public void setup(Run run) throws Exception {
        Slice slice = run.slice();
        int from = slice.from(connections);
        String appkey = run.settings().appkey();
        open.addAll(Opener.openAll(run, slice.share(connections), (i, c) ->
                Requests.authorize(c, appkey, null).thenCompose(r -> Requests.subscribe(c,
                        "lt." + run.settings().runId() + ".idle." + (from + i), null))));
        int held = (int) open.stream().filter(c -> c != null).count();
        run.metrics().count("held", held);
    }

    @Override
    public void startLoad(Run run) {
        // Idle: the server's pings and our pongs are the only traffic.
    }

    @Override
    public void stopLoad() {
    }

    @Override
    public boolean settled(Run run) {
        return true;
    }

    @Override
    public void teardown(Run run) {
        Opener.closeAll(open);
    }
}
