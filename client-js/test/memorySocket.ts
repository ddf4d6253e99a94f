// A socket that lives in memory, for tests that run on vitest fake timers (a real socket's I/O
// would not advance with fake time).
import type { SocketLike } from '../src/types.js';

export class MemorySocket implements SocketLike {
  static all: MemorySocket[] = [];
  readyState = 0;
  readonly sent: Record<string, any>[] = [];
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;

  constructor(readonly url: string) {
    MemorySocket.all.push(this);
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }

  close(): void {
    this.readyState = 3;
  }

  // ---- the server's side ----

  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }

  receive(frame: Record<string, unknown>): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }

  /** Answers the last request with `op` (200 plus `fields`). */
  answer(op: string, fields: Record<string, unknown> = {}): void {
    const req = [...this.sent].reverse().find((f) => f.op === op);
    if (!req) throw new Error('no ' + op + ' sent');
    this.receive({ op: 'reply', id: req.id, code: 200, ...fields });
  }

  serverClose(code: number, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
}
