// @vitest-environment happy-dom
// The widget riding out 503/429 refusals with Retry-After, on fake timers: a scripted fetch and an
// in-memory socket, since real I/O would not advance with fake time.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { qrLogin, type QrLoginHandle } from '../src/qrlogin.js';
import { QrPushError } from '../src/errors.js';
import { retryAfterDelay } from '../src/retryafter.js';
import type { LoginView, SocketFactory } from '../src/types.js';
import { MemorySocket } from './memorySocket.js';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29"><path d="M0 0h7v7H0z"/></svg>';
const CREATED = { key: 'k1', channel: 'login:k1', token: 'tok1', qrContent: 'https://example.com/qr?k=k1', qrPng: '/p.png', qrSvg: '/s.svg', expiresAt: 0 };

/** Answers of POST /api/login/sessions, in order; the last one repeats. */
let answers: { status: number; body: unknown; retryAfter?: string }[];
let posts: number;
let handle: QrLoginHandle | undefined;
let views: LoginView[];

function fakeFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  // Only creations: a socket silent for 5 s makes the client try POST /stream (404 here) too.
  if (init.method === 'POST' && String(input).endsWith('/api/login/sessions')) {
    const a = answers[Math.min(posts++, answers.length - 1)];
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (a.retryAfter !== undefined) headers['Retry-After'] = a.retryAfter;
    return Promise.resolve(new Response(JSON.stringify(a.body), { status: a.status, headers }));
  }
  if (init.method === 'POST') return Promise.resolve(new Response(null, { status: 404 }));
  if (init.method === 'DELETE') return Promise.resolve(new Response(null, { status: 204 }));
  return Promise.resolve(new Response(SVG, { status: 200 }));
}

const unavailable = (retryAfter?: string) => ({ status: 503, body: { error: 'unavailable', message: 'overloaded' }, retryAfter });
const created = { status: 201, body: CREATED };
const states = () => views.map((v) => v.state);

function start(random = () => 0.5): void {
  handle = qrLogin({
    server: 'http://push.test',
    appkey: 'demo',
    onConfirmed: () => undefined,
    render: (v) => views.push(v),
    fetch: fakeFetch as typeof fetch,
    WebSocket: MemorySocket as unknown as SocketFactory,
    client: { pingInterval: 0, random },
  });
}

beforeEach(() => {
  vi.useFakeTimers();
  MemorySocket.all = [];
  posts = 0;
  views = [];
});
afterEach(() => {
  handle?.destroy();
  handle = undefined;
  vi.useRealTimers();
});

describe('qrLogin under Retry-After refusals', () => {
  it('waits out a 503 with Retry-After and shows the code, never the error', async () => {
    answers = [unavailable('2'), created];
    start();
    await vi.advanceTimersByTimeAsync(0);
    expect(posts).toBe(1);
    expect(handle!.state).toBe('loading');
    await vi.advanceTimersByTimeAsync(2500); // 2 s + 0.5 of the 1 s jitter
    expect(posts).toBe(2);
    expect(handle!.state).toBe('waiting');
    expect(states()).toEqual(['loading', 'waiting']);
  });

  it('sends no second request before Retry-After (plus jitter) has passed', async () => {
    answers = [{ status: 429, body: { error: 'rate_limited', message: 'slow down' }, retryAfter: '7' }, created];
    start(() => 0.25);
    await vi.advanceTimersByTimeAsync(7249);
    expect(posts).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(posts).toBe(2);
  });

  it('gives up after 3 retries and shows the error with the server word', async () => {
    answers = [unavailable('1')];
    start(() => 0);
    for (let i = 1; i <= 3; i++) {
      await vi.advanceTimersByTimeAsync(999);
      expect(posts).toBe(i);
      expect(handle!.state).toBe('loading');
      await vi.advanceTimersByTimeAsync(1);
    }
    expect(posts).toBe(4);
    expect(handle!.state).toBe('error');
    expect(states()).toEqual(['loading', 'error']);
    const error = views.at(-1)!.error as QrPushError;
    expect(error).toMatchObject({ code: 503, error: 'unavailable', message: 'overloaded' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(posts).toBe(4);
  });

  it('shows the error at once for a 503 without Retry-After', async () => {
    answers = [unavailable()];
    start();
    await vi.advanceTimersByTimeAsync(0);
    expect(handle!.state).toBe('error');
    expect((views.at(-1)!.error as QrPushError).error).toBe('unavailable');
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(posts).toBe(1);
  });

  it('destroy() during the wait cancels it: no timer left, no further request', async () => {
    answers = [unavailable('5'), created];
    start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(vi.getTimerCount()).toBe(1);
    handle!.destroy();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(posts).toBe(1);
    expect(states()).toEqual(['loading']);
  });

  it('refresh() during the wait asks at once and drops the old wait', async () => {
    answers = [unavailable('5'), created];
    start();
    await vi.advanceTimersByTimeAsync(1000);
    void handle!.refresh(); // its promise ends with the subscribe, which no socket answers here
    await vi.advanceTimersByTimeAsync(0);
    expect(posts).toBe(2);
    expect(handle!.state).toBe('waiting');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(posts).toBe(2);
  });
});

describe('retryAfterDelay', () => {
  const refused = (code: number, after?: number) => new QrPushError(code, 'x', 'm', after);

  it('clamps the server seconds to 1-30 s and adds under 1 s of jitter', () => {
    expect(retryAfterDelay(refused(503, 0), () => 0)).toBe(1000);
    expect(retryAfterDelay(refused(429, 3600), () => 0)).toBe(30_000);
    expect(retryAfterDelay(refused(503, 4), () => 0.999)).toBe(4999);
  });

  it('retries only 503 and 429 that carry Retry-After', () => {
    expect(retryAfterDelay(refused(503), () => 0)).toBeNull();
    expect(retryAfterDelay(refused(500, 2), () => 0)).toBeNull();
    expect(retryAfterDelay(new Error('offline'), () => 0)).toBeNull();
  });
});
