import { backoffIn, DEFAULT_MAX_DELAY, DEFAULT_MIN_DELAY, waitAfter } from './backoff.js';
import { Calls } from './calls.js';
import { closeDecision, readFarewell, type CloseDecision, type Farewell } from './closecodes.js';
import { errorAction, errorBackoff, QrPushError } from './errors.js';
import { Emitter } from './events.js';
import { makeGuid } from './guid.js';
import { Heartbeat } from './heartbeat.js';
import { Outbox, type PublishFrame } from './outbox.js';
import { openSocket } from './sockets.js';
import { Subscriptions } from './subscriptions.js';
import { closedByNetwork, TransportPlan, type TransportFailure, type TransportName } from './transports.js';
import {
  State,
  type AuthorizeReply,
  type ClientEvents,
  type ClientOptions,
  type HistoryOptions,
  type HistoryReply,
  type Message,
  type PresenceReply,
  type PresenceStatsReply,
  type PublishOptions,
  type PublishReply,
  type Reply,
  type SocketLike,
  type SubscribeReply,
} from './types.js';

type Frame = { op: string; [field: string]: unknown };

const OPEN = 1;

/**
 * A qrpush connection: authorize, subscribe, publish, receive; reconnects by itself.
 * See README.md for the event list and the close-code table.
 */
export class QrPush {
  readonly options: Readonly<Required<Omit<ClientOptions, 'userId' | 'getOtp' | 'WebSocket' | 'streamUrl' | 'fetch'>> & ClientOptions>;
  /** The last authorize reply (sid, userId, canPublish), while connected. */
  info: AuthorizeReply | null = null;

  private ev = new Emitter<ClientEvents>();
  private channels = new Emitter<Record<string, Message>>();
  private current = State.Disconnected;
  private ws: SocketLike | null = null;
  private calls = new Calls();
  private subs: Subscriptions;
  private outbox = new Outbox((frame) => this.call<PublishReply>(frame));
  private attempt = 0;
  // Bumped whenever a connection attempt is abandoned, so a late getOtp() answer is ignored.
  private epoch = 0;
  private timer?: ReturnType<typeof setTimeout>;
  // Until a transport answered: moves on to the next transport when this one stays silent.
  private silence?: ReturnType<typeof setTimeout>;
  private plan: TransportPlan;
  private heartbeat: Heartbeat;
  private farewell?: Farewell;

  constructor(options: ClientOptions) {
    this.options = {
      sdk: 'qrpush-js/0.1.0',
      pingInterval: 25000,
      pongTimeout: 10000,
      connectTimeout: 10000,
      minReconnectDelay: DEFAULT_MIN_DELAY,
      maxReconnectDelay: DEFAULT_MAX_DELAY,
      dedupeSize: 256,
      maxFrameBytes: 65536,
      random: Math.random,
      transports: ['websocket', 'stream'],
      transportTimeout: 5000,
      ...options,
    };
    this.plan = new TransportPlan(this.options.transports);
    const { minReconnectDelay, maxReconnectDelay, random } = this.options;
    this.subs = new Subscriptions({
      send: (channel, token, recover) => this.call<SubscribeReply>({ op: 'subscribe', channel, token, recover }),
      emit: (name, payload) => this.ev.emit(name, payload),
      deliver: (m) => {
        this.ev.emit('message', m);
        this.channels.emit(m.channel, m);
      },
      retryDelay: (cls) => backoffIn(cls, 2, minReconnectDelay, maxReconnectDelay, random),
    }, this.options.dedupeSize);
    const { pingInterval, pongTimeout } = this.options;
    this.heartbeat = new Heartbeat(pingInterval, pongTimeout, () => this.raw({ op: 'ping' }), () => this.ended(1006, 'no pong'));
  }

  get state(): State {
    return this.current;
  }

  /** The transport of the current connection or attempt; once one answered, kept for the client's life. */
  get transport(): TransportName {
    return this.plan.current.name;
  }

  on<K extends keyof ClientEvents>(name: K, fn: (payload: ClientEvents[K]) => void): () => void {
    return this.ev.on(name, fn);
  }

  off<K extends keyof ClientEvents>(name: K, fn: (payload: ClientEvents[K]) => void): void {
    this.ev.off(name, fn);
  }

  /** Listens to one channel's messages (deduplicated); returns a function that stops listening. */
  onMessage(channel: string, fn: (m: Message) => void): () => void {
    return this.channels.on(channel, fn);
  }

  /** Starts connecting; idempotent while connecting or connected. */
  connect(): void {
    if (this.current === State.Connecting || this.current === State.Connected) return;
    this.attempt = 0;
    void this.open();
  }

  /** Closes the connection and stops reconnecting. Waiting requests are rejected; subscriptions are kept for the next connect(). */
  disconnect(): void {
    const was = this.current;
    this.teardown();
    this.failWaiting('client disconnected');
    this.setState(State.Disconnected);
    if (was === State.Connecting || was === State.Connected) this.ev.emit('disconnected', { code: 1000, reason: 'client disconnect', reconnect: false });
  }

