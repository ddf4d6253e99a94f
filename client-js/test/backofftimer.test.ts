// The reconnect schedule on fake timers (an in-memory socket, since real I/O ignores fake time).
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { QrPush } from '../src/client.js';
import type { SocketFactory } from '../src/types.js';
import { MemorySocket } from './memorySocket.js';

let client: QrPush;

beforeEach(() => {
  vi.useFakeTimers();
  MemorySocket.all = [];
  client = new QrPush({ url: 'ws://x/ws', appkey: 'demo', WebSocket: MemorySocket as unknown as SocketFactory, pingInterval: 0, random: () => 0.5 });
});
afterEach(() => {
  client.disconnect();
  vi.useRealTimers();
});

async function connectSocket(): Promise<MemorySocket> {
  await vi.advanceTimersByTimeAsync(0); // open() awaits getOtp before making the socket
  const s = MemorySocket.all[MemorySocket.all.length - 1];
  s.open();
  s.answer('authorize', { sid: 's', userId: 'anon-s', canPublish: false });
  await vi.advanceTimersByTimeAsync(0);
  return s;
}

it('waits exactly the backoff delay, growing per failed attempt, and resets after success', async () => {
  const delays: number[] = [];
  client.on('connecting', (e) => delays.push(e.delay));
  client.connect();
  (await connectSocket()).serverClose(1006);
  // random 0.5 → 500 + 0.5 * (1000 - 500)
  expect(delays).toEqual([750]);
  await vi.advanceTimersByTimeAsync(749);
  expect(MemorySocket.all).toHaveLength(1);
  await vi.advanceTimersByTimeAsync(1);
  expect(MemorySocket.all).toHaveLength(2);

  // The next attempt fails before opening: the window doubles (500 + 0.5 * 1500).
  MemorySocket.all[1].serverClose(1006);
  expect(delays).toEqual([750, 1250]);
  await vi.advanceTimersByTimeAsync(1250);
  expect(MemorySocket.all).toHaveLength(3);

  // A successful authorize resets the attempt count.
  MemorySocket.all[2].open();
  MemorySocket.all[2].answer('authorize', { sid: 's', userId: 'u', canPublish: false });
  await vi.advanceTimersByTimeAsync(0); // the reply settles a promise
  expect(client.state).toBe('connected');
  MemorySocket.all[2].serverClose(1001);
  expect(delays).toEqual([750, 1250, 750]);
});

it('waits 4-20 s after 4008 (rate limited) instead of 0.5-1 s', async () => {
  const delays: number[] = [];
  client.on('connecting', (e) => delays.push(e.delay));
  client.connect();
  (await connectSocket()).serverClose(4008);
  expect(delays).toEqual([4000 + 0.5 * (20000 - 4000)]);
});

it('never reconnects after disconnect(), even with a timer pending', async () => {
  client.connect();
  (await connectSocket()).serverClose(1006);
  client.disconnect();
  await vi.advanceTimersByTimeAsync(60000);
  expect(MemorySocket.all).toHaveLength(1);
  expect(vi.getTimerCount()).toBe(0);
});

it('sends a ping each interval and kills the socket when nothing answers within pongTimeout', async () => {
  client = new QrPush({ url: 'ws://x/ws', appkey: 'demo', WebSocket: MemorySocket as unknown as SocketFactory, pingInterval: 1000, pongTimeout: 300, random: () => 0 });
  client.connect();
  const s = await connectSocket();
  await vi.advanceTimersByTimeAsync(1000);
  expect(s.sent.filter((f) => f.op === 'ping')).toHaveLength(1);
  s.receive({ op: 'pong' });
  await vi.advanceTimersByTimeAsync(1000 + 299);
  expect(s.sent.filter((f) => f.op === 'ping')).toHaveLength(2);
  expect(s.readyState).toBe(1);
  await vi.advanceTimersByTimeAsync(1);
  expect(s.readyState).toBe(3); // closed by the client
  expect(client.state).toBe('connecting');
});
