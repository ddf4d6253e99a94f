/**
 * How long to wait before the next attempt: the same arithmetic as the Java SDK's (the protocol
 * module's `Backoff`), both checked against protocol/vectors/client-policy.json.
 */

/** The class of a wait: the ordinary window, or the higher one for a client told to slow down. */
export type BackoffClass = 'normal' | 'rate_limited';

export const DEFAULT_MIN_DELAY = 500;
export const DEFAULT_MAX_DELAY = 20000;
/** The rate-limited floor as a multiple of the minimum delay: 4 s by default. */
export const RATE_LIMITED_FLOOR_FACTOR = 8;

/**
 * Reconnect delay in ms for the given attempt (0 = first retry after a drop).
 *
 * Full jitter above a floor: uniform in [min, min(max, min * 2^(attempt+1))]. The jitter spreads
 * thousands of clients that lost the same server (a restart, close 1001) over the whole window
 * instead of letting them stampede back at once; the floor keeps a flapping network from
 * hammering the server with back-to-back attempts. `random` is injectable so tests can pin it.
 */
export function backoff(attempt: number, min = DEFAULT_MIN_DELAY, max = DEFAULT_MAX_DELAY, random: () => number = Math.random): number {
  // Cap the exponent: 2 ** 1100 is Infinity, and Infinity - min would poison the arithmetic.
  const cap = Math.min(max, min * 2 ** Math.min(Math.max(attempt, 0) + 1, 30));
  return Math.round(min + random() * (cap - min));
}

/**
 * The wait in a class: `normal` is `backoff()`; `rate_limited` (close 4008, error `rate_limited`)
 * is uniform in [8 * min, max] whatever the attempt, so a client told to slow down does.
 */
export function backoffIn(cls: BackoffClass, attempt: number, min: number, max: number, random: () => number): number {
  if (cls === 'normal') return backoff(attempt, min, max, random);
  const floor = Math.min(max, min * RATE_LIMITED_FLOOR_FACTOR);
  return Math.round(floor + random() * (max - floor));
}

/**
 * The wait before the first attempt after a close: inside the server's `delay` window when its
 * `disconnect` frame had one (a draining node spreads its clients' return over it), else the
 * backoff of the decision's class.
 */
export function waitAfter(d: { backoff?: BackoffClass; delay?: [number, number] }, attempt: number, min: number, max: number, random: () => number): number {
  if (d.delay) return Math.round(d.delay[0] + random() * (d.delay[1] - d.delay[0]));
  return backoffIn(d.backoff || 'normal', attempt, min, max, random);
}