  /** Subscribes now or, when not connected, as soon as connected; re-subscribed after every reconnect. */
  subscribe(channel: string, token?: string): Promise<SubscribeReply> {
    return this.subs.add(channel, token, this.current === State.Connected);
  }

  unsubscribe(channel: string): Promise<Reply> {
    this.subs.remove(channel, new QrPushError(0, 'unsubscribed', channel));
    // Without a connection the server holds no subscription for us: nothing to tell it.
    const done: Reply = { op: 'reply', id: null, code: 200, channel };
    if (this.current !== State.Connected) return Promise.resolve(done);
    return this.call({ op: 'unsubscribe', channel }).catch((e: QrPushError) => {
      if (e.error === 'disconnected') return done;
      throw e;
    });
  }

  /**
   * Publishes now or when connected. If the connection drops before the reply, the same frame
   * (same guid, `retried` + 1) is sent again after the reconnect; the server answers a guid it has
   * seen with `duplicate:true` instead of delivering twice.
   */
  publish(channel: string, content: unknown, opts: PublishOptions = {}): Promise<PublishReply> {
    const frame: PublishFrame = { op: 'publish', channel, content, guid: opts.guid || makeGuid(), retried: 0, receipt: opts.receipt || undefined };
    // The server closes the whole connection (1009) on an oversized frame; refusing here keeps
    // that frame from being retried into the same wall after every reconnect.
    const bytes = new TextEncoder().encode(JSON.stringify({ ...frame, id: this.calls.peek() })).length;
    if (bytes > this.options.maxFrameBytes) return Promise.reject(new QrPushError(413, 'too_large', `frame of ${bytes} bytes`));
    return this.outbox.add(frame, this.current === State.Connected);
  }

  /** Reads a history channel's kept publications (docs/protocol.md section 6); `token` on protected channels. */
  async history(channel: string, opts: HistoryOptions & { token?: string } = {}): Promise<HistoryReply> {
    const r = await this.query<HistoryReply>({ op: 'history', channel, ...opts });
    return { ...r, publications: (r.publications || []).map((p) => ({ ...p, channel })) };
  }

  /** Who is subscribed to the channel now: every connection, and the number of distinct users. */
  presence(channel: string, token?: string): Promise<PresenceReply> {
    return this.query<PresenceReply>({ op: 'presence', channel, token });
  }

  /** The presence counts only: cheap on large channels. */
  presenceStats(channel: string, token?: string): Promise<PresenceStatsReply> {
    return this.query<PresenceStatsReply>({ op: 'presence_stats', channel, token });
  }

  // ---- connection lifecycle ----

  private async open(): Promise<void> {
    const epoch = ++this.epoch;
    this.setState(State.Connecting);
    this.timer = setTimeout(() => this.ended(1006, 'connect timeout'), this.options.connectTimeout);
    let otp: string | undefined;
    try {
      otp = this.options.getOtp ? await this.options.getOtp() : undefined;
    } catch (error) {
      if (epoch !== this.epoch) return;
      this.ev.emit('error', { error: error as Error });
      return this.ended(1006, 'getOtp failed');
    }
    if (epoch !== this.epoch) return;
    let ws: SocketLike;
    try {
      ws = this.ws = openSocket(this.plan.current, this.options, () => this.heartbeat.alive());
    } catch (error) {
      // No WebSocket at all: the stream may do. A bad URL or mixed content (ws: from an https
      // page) would fail the same over HTTP: retrying cannot help.
      if ((error as QrPushError).error === 'no_websocket' && this.fallBack('closed')) return;
      this.ev.emit('error', { error: error as Error });
      return this.ended(1006, (error as Error).message, { reconnect: false });
    }
    if (this.plan.next('silent')) this.silence = setTimeout(() => this.fallBack('silent'), this.options.transportTimeout);
    ws.onopen = () => {
      const { appkey, userId, sdk } = this.options;
      this.call<AuthorizeReply>({ op: 'authorize', appkey, userId, otp, sdk }).then(
        (r) => this.ready(r),
        (e: QrPushError) => this.refused(e),
      );
    };
    ws.onmessage = (ev) => this.onFrame(String(ev.data));
    ws.onclose = (ev) => {
      // Closed by the network with no word from the server before any transport answered: try the
      // next one now. A code the server chose is its answer: the close policy decides (ended).
      if (!this.farewell && closedByNetwork(ev.code) && this.fallBack('closed')) return;
      this.ended(ev.code, ev.reason);
    };
    ws.onerror = () => {}; // a close event always follows; it carries the code
  }

  /**
   * Before any transport answered, this attempt's transport failed: moves to the next one (if
   * any) and opens it at once, without a backoff (transports.ts). False: nowhere left to go.
   */
  private fallBack(how: TransportFailure): boolean {
    const next = this.plan.advance(how);
    if (!next) return false;
    this.teardown();
    this.ev.emit('transport', { transport: next.name, failed: how });
    void this.open();
    return true;
  }

  /** The authorize was answered, whatever the answer: this transport gets through. */
  private answered(): void {
    clearTimeout(this.silence);
    this.plan.keep();
  }

