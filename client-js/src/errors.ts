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
