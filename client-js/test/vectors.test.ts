// The client against the shared client-policy vectors (protocol/vectors/client-policy.json), which
// the Java protocol module's and SDK's tests read too: every close code and error word, through the
// whole client on an in-memory socket and fake timers, so the exact wait can be read off.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffIn, DEFAULT_MAX_DELAY, DEFAULT_MIN_DELAY, RATE_LIMITED_FLOOR_FACTOR, type BackoffClass } from '../src/backoff.js';
import { QrPush } from '../src/client.js';
import { MAX_SERVER_DELAY } from '../src/closecodes.js';
import { errorAction, errorBackoff, QrPushError } from '../src/errors.js';
import { Subscriptions } from '../src/subscriptions.js';
import type { SocketFactory } from '../src/types.js';
import { LOGIN_ACTIONS, LOGIN_EVENTS, LOGIN_STATUSES } from '../src/words.js';
import { MemorySocket } from './memorySocket.js';

interface CloseVector {
  why: string;
  socket: number;
  frame: Record<string, unknown> | null;
  expect: { action: 'reconnect' | 'stop'; backoff?: BackoffClass; firstDelayMs?: [number, number] };
}
interface ErrorVector {
  error: string;
  code: number;
  action: string;
  backoff: BackoffClass;
  onAuthorize: 'reconnect' | 'stop';
  onSubscribe: 'retry' | 'surface';
}

const vectors = JSON.parse(readFileSync(new URL('../../protocol/vectors/client-policy.json', import.meta.url), 'utf8'));
const closes: CloseVector[] = vectors.closes;
const errors: ErrorVector[] = vectors.errors;

beforeEach(() => {
  vi.useFakeTimers();
  MemorySocket.all = [];
});
afterEach(() => {
  vi.useRealTimers();
});

/** A client with the default backoff settings and a pinned random draw, connecting on a memory socket. */
async function started(random: number): Promise<{ client: QrPush; socket: MemorySocket; delays: number[] }> {
  const client = new QrPush({ url: 'ws://x/ws', appkey: 'demo', WebSocket: MemorySocket as unknown as SocketFactory, pingInterval: 0, random: () => random, getOtp: () => 'otp' });
  const delays: number[] = [];
  client.on('connecting', (e) => delays.push(e.delay));
  client.connect();
  await vi.advanceTimersByTimeAsync(0); // open() awaits getOtp before making the socket
  const socket = MemorySocket.all[MemorySocket.all.length - 1];
  socket.open();
  return { client, socket, delays };
}

it('the settings are the client defaults', () => {
  expect(vectors.settings).toEqual({ minMs: DEFAULT_MIN_DELAY, maxMs: DEFAULT_MAX_DELAY, rateLimitedFloorFactor: RATE_LIMITED_FLOOR_FACTOR, maxDelayMs: MAX_SERVER_DELAY });
});

it.each(vectors.backoff as { class: BackoffClass; attempt: number; random: number; ms: number }[])('backoff $class attempt $attempt random $random', (v) => {
  expect(backoffIn(v.class, v.attempt, DEFAULT_MIN_DELAY, DEFAULT_MAX_DELAY, () => v.random)).toBe(v.ms);
});

describe('closes', () => {
  it.each(closes)('$why', async (v) => {
    const waits: number[] = [];
    for (const random of [0, 1]) {
      const { client, socket, delays } = await started(random);
      socket.answer('authorize', { sid: 's', userId: 'u', canPublish: false });
      await vi.advanceTimersByTimeAsync(0);
      const gone = new Promise<boolean>((resolve) => client.on('disconnected', (e) => resolve(e.reconnect)));
      if (v.frame) socket.receive(v.frame);
      socket.serverClose(v.socket);
      expect(await gone).toBe(v.expect.action === 'reconnect');
      expect(client.state).toBe(v.expect.action === 'reconnect' ? 'connecting' : 'closed');
      waits.push(...delays);
      client.disconnect();
    }
    if (v.expect.action === 'reconnect') expect(waits).toEqual(v.expect.firstDelayMs);
    else expect(waits).toEqual([]);
  });
});

describe('errors', () => {
  it.each(errors)('$error $code', (v) => {
    expect(errorAction(v.error, v.code)).toBe(v.action);
    expect(errorBackoff(v.error)).toBe(v.backoff);
  });

  it.each(errors)('authorize refused with $error $code: $onAuthorize', async (v) => {
    const { client, socket, delays } = await started(0);
    const req = socket.sent.find((f) => f.op === 'authorize')!;
    socket.receive({ op: 'reply', id: req.id, code: v.code, error: v.error, message: 'm' });
    await vi.advanceTimersByTimeAsync(0);
    if (v.onAuthorize === 'reconnect') {
      expect(client.state).toBe('connecting');
      expect(delays).toEqual([backoffIn(v.backoff, 0, DEFAULT_MIN_DELAY, DEFAULT_MAX_DELAY, () => 0)]);
      await vi.advanceTimersByTimeAsync(delays[0]);
      expect(MemorySocket.all).toHaveLength(2); // a new connection, with a fresh otp from getOtp
    } else {
      expect(client.state).toBe('closed');
      expect(delays).toEqual([]);
    }
    client.disconnect();
  });

  it.each(errors)('subscribe refused with $error $code: $onSubscribe', async (v) => {
    const classes: BackoffClass[] = [];
    let sent = 0;
    const subs = new Subscriptions({
      send: () => (sent++ === 0 ? Promise.reject(new QrPushError(v.code, v.error, 'm')) : new Promise(() => {})),
      emit: () => {},
      deliver: () => {},
      retryDelay: (cls) => (classes.push(cls), 10),
    });
    const outcome = subs.add('news', undefined, true).then(
      () => 'resolved',
      (e: QrPushError) => e.error,
    );
    await vi.advanceTimersByTimeAsync(10);
    if (v.onSubscribe === 'retry') {
      expect(classes).toEqual([v.backoff]);
      expect(sent).toBe(2);
    } else {
      expect(classes).toEqual([]);
      expect(await outcome).toBe(v.error);
    }
  });
});

it('the login words are the protocol words', () => {
  expect(vectors.login.actions).toEqual([...LOGIN_ACTIONS]);
  expect(vectors.login.statuses).toEqual([...LOGIN_STATUSES]);
  expect(vectors.login.events).toEqual([...LOGIN_EVENTS]);
});
