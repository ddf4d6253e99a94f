import { QrPushError } from './errors.js';
import type { Reply } from './types.js';

type Waiter = { resolve: (r: Reply) => void; reject: (e: QrPushError) => void };

/**
 * Requests waiting for their reply, keyed by id. Ids increase for the client's whole life, never
 * per connection, so a late reply from an old connection can never settle a new request.
 */
export class Calls {
  private nextId = 1;
  private waiting = new Map<number, Waiter>();

  /** The id the next request will get (for size estimates). */
  peek(): number {
    return this.nextId;
  }

  /** Registers a request; returns its id and the promise of its reply (rejected with QrPushError on a non-2xx code). */
  add<R extends Reply>(): [number, Promise<R>] {
    const id = this.nextId++;
    const p = new Promise<R>((resolve, reject) => this.waiting.set(id, { resolve: resolve as Waiter['resolve'], reject }));
    return [id, p];
  }

  settle(r: Reply): void {
    const w = this.waiting.get(r.id as number);
    if (!w) return; // id null (the server could not parse a frame) or already failed
    this.waiting.delete(r.id as number);
    if (r.code >= 200 && r.code < 300) w.resolve(r);
    else w.reject(new QrPushError(r.code, r.error || 'unknown', r.message));
  }

  /** The connection is gone: nothing in flight will be answered. */
  failAll(err: QrPushError): void {
    const all = [...this.waiting.values()];
    this.waiting.clear();
    all.forEach((w) => w.reject(err));
  }
}
