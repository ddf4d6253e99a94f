package io.qrpush.loadtest.hostile;

/**
 * One {@code /healthz} probe.
 *
 * @param second  when it was sent, in seconds since the load began (negative: during set-up)
 * @param micros  how long until its full answer came, or until it failed, µs
 * @param ok      answered 200 within the probe timeout
 * @param cause   why not: {@code status:<code>}, {@code timeout}, {@code refused}, {@code reset}, ...; null when ok
 */
public record Probe(double second, long micros, boolean ok, String cause) {
}
