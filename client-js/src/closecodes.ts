import type { BackoffClass } from './backoff.js';

/**
 * What to do when a connection ends: the protocol's client policy (docs/protocol.md, "Client
 * behaviour"), the same as the Java SDK's and checked against the same vectors
 * (protocol/vectors/client-policy.json).
 *
 * 1. The code is the `disconnect` frame's when one came, else the socket's: proxies and browsers
 *    may report 1006 for a close whose real code they dropped.
 * 2. 4003 (origin not allowed) and 4011 (kicked) stop whatever the frame says: no retry changes a
 *    page's origin, and a kicked user must not walk straight back in.
 * 3. Otherwise the frame's `reconnect` flag decides: the server sends 4001 with `reconnect:true`
 *    for an authorize timeout and `false` for an unknown appkey.
 * 4. Without a frame, 4001 stops too (a timeout and a bad appkey look alike); any other code
 *    reconnects. 4008 waits in the rate-limited window; a frame's `delay` replaces the first wait.
 */
export interface CloseDecision {
  reconnect: boolean;
  /** The class of the wait before the next attempt (when reconnecting). */
  backoff?: BackoffClass;
  /** The server's window for the first wait, in ms. */
  delay?: [number, number];
}

/** A `disconnect` frame as the client keeps it. */
export interface Farewell {
  code: number;
  reason: string;
  reconnect: boolean;
  delay?: [number, number];
}

/** The longest `delay` a client accepts, in ms: a longer window is cut to it. */
export const MAX_SERVER_DELAY = 300000;

/**
 * Reads a `disconnect` frame. One without a whole-number `code` and a boolean `reconnect` is
 * ignored (undefined), so the close code alone decides; a malformed `delay` is dropped.
 */
export function readFarewell(f: Record<string, unknown>): Farewell | undefined {
  if (!Number.isInteger(f.code) || typeof f.reconnect !== 'boolean') return undefined;
  const fw: Farewell = { code: f.code as number, reason: typeof f.reason === 'string' ? f.reason : '', reconnect: f.reconnect };
  const d = f.delay;
  if (Array.isArray(d) && d.length === 2 && typeof d[0] === 'number' && typeof d[1] === 'number' && d[0] >= 0 && d[1] >= d[0] && d[1] !== Infinity) {
    fw.delay = [Math.floor(Math.min(d[0], MAX_SERVER_DELAY)), Math.floor(Math.min(d[1], MAX_SERVER_DELAY))];
  }
  return fw;
}

export function closeDecision(code: number, frame?: Farewell): CloseDecision {
  const c = frame ? frame.code : code;
  const reconnect = c !== 4003 && c !== 4011 && (frame ? frame.reconnect : c !== 4001);
  if (!reconnect) return { reconnect };
  const out: CloseDecision = { reconnect, backoff: c === 4008 ? 'rate_limited' : 'normal' };
  if (frame && frame.delay) out.delay = frame.delay;
  return out;
}
