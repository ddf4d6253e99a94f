import type { BackoffClass } from './backoff.js';
import { errorAction, errorBackoff, type QrPushError } from './errors.js';
import { Dedupe } from './dedupe.js';
import { Position } from './position.js';
import type { ClientEvents, Message, StreamPosition, SubscribeReply } from './types.js';

type Waiter = { resolve: (r: SubscribeReply) => void; reject: (e: QrPushError) => void };
/** A channel we want to be subscribed to, across reconnects, until remove(). */
type Sub = { token?: string; waiters: Waiter[]; done: boolean; retry?: ReturnType<typeof setTimeout>; pos: Position };

export interface SubscriptionHooks {
  /** Sends a subscribe request on the current connection. */
  send(channel: string, token?: string, recover?: StreamPosition): Promise<SubscribeReply>;
  emit<K extends 'subscribed' | 'recoveryFailed' | 'error'>(name: K, payload: ClientEvents[K]): void;
  /** Hands a message to the app (messages come in order, each once). */
  deliver(message: Message): void;
  /** Delay before asking again after an answer worth retrying, in the given class. */
  retryDelay(cls: BackoffClass): number;
}

/**
 * The channels the caller wants, with their tokens: the server forgets a connection's
 * subscriptions when it closes, so all of them are sent again after every reconnect.
 * A subscribe() promise resolves with the first successful reply, on whichever connection.
 * Each subscription keeps its {@link Position} and recovers from it on every resubscribe; what
 * reaches the app is each offset once, in order, and each guid once per channel.
 */
export class Subscriptions {
  private subs = new Map<string, Sub>();
  private seen: Dedupe;

  constructor(
    private readonly hooks: SubscriptionHooks,
    dedupeSize?: number,
  ) {
    this.seen = new Dedupe(dedupeSize);
  }

  add(channel: string, token: string | undefined, connected: boolean): Promise<SubscribeReply> {
    let sub = this.subs.get(channel);
    if (!sub) this.subs.set(channel, (sub = { token, waiters: [], done: false, pos: new Position() }));
    else if (token) sub.token = token;
    const s = sub;
    const p = new Promise<SubscribeReply>((resolve, reject) => s.waiters.push({ resolve, reject }));
    if (connected) this.send(channel, s);
    return p;
  }

  /** Forgets the channel; its waiting subscribe() calls fail with `err`. */
  remove(channel: string, err: QrPushError): void {
    const sub = this.subs.get(channel);
    this.subs.delete(channel);
    this.seen.forget(channel);
    if (sub) this.fail(sub, err);
  }

  /** A live message: delivered unless it repeats an offset; held while its channel recovers. */
  message(m: Message): void {
    const sub = this.subs.get(m.channel);
    this.deliver(sub ? sub.pos.live(m) : [m]);
  }

  /** After authorize: ask for every channel again. */
  resubscribeAll(): void {
    this.subs.forEach((sub, channel) => this.send(channel, sub));
  }

  /** The connection is gone: pending 5xx retries wait for the next one. */
  pause(): void {
    this.subs.forEach((sub) => {
      clearTimeout(sub.retry);
      sub.pos.abandon();
    });
  }

  /** Nobody will connect again by themselves: fail every waiting subscribe() (intents stay for a later connect()). */
  failWaiting(err: QrPushError): void {
    this.subs.forEach((sub) => this.fail(sub, err));
  }

  private fail(sub: Sub, err: QrPushError): number {
    clearTimeout(sub.retry);
    const waiters = sub.waiters;
    sub.waiters = [];
    waiters.forEach((w) => w.reject(err));
    return waiters.length;
  }

  private send(channel: string, sub: Sub): void {
    this.hooks.send(channel, sub.token, sub.pos.recover()).then(
      (r) => {
        if (this.subs.get(channel) !== sub) return; // removed meanwhile
        const { deliver, recovered } = sub.pos.settle(r);
        this.deliver(deliver);
        const resubscribed = sub.done;
        sub.done = true;
        const waiters = sub.waiters;
        sub.waiters = [];
        waiters.forEach((w) => w.resolve(r));
        this.hooks.emit('subscribed', { channel, state: r.state, resubscribed, recovered });
        if (recovered === false) this.hooks.emit('recoveryFailed', { channel, offset: r.offset ?? 0, epoch: r.epoch as string });
      },
      (e: QrPushError) => {
        sub.pos.abandon();
        if (e.error === 'disconnected' || this.subs.get(channel) !== sub) return; // resent after reconnect / unwanted
        let told = sub.waiters.length;
        if (errorAction(e.error, e.code) === 'retry') {
          // Server trouble or a request budget that refills (docs/protocol.md, "Client behaviour"): waiters keep waiting.
          sub.retry = setTimeout(() => this.send(channel, sub), this.hooks.retryDelay(errorBackoff(e.error)));
          told = 0;
        } else {
          this.subs.delete(channel); // refused: asking again cannot help
          this.fail(sub, e);
        }
        // A failure that no promise reports (a resubscribe, a retry) still has to reach the app.
        if (!told) this.hooks.emit('error', { error: e, channel });
      },
    );
  }

  /** A guid seen on the channel already is a redelivery after a lost ack: the app has it. */
  private deliver(messages: Message[]): void {
    for (const m of messages) {
      if (!this.seen.add(m.channel, m.guid)) continue;
      this.hooks.deliver({ channel: m.channel, guid: m.guid, from: m.from, ts: m.ts, content: m.content, offset: m.offset });
    }
  }
}
