/**
 * What to do when a connection ends: PROTOCOL.md section "disconnect" lists the codes; the table
 * below is our reading of them (README.md repeats it for users).
 *
 * | code            | meaning                          | action |
 * |-----------------|----------------------------------|--------|
 * | 4001            | unauthorized / unknown appkey    | stop: retrying cannot fix a wrong appkey |
 * | 4003            | origin not allowed               | stop: the page's origin will not change |
 * | 4011            | kicked by the server API         | stop: the app's backend wants this user out |
 * | 4008            | rate limited repeatedly          | slow: reconnect after 4-20 s, not 0.5-1 s |
 * | any other       | 1000, 1001 shutdown, 1006 drop, 1009, 4000, 4010 slow consumer, ... | retry |
 *
 * A `disconnect` frame with `reconnect:false` always stops, whatever its code. When the server sent
 * a `disconnect` frame its code wins over the socket's close code, because proxies and browsers
 * may report 1006 for a close whose real code they dropped.
 */
export type CloseAction = 'stop' | 'retry' | 'slow';

const STOP = [4001, 4003, 4011];
const SLOW = [4008];

export function closeAction(code: number, frame?: { code?: number; reconnect?: boolean }): CloseAction {
  if (frame && frame.reconnect === false) return 'stop';
  const c = frame && typeof frame.code === 'number' ? frame.code : code;
  if (STOP.indexOf(c) >= 0) return 'stop';
  return SLOW.indexOf(c) >= 0 ? 'slow' : 'retry';
}