  private ready(r: AuthorizeReply): void {
    clearTimeout(this.timer);
    this.answered();
    this.attempt = 0;
    this.info = r;
    this.setState(State.Connected);
    this.ev.emit('connected', { sid: r.sid, userId: r.userId, canPublish: r.canPublish, transport: this.transport });
    this.heartbeat.start();
    // Subscriptions first: replies come back in request order, and a retried publish to a
    // channel we also listen on should find us subscribed.
    this.subs.resubscribeAll();
    this.outbox.flush();
  }

  /** authorize was answered with an error: its word says whether a new attempt (with a fresh otp, as every attempt asks getOtp) can help. */
  private refused(e: QrPushError): void {
    if (e.error === 'disconnected') return;
    this.answered();
    this.ev.emit('error', { error: e });
    const action = errorAction(e.error, e.code);
    if (action === 'retry' || action === 'reauthorize') this.ended(1006, e.message, { reconnect: true, backoff: errorBackoff(e.error) });
    else this.ended(e.code === 403 ? 4003 : 4001, e.message, { reconnect: false });
  }

  /**
   * The connection (or the attempt) is over, whoever ended it: the server (close event) or we
   * (timeouts, refused authorize, which pass their own `decided`). Decides between reconnecting
   * and stopping, as the close-code policy says (closecodes.ts).
   */
  private ended(code: number, reason: string, decided?: CloseDecision): void {
    const frame = this.farewell;
    this.teardown();
    this.plan.restart();
    const decision = decided || closeDecision(code, frame);
    const reconnect = decision.reconnect;
    this.ev.emit('disconnected', { code: frame?.code ?? code, reason: frame?.reason || reason, reconnect });
    if (!reconnect) {
      this.failWaiting(`closed by server (${frame?.code ?? code})`);
      return this.setState(State.Closed);
    }
    const { minReconnectDelay, maxReconnectDelay, random } = this.options;
    const delay = waitAfter(decision, this.attempt, minReconnectDelay, maxReconnectDelay, random);
    this.attempt++;
    this.setState(State.Connecting);
    this.ev.emit('connecting', { attempt: this.attempt, delay });
    this.timer = setTimeout(() => void this.open(), delay);
  }

  /** Forgets (and closes) the socket and its timers; in-flight requests fail with `disconnected`, which the subscribe and publish layers treat as "retry after reconnect". */
  private teardown(): void {
    this.epoch++;
    clearTimeout(this.timer);
    clearTimeout(this.silence);
    this.heartbeat.stop();
    this.farewell = undefined;
    this.info = null;
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onopen = ws.onmessage = ws.onclose = null;
      // Not null: Node's ws emits 'error' when a socket still connecting is closed, and an
      // EventEmitter 'error' without a listener would crash the process.
      ws.onerror = () => {};
      try {
        ws.close(1000);
      } catch {
        // already closed
      }
    }
    this.calls.failAll(new QrPushError(0, 'disconnected', 'connection lost'));
    this.subs.pause();
  }

  /** Nobody will send these any more: reject what callers are waiting for. */
  private failWaiting(why: string): void {
    const err = new QrPushError(0, 'disconnected', why);
    this.outbox.failAll(err);
    this.subs.failWaiting(err);
  }

  private setState(next: State): void {
    const previous = this.current;
    if (previous === next) return;
    this.current = next;
    this.ev.emit('state', { state: next, previous });
  }

  // ---- frames ----

  private raw(frame: Frame): void {
    if (this.ws && this.ws.readyState === OPEN) this.ws.send(JSON.stringify(frame));
  }

  /** A read on the current connection; without one it fails at once rather than waiting. */
  private query<R extends Reply>(frame: Frame): Promise<R> {
    if (this.current !== State.Connected) return Promise.reject(new QrPushError(0, 'disconnected', 'not connected'));
    return this.call<R>(frame);
  }

  private call<R extends Reply>(frame: Frame): Promise<R> {
    const [id, reply] = this.calls.add<R>();
    // op first, then id: easier to read in logs and dev tools.
    const { op, ...rest } = frame;
    this.raw({ op, id, ...rest });
    return reply;
  }

  private onFrame(data: string): void {
    let f: Frame & Record<string, any>;
    try {
      f = JSON.parse(data);
    } catch {
      return; // not ours to judge; the server never sends non-JSON
    }
    this.heartbeat.alive();
    if (f.op === 'reply') {
      this.calls.settle(f as Reply);
    } else if (f.op === 'message') {
      this.subs.message(f as unknown as Message);
      // Ack repeats too: a redelivery means the server never saw our first ack.
      this.raw({ op: 'ack', channel: f.channel, guid: f.guid });
    } else if (f.op === 'join' || f.op === 'leave') {
      this.ev.emit(f.op, { channel: f.channel, user: f.user });
    } else if (f.op === 'receipt') {
      this.ev.emit('receipt', { channel: f.channel, guid: f.guid, by: f.by });
    } else if (f.op === 'disconnect') {
      this.farewell = readFarewell(f) || this.farewell; // acted on when the close follows
    }
  }
}
