package io.qrpush.loadtest.hostile;

/** The three parts of a hostile run, by the time something happened against the attack's start and end. */
public enum Window {
    BEFORE("before"), DURING("during"), AFTER("after");

    private final String key;

    Window(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /**
     * The window of time {@code t} given the attack's start and end on the same clock; an end of
     * NaN (or a start of NaN) means the attack had not ended (or begun) by then.
     */
    public static Window of(double t, double attackStart, double attackEnd) {
        if (Double.isNaN(attackStart) || t < attackStart) {
            return BEFORE;
        }
        return Double.isNaN(attackEnd) || t < attackEnd ? DURING : AFTER;
    }
}
