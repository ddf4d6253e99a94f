package io.qrpush.server.login;

/**
 * How scans are counted, the same in every store: in steps of ten seconds, the last sixty of
 * them for {@code scansByUser} (ten minutes) and the last six for the per-minute budget. Counting
 * per step rather than per scan keeps a user's record to a few numbers however often they scan;
 * the budget's minute is then 50 to 60 seconds long, depending on where in its step a scan falls.
 */
public final class ScanWindow {
    public static final long STEP_MILLIS = 10_000;
    /** Steps in the {@code scansByUser} window: ten minutes. */
    public static final int WINDOW_STEPS = 60;
    public static final long WINDOW_MILLIS = STEP_MILLIS * WINDOW_STEPS;
    /** Steps in the budget's minute, the current one included. */
    public static final int BUDGET_STEPS = 6;

    private ScanWindow() {
    }

    /** The step an instant (ms) falls in. */
    public static long stepOf(long millis) {
        return millis / STEP_MILLIS;
    }
}
