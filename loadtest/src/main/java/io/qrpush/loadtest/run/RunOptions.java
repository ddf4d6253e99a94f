package io.qrpush.loadtest.run;

import io.qrpush.loadtest.net.Endpoint;
import io.qrpush.loadtest.scenario.RunSettings;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * How to run a scenario, beyond what the scenario itself sees.
 *
 * @param serverPid   the server's process id when it runs on this machine (lets the memory
 *                    probe force a GC with jcmd); null otherwise
 * @param processes   child processes to spread the load over (1: this process does it all)
 * @param childResult where a child writes its result; null when this is not a child
 */
public record RunOptions(Endpoint endpoint, RunSettings settings, List<InetAddress> sources, int threads,
                         Long serverPid, Path reportDir, int processes, Path childResult,
                         int httpConnections, java.time.Duration settle) {
    public boolean isChild() {
        return childResult != null;
    }
}
