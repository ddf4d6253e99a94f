/**
 * Reconnect delay in ms for the given attempt (0 = first retry after a drop).
 *
 * Full jitter above a floor: uniform in [min, min(max, min * 2^(attempt+1))]. The jitter spreads
 * thousands of clients that lost the same server (a restart, close 1001) over the whole window
 * instead of letting them stampede back at once; the floor keeps a flapping network from
 * hammering the server with back-to-back attempts. `random` is injectable so tests can pin it.
 */
export function backoff(attempt: number, min = 500, max = 20000, random: () => number = Math.random): number {
  // Cap the exponent: 2 ** 1100 is Infinity, and Infinity - min would poison the arithmetic.
  const cap = Math.min(max, min * 2 ** Math.min(Math.max(attempt, 0) + 1, 30));
  return Math.round(min + random() * (cap - min));
}
