package io.qrpush.loadtest.scenario;

import io.qrpush.loadtest.net.ServerApi;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads the server's memory from {@code /metrics}. Heap is only meaningful after a full GC;
 * the protocol has no way to ask for one, so when the server runs on this machine
 * ({@code --server-pid}) the probe asks the JVM itself with {@code jcmd PID GC.run}.
 */
public final class ServerProbe {
    private final ServerApi api;
    private final Long serverPid;
    private final List<String> notes = new ArrayList<>();

    public ServerProbe(ServerApi api, Long serverPid) {
        this.api = api;
        this.serverPid = serverPid;
    }

    /** Forces a GC when it can, lets the server settle briefly, and reads its meters. */
    public MemorySnapshot snapshot(String phase) throws Exception {
        boolean gc = serverPid != null && fullGc();
        return MemorySnapshot.of(phase, new PrometheusText(api.metrics()), gc);
    }

    /** The server's open connections as it counts them. */
    public double connections() throws Exception {
        return new PrometheusText(api.metrics()).sum("qrpush_connections");
    }

    private boolean fullGc() throws InterruptedException {
        try {
            // Twice: the first collection may leave objects with finalizers/cleaners for the second.
            for (int i = 0; i < 2; i++) {
                Process p = new ProcessBuilder("jcmd", Long.toString(serverPid), "GC.run")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    note("jcmd " + serverPid + " GC.run failed: heap figures are not after GC");
                    return false;
                }
            }
            return true;
        } catch (java.io.IOException e) {
            note("jcmd not runnable (" + e.getMessage() + "): heap figures are not after GC");
            return false;
        }
    }

    private void note(String n) {
        if (!notes.contains(n)) {
            notes.add(n);
        }
    }

    public List<String> notes() {
        List<String> n = new ArrayList<>(notes);
        if (serverPid == null) {
            n.add("no --server-pid: heap was read without a forced GC, so it includes garbage (an upper bound)");
        }
        return n;
    }
}
