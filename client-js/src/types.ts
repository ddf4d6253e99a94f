/** Wire frames (docs/protocol.md sections 2-4), client options and client events. */

import type { TransportFailure, TransportName } from './transports.js';
import type { LOGIN_STATUSES } from './words.js';

/** Connection state of a {@link QrPush} client. */
export enum State {
  /** Not connected and not trying: before connect() and after disconnect(). */
  Disconnected = 'disconnected',
  /** Opening a socket, authorizing, or waiting out the backoff before the next attempt. */
  Connecting = 'connecting',
  /** Authorized: requests go out at once. */
  Connected = 'connected',
  /** The server refused us for good (close 4001/4003/4011, `reconnect:false`, fatal authorize error). connect() may try again. */
  Closed = 'closed',
}

/** The part of a browser WebSocket the client uses; `ws` (Node) and browsers both fit. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}
export type SocketFactory = new (url: string) => SocketLike;

export interface ClientOptions {
  /** WebSocket endpoint, e.g. `wss://push.example.com/ws`. */
  url: string;
  appkey: string;
  /** Sent in authorize; with an otp it must equal the otp's `sub`. */
  userId?: string;
  /** Asked before every connection attempt (otps are single-use); undefined = anonymous. */
  getOtp?: () => Promise<string | undefined> | string | undefined;
  /** Client name/version for the server's logs. */
  sdk?: string;
  /** ms between app-level pings once connected; 0 disables. Default 25000. */
  pingInterval?: number;
  /** ms without any frame after a ping before the socket counts as dead. Default 10000. */
  pongTimeout?: number;
  /** ms allowed for getOtp + socket open + authorize. Default 10000. */
  connectTimeout?: number;
  /** Reconnect backoff window in ms. Defaults 500 and 20000. */
  minReconnectDelay?: number;
  maxReconnectDelay?: number;
  /** Guids remembered per channel to drop redelivered messages. Default 256. */
  dedupeSize?: number;
  /** Publish frames larger than this (UTF-8 bytes) are refused locally with 413. Default 65536, the server's default. */
  maxFrameBytes?: number;
  /** WebSocket constructor; defaults to the global one (pass `ws` in Node 20). */
  WebSocket?: SocketFactory;
  /**
   * The transports the client may use (docs/protocol.md section 8). Default
   * `['websocket', 'stream']`: WebSocket first, HTTP streaming when WebSocket does not get
   * through; the first that answers is kept for the client's life.
   */
  transports?: TransportName[];
  /** ms without an authorize reply after which an untried transport is tried instead. Default 5000. */
  transportTimeout?: number;
  /** Base URL of `/stream` and `/emulation`; default derived from `url` (`wss://h/ws` → `https://h`). */
  streamUrl?: string;
  /** fetch for the streaming transport; defaults to the global one. */
  fetch?: typeof fetch;
  /** Random source for backoff jitter (tests). */
  random?: () => number;
}

export interface Reply {
  op: 'reply';
  id: number | null;
  code: number;
  error?: string;
  message?: string;
  [field: string]: unknown;
}

export interface AuthorizeReply extends Reply {
  sid: string;
  userId: string;
  canPublish: boolean;
  pingInterval?: number;
}

export interface LoginUser {
  id: string;
  name?: string;
  avatar?: string;
}

export type LoginStatus = (typeof LOGIN_STATUSES)[number];

/** The `state` of a subscribe reply on a `login:` channel. */
export interface LoginSnapshot {
  status: LoginStatus;
  user?: LoginUser;
  ticket?: string;
  /** Why it ended, where the status alone does not say: `mismatch` (the phone picked the wrong number). */
  reason?: string;
}

/** The scan answer's `client.risk` (docs/protocol.md section 4, "Login safety"). */
export interface LoginRisk {
  /** The PC and the phone share a /24 (IPv4) or /48 (IPv6): false is worth a stronger warning. */
  sameNetwork: boolean;
  /** This user's scans on this app in the last 10 minutes, this one included. */
  scansByUser: number;
}

/** Where the login will happen: the scan answer's `client`. */
export interface LoginClient {
  ip: string;
  userAgent: string | null;
  origin: string | null;
  createdAt: number;
  risk?: LoginRisk;
}

/** What a phone's `{"action":"scan"}` is answered with. */
export interface ScanAnswer {
  status: LoginStatus;
  client: LoginClient;
  /** On apps with number matching: three numbers, one of them the PC's; send the user's pick as `match`. */
  choices?: string[];
}

/** A place in a channel's history: `offset` counts its publications from 1; `epoch` changes when offsets restart. */
export interface StreamPosition {
  offset: number;
  epoch: string;
}

