import type { QrPushError } from './errors.js';
import type { PublishReply } from './types.js';

export type PublishFrame = { op: 'publish'; channel: string; content: unknown; guid: string; retried: number; receipt?: boolean };
type Item = { frame: PublishFrame; sent: boolean; resolve: (r: PublishReply) => void; reject: (e: QrPushError) => void };

/**
 * Publishes until their reply arrives. One sent but unanswered when the connection drops is sent
 * again after the reconnect with the same guid and `retried` + 1: the server may or may not have
 * seen it, and answers a guid it has seen with `duplicate:true` instead of delivering twice.
 * A Set iterates in insertion order, so retries keep the publish order.
 */
export class Outbox {
  private items = new Set<Item>();

  constructor(private readonly send: (frame: PublishFrame) => Promise<PublishReply>) {}

  add(frame: PublishFrame, connected: boolean): Promise<PublishReply> {
    return new Promise((resolve, reject) => {
      const item: Item = { frame, sent: false, resolve, reject };
      this.items.add(item);
      if (connected) this.post(item);
    });
  }

  /** After authorize: send everything still unanswered. */
  flush(): void {
    this.items.forEach((item) => this.post(item));
  }

  failAll(err: QrPushError): void {
    const items = [...this.items];
    this.items.clear();
    items.forEach((item) => item.reject(err));
  }

  private post(item: Item): void {
    if (item.sent) item.frame.retried++;
    item.sent = true;
    this.send({ ...item.frame }).then(
      (r) => {
        this.items.delete(item);
        item.resolve(r);
      },
      (e: QrPushError) => {
        if (e.error === 'disconnected') return; // stays for the reconnect
        this.items.delete(item);
        item.reject(e);
      },
    );
  }
}
