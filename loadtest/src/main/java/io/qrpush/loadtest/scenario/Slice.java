package io.qrpush.loadtest.scenario;

/**
 * This process's share of the work when a run is spread over {@code count} processes: index
 * {@code i} takes the items from {@code i * n / count} up to {@code (i + 1) * n / count}.
 */
public record Slice(int index, int count) {
    public static final Slice WHOLE = new Slice(0, 1);

    public Slice {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("slice " + index + " of " + count);
        }
    }

    public int from(int n) {
        return (int) ((long) index * n / count);
    }

    public int to(int n) {
        return (int) ((long) (index + 1) * n / count);
    }

    /** How many of {@code n} items are this process's. */
    public int share(int n) {
        return to(n) - from(n);
    }

    /** This process's share of a rate. */
    public double share(double rate) {
        return rate / count;
    }

    public boolean first() {
        return index == 0;
    }
}