export interface SubscribeReply extends Reply {
  channel: string;
  state?: LoginSnapshot;
  /** History channels: the latest offset and the epoch (docs/protocol.md section 6). */
  offset?: number;
  epoch?: string;
  /** Answer to the client's own `recover`: true = `publications` hold all that was missed. */
  recovered?: boolean;
  publications?: Message[];
}

export interface HistoryOptions {
  /** Publications after this position (with `reverse`, before it); the oldest kept when absent. */
  since?: StreamPosition;
  /** At most this many; the server's default and maximum is the namespace's `historySize`. */
  limit?: number;
  /** Newest first. */
  reverse?: boolean;
}

export interface HistoryReply extends Reply {
  publications: Message[];
  /** The channel's latest offset and its epoch: a `since` of another epoch gets no publications. */
  offset: number;
  epoch: string;
}

export interface PresenceUser {
  userId: string;
  name?: string;
}

export interface PresenceClient extends PresenceUser {
  sid: string;
}

export interface PresenceReply extends Reply {
  /** Every connection subscribed to the channel. */
  clients: PresenceClient[];
  /** Distinct userIds among them. */
  users: number;
}

export interface PresenceStatsReply extends Reply {
  clients: number;
  users: number;
}

/** A `join` or `leave` on a channel with `joinLeave`: a user's first subscription began, or its last ended. */
export interface PresenceChange {
  channel: string;
  user: PresenceUser;
}

export interface PublishReply extends Reply {
  guid: string;
  delivered: number;
  duplicate?: boolean;
  /** The publication's offset on a history channel. */
  offset?: number;
}

export interface PublishOptions {
  /** Ask for a `receipt` event when the first subscriber acks. */
  receipt?: boolean;
  /** Your own idempotency key; one is generated when absent. */
  guid?: string;
}

export interface Message {
  channel: string;
  guid: string;
  from?: string;
  ts: number;
  content: unknown;
  /** Its place in the channel's history (history channels only); offsets only go up per subscription. */
  offset?: number;
}

export interface Receipt {
  channel: string;
  guid: string;
  by: string;
}

export interface ClientEvents {
  state: { state: State; previous: State };
  /** A reconnect is scheduled in `delay` ms (attempt counts from 1). */
  connecting: { attempt: number; delay: number };
  connected: { sid: string; userId: string; canPublish: boolean; transport: TransportName };
  /** Before any transport answered, the one tried `failed` (`closed` early, or stayed `silent`): now trying `transport`. */
  transport: { transport: TransportName; failed: TransportFailure };
  /** A connection (or an attempt) ended; `reconnect` tells whether the client will try again. */
  disconnected: { code: number; reason: string; reconnect: boolean };
  /**
   * A subscribe succeeded; `state` is the login snapshot; `resubscribed` after a reconnect.
   * `recovered` is set when the client asked to recover: true when every missed message was
   * delivered (before this event), false as for `recoveryFailed`.
   */
  subscribed: { channel: string; state?: LoginSnapshot; resubscribed: boolean; recovered?: boolean };
  /**
   * A resubscribe could not recover what was published while disconnected (too old, or the
   * channel's history restarted: a new `epoch`). Messages may be missing: refetch the channel's
   * state by your own means. Live messages continue from `offset`.
   */
  recoveryFailed: { channel: string; offset: number; epoch: string };
  /** A user's first subscription to `channel` began (namespaces with `joinLeave`). */
  join: PresenceChange;
  /** A user's last subscription to `channel` ended. */
  leave: PresenceChange;
  message: Message;
  receipt: Receipt;
  /** Failures nobody awaits: getOtp throwing, authorize refused, a resubscribe refused (`channel` set). */
  error: { error: Error; channel?: string };
}

/** What the login widget shows: before the code is there, a login status, or a failure to get a code. */
export type LoginState = 'loading' | LoginStatus | 'error';

/** Everything a `render` callback (or the default UI) needs to draw the widget. */
export interface LoginView {
  state: LoginState;
  /** The inline QR `<svg>`, or null while loading or when the SVG could not be fetched. */
  qr: Element | null;
  /** The text the QR encodes: the fallback when `qr` is null. */
  qrContent?: string;
  /** On a phone, `qrContent` to offer as an "Open in the app" link (a code cannot scan its own screen). */
  appLink?: string;
  /** The scanning user, when the server reveals it (always on confirm). */
  user?: LoginUser;
  /** On apps with number matching: the number to show beside the code, which the phone asks for. */
  match?: string;
  /** Why a cancelled login ended, where known: `mismatch` (the wrong number was picked on the phone). */
  reason?: string;
  expiresAt?: number;
  error?: Error;
  /** Asks for a fresh code (revoking the shown one). */
  refresh: () => Promise<void>;
}
