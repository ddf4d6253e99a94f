import { QrPushError } from './errors.js';

/** Retries after the first refusal before the widget gives up and shows the error. */
export const RETRIES = 3;

/**
 * Ms to wait before asking again after `e`, or null to give up at once. Only 503 (overloaded) and
 * 429 (rate limited) answers that say when to come back are retried: the server knows when it
 * expects to cope, while any other failure (unknown appkey, refused origin, a 503 with no hint)
 * would most likely fail the same way again. The server's seconds are clamped to 1-30 s (0 would
 * spin, a long wait would leave a spinner nobody trusts), plus up to 1 s of jitter so that pages
 * refused in the same instant do not all come back in the same instant.
 */
export function retryAfterDelay(e: unknown, random: () => number): number | null {
  if (!(e instanceof QrPushError) || (e.code !== 503 && e.code !== 429) || e.retryAfter === undefined) return null;
  return Math.min(Math.max(e.retryAfter, 1), 30) * 1000 + Math.floor(random() * 1000);
}

/**
 * Runs `attempt`, waiting out up to RETRIES refusals that carry Retry-After; rejects with the last
 * error. Aborting `signal` ends a wait at once (rejecting with its reason) and leaves no timer.
 */
export async function withRetryAfter<T>(attempt: () => Promise<T>, signal: AbortSignal, random: () => number): Promise<T> {
  for (let retries = 0; ; retries++) {
    try {
      return await attempt();
    } catch (e) {
      const ms = retries < RETRIES ? retryAfterDelay(e, random) : null;
      if (ms === null || signal.aborted) throw e;
      await sleep(ms, signal);
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', abort);
      resolve();
    }, ms);
    signal.addEventListener('abort', abort, { once: true });
  });
}
