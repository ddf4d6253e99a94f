import type { BackoffClass } from './backoff.js';

/**
 * A failed request. `code` and `error` are the server's reply fields (docs/protocol.md section 3).
 * Errors made by the client itself have code 0 and one of these words:
 * `disconnected` (the client disconnected or the server closed for good before the answer),
 * `unsubscribed` (unsubscribe() was called while the subscribe waited),
 * `no_websocket` (no WebSocket implementation available).
 * A publish too large to send is refused locally as 413 `too_large`, like the server would.
 * `retryAfter` is an HTTP answer's `Retry-After` in seconds, when it carried one as a number.
 */
export class QrPushError extends Error {
  readonly code: number;
  readonly error: string;
  readonly retryAfter?: number;

  constructor(code: number, error: string, message?: string, retryAfter?: number) {
    super(message || error);
    this.name = 'QrPushError';
    this.code = code;
    this.error = error;
    if (retryAfter !== undefined) this.retryAfter = retryAfter;
  }
}

/**
 * What the client does with a failed reply, by its error word, never by its message
 * (docs/protocol.md, "Client behaviour"; the Java SDK's `ErrorAction`):
 * `retry` the same thing after a wait, `reauthorize` with a fresh otp on a new connection,
 * `stop` (the app's credentials or origin are wrong), or `surface` it to the app.
 */
export type ErrorAction = 'retry' | 'reauthorize' | 'stop' | 'surface';

const ACTIONS: Record<string, ErrorAction> = {
  internal: 'retry',
  unavailable: 'retry',
  rate_limited: 'retry',
  bad_otp: 'reauthorize',
  otp_reused: 'reauthorize',
  otp_expired: 'reauthorize',
  unauthorized: 'stop',
  origin_not_allowed: 'stop',
};

/**
 * The action for an error word (every word not in the table above surfaces). A word this version
 * does not know falls back on its code: 5xx is server trouble, safe to retry.
 */
export function errorAction(word: string, code: number): ErrorAction {
  if (Object.prototype.hasOwnProperty.call(ACTIONS, word)) return ACTIONS[word];
  return code >= 500 && code <= 599 ? 'retry' : 'surface';
}

/** The window of a retry's wait: `rate_limited` waits in the rate-limited one. */
export function errorBackoff(word: string): BackoffClass {
  return word === 'rate_limited' ? 'rate_limited' : 'normal';
}
