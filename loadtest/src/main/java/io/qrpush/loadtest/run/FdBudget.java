package io.qrpush.loadtest.run;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * Every connection is an open file. A process's open-file limit ({@code ulimit -n}) caps its
 * connections, so a run that needs more must be spread over processes; say so before
 * connecting rather than fail at connection 19,990 with "Too many open files".
 */
public final class FdBudget {
    /** Files kept back for the JVM, event loops, HTTP client, reports. */
    static final long RESERVE = 200;

    private FdBudget() {
    }

    /** The soft open-file limit of this process, or -1 when the platform does not tell. */
    public static long limit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof UnixOperatingSystemMXBean u ? u.getMaxFileDescriptorCount() : -1;
    }

    static long open() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof UnixOperatingSystemMXBean u ? u.getOpenFileDescriptorCount() : 0;
    }

    /** Connections one process can hold under {@code limit} with {@code open} files already open. */
    public static long connectionsPossible(long limit, long open) {
        return Math.max(0, limit - open - RESERVE);
    }

    /**
     * Null when {@code neededPerProcess} sockets fit; otherwise the message that explains the
     * bound and what to do.
     */
    public static String check(long neededPerProcess, long totalNeeded, int processes, long limit, long open) {
        if (limit < 0) {
            return null;
        }
        long possible = connectionsPossible(limit, open);
        if (neededPerProcess <= possible) {
            return null;
        }
        long suggested = Math.max(processes + 1, (totalNeeded + possible - 1) / Math.max(1, possible));
        return String.format("this run needs %,d connections in this process, but its open-file limit is %,d"
                + " (ulimit -n) with %,d files open, so it can hold about %,d.%n"
                + "  Spread the load: --processes %d (each child process has its own limit), or run that many"
                + " load testers,%n  or raise the limit (ulimit -n) if the hard limit allows."
                + " The server needs one file per connection too.",
                neededPerProcess, limit, open, possible, suggested);
    }

    /** {@link #check} against this process's real limit. */
    public static String check(long neededPerProcess, long totalNeeded, int processes) {
        return check(neededPerProcess, totalNeeded, processes, limit(), open());
    }
}
