/**
 * What to do when a connection ends. docs/protocol.md section "disconnect" lists the codes.
 *
 * 1. A `disconnect` frame came first: its `reconnect` flag decides. The server knows why it
 *    closed: e.g. it sends 4001 with `reconnect:true` for an authorize timeout (docs/protocol.md)
 *    but `reconnect:false` for an unknown appkey, which the bare code cannot tell apart.
 * 2. No frame (or one without the flag), only a close code: this table. README.md repeats it.
 *
 * | code            | meaning                          | action |
 * |-----------------|----------------------------------|--------|
 * | 4001            | unauthorized / unknown appkey    | stop: retrying cannot fix a wrong appkey |
 * | 4003            | origin not allowed               | stop: the page's origin will not change |
 * | 4011            | kicked by the server API         | stop: the app's backend wants this user out |
 * | 4008            | rate limited repeatedly          | slow: reconnect after 4-20 s, not 0.5-1 s |
 * | any other       | 1000, 1001 shutdown, 1006 drop, 1009, 4000, 4010 slow consumer, ... | retry |
 *
 * The frame's code is used over the socket's when both exist, because proxies and browsers may
 * report 1006 for a close whose real code they dropped.
 */
export type CloseAction = 'stop' | 'retry' | 'slow';

const STOP = [4001, 4003, 4011];
const SLOW = [4008];

export function closeAction(code: number, frame?: { code?: number; reconnect?: boolean }): CloseAction {
  const c = frame && typeof frame.code === 'number' ? frame.code : code;
  const told = frame && typeof frame.reconnect === 'boolean' ? frame.reconnect : undefined;
  if (told === false || (told === undefined && STOP.indexOf(c) >= 0)) return 'stop';
  return SLOW.indexOf(c) >= 0 ? 'slow' : 'retry';
}
