// The client's fallback from WebSocket to HTTP streaming (docs/protocol.md section 8), on fake timers:
// an in-memory WebSocket and an in-memory fetch for /stream and /emulation.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QrPush } from '../src/client.js';
import { STREAM_GONE_GRACE } from '../src/streamsocket.js';
import type { ClientEvents, ClientOptions, SocketFactory } from '../src/types.js';
import { FakeStreamServer } from './fakeStream.js';
import { MemorySocket } from './memorySocket.js';

let client: QrPush;
let http: FakeStreamServer;
let switches: ClientEvents['transport'][];
let connected: ClientEvents['connected'][];
let gone: ClientEvents['disconnected'][];

function start(extra: Partial<ClientOptions> = {}): void {
  client = new QrPush({
    url: 'wss://push.example.com/base/ws', appkey: 'demo', WebSocket: MemorySocket as unknown as SocketFactory,
    fetch: http.fetch, pingInterval: 0, random: () => 0, ...extra,
  });
  client.on('transport', (e) => switches.push(e));
  client.on('connected', (e) => connected.push(e));
  client.on('disconnected', (e) => gone.push(e));
  client.connect();
}

// A 0 ms timer set while fake time runs is due 1 ms later: tick(1) runs what a task started.
const tick = (ms = 1) => vi.advanceTimersByTimeAsync(ms);
const sockets = () => MemorySocket.all;
const lastSocket = () => MemorySocket.all[MemorySocket.all.length - 1];

beforeEach(() => {
  vi.useFakeTimers();
  MemorySocket.all = [];
  http = new FakeStreamServer();
  switches = [];
  connected = [];
  gone = [];
});
afterEach(() => {
  client.disconnect();
  vi.useRealTimers();
});

describe('falls back to the stream', () => {
  it('when the upgrade fails: at once, with a fresh otp, and connects over the stream', async () => {
    let otps = 0;
    start({ getOtp: () => 'otp-' + ++otps, userId: 'u1' });
    await tick();
    lastSocket().serverClose(1006); // a refused upgrade: no open, no frame
    await tick();
    expect(switches).toEqual([{ transport: 'stream', failed: 'closed' }]);
    expect(client.transport).toBe('stream');
    expect(http.last.url).toBe('https://push.example.com/base/stream');
    expect(http.last.authorize).toMatchObject({ op: 'authorize', appkey: 'demo', userId: 'u1', otp: 'otp-2' });
    http.last.accept('secret-session');
    await tick();
    expect(connected).toEqual([{ sid: 'st', userId: 'anon-st', canPublish: false, transport: 'stream' }]);
    expect(gone).toEqual([]); // a fallback is no disconnect
    expect(client.info).not.toHaveProperty('session'); // a secret: the app never sees it
  });

  it('when the socket closes after opening but before the authorize reply', async () => {
    start();
    await tick();
    lastSocket().open();
    lastSocket().serverClose(1006);
    await tick();
    expect(switches).toEqual([{ transport: 'stream', failed: 'closed' }]);
    expect(http.streams).toHaveLength(1);
  });

  it('to the padded stream when no authorize reply arrives within 5 s, and from a silent stream too', async () => {
    start(); // the socket is made at once (no getOtp to wait for): the 5 s count from here
    lastSocket().open();
    await tick(4999);
    expect(http.streams).toHaveLength(0);
    await tick(1);
    await tick(1);
    expect(switches).toEqual([{ transport: 'stream', failed: 'silent' }]);
    expect(http.last.url).toBe('https://push.example.com/base/stream?padding=65536');

    switches = [];
    MemorySocket.all = [];
    http = new FakeStreamServer();
    client.disconnect();
    start({ transports: ['stream'] });
    await tick(5000);
    await tick(1);
    expect(http.streams.map((s) => s.url)).toEqual(['https://push.example.com/base/stream', 'https://push.example.com/base/stream?padding=65536']);
    expect(http.streams[0].ended).toBe(true); // the silent one was given up
    expect(switches).toEqual([{ transport: 'stream', failed: 'silent' }]);
    expect(sockets()).toHaveLength(0);
  });

  it('not when the server spoke: a disconnect frame, or any authorize answer, keeps WebSocket', async () => {
    start();
    await tick();
    lastSocket().open();
    lastSocket().receive({ op: 'disconnect', code: 1001, reason: 'draining', reconnect: true });
    lastSocket().serverClose(1001);
    await tick(2000);
    expect(http.streams).toHaveLength(0);
    expect(sockets()).toHaveLength(2); // the ordinary reconnect, on WebSocket

    lastSocket().open();
    const auth = lastSocket().sent[0];
    lastSocket().receive({ op: 'reply', id: auth.id, code: 503, error: 'unavailable', message: 'busy' });
    await tick(); // the reply settles a promise; a close event comes in a later task
    lastSocket().serverClose(1006);
    await tick(5000);
    expect(switches).toEqual([]);
    expect(http.streams).toHaveLength(0);
    expect(client.transport).toBe('websocket');
  });

  it('when a proxy or the network ended the socket: 1001, 1005 and 1011 before the reply too', async () => {
    for (const code of [1001, 1005, 1011]) {
      switches = [];
      start();
      await tick();
      lastSocket().open();
      lastSocket().serverClose(code);
      await tick();
      expect(switches).toEqual([{ transport: 'stream', failed: 'closed' }]);
      client.disconnect();
    }
  });

  it('not when the server closed with a code of its own: the close policy decides, over WebSocket', async () => {
    start();
    await tick();
    lastSocket().open();
    lastSocket().serverClose(4008); // rate-limited, no frame: wait, then WebSocket again
    await tick();
    expect(switches).toEqual([]);
    expect(gone).toEqual([{ code: 4008, reason: '', reconnect: true }]);
    expect(http.streams).toHaveLength(0);
    client.disconnect();

    gone = [];
    start();
    await tick();
    lastSocket().open();
    lastSocket().serverClose(4001); // a bad appkey or otp without its frame: the stream would be refused too
    await tick(5000);
    expect(switches).toEqual([]);
    expect(gone).toEqual([{ code: 4001, reason: '', reconnect: false }]);
    expect(client.state).toBe('closed');
    expect(http.streams).toHaveLength(0);
  });

  it('never with transports ["websocket"]: no 5 s timer, the connect timeout still applies', async () => {
    start({ transports: ['websocket'] });
    lastSocket().open();
    await tick(9999);
    expect(gone).toEqual([]);
    await tick(1);
    expect(gone).toEqual([{ code: 1006, reason: 'connect timeout', reconnect: true }]);
    expect(http.streams).toHaveLength(0);
  });
});

describe('after the round', () => {
  it('a stream that fails too ends the attempt as usual; the next attempt starts again with WebSocket', async () => {
    http.streamStatus = 503;
    start();
    await tick();
    lastSocket().serverClose(1006);
    await tick();
    expect(gone).toEqual([{ code: 1006, reason: 'HTTP 503', reconnect: true }]);
    await tick(500); // backoff with random 0: the minimum
    expect(sockets()).toHaveLength(2);
    expect(client.transport).toBe('websocket');
  });

  it('a server refusing the origin on the stream stops the client, as close 4003 does', async () => {
    http.streamStatus = 403;
    http.streamBody = JSON.stringify({ error: 'origin_not_allowed', message: 'no' });
    start();
    await tick();
    lastSocket().serverClose(1006);
    await tick();
    expect(gone).toEqual([{ code: 4003, reason: 'HTTP 403', reconnect: false }]);
    expect(client.state).toBe('closed');
  });

  it('keeps the stream that worked: its reconnects use the stream, never WebSocket again', async () => {
    start();
    await tick();
    lastSocket().serverClose(1006);
    await tick();
    http.last.accept();
    await tick();
    http.last.end();
    await tick();
    await tick(501);
    expect(http.streams).toHaveLength(2);
    expect(sockets()).toHaveLength(1);
    http.last.accept();
    await tick();
    expect(connected.map((c) => c.transport)).toEqual(['stream', 'stream']);
  });

  it('keeps WebSocket that worked: a later silence or close is a lost connection, not a fallback', async () => {
    start();
    await tick();
    lastSocket().open();
    lastSocket().answer('authorize', { sid: 's', userId: 'u', canPublish: false });
    await tick();
    lastSocket().serverClose(1006);
    await tick(500);
    lastSocket().open();
    await tick(9999);
    expect(http.streams).toHaveLength(0);
    expect(sockets()).toHaveLength(2);
  });
});

describe('over the stream', () => {
  async function overStream(extra: Partial<ClientOptions> = {}): Promise<string> {
    start({ transports: ['stream'], ...extra });
    await tick();
    const session = http.last.accept();
    await tick();
    return session;
  }

  it('sends requests up in order, batched per task, naming the session; replies come down the stream', async () => {
    const session = await overStream();
    http.holdUplinks = true;
    const a = client.subscribe('news');
    const b = client.publish('news', { n: 1 });
    await tick();
    const c = client.publish('news', { n: 2 });
    await tick(100);
    expect(http.posts.map((p) => p.frames.map((f) => f.op))).toEqual([['subscribe', 'publish']]);
    expect(http.posts[0].session).toBe(session);
    http.posts[0].release();
    await tick();
    expect(http.frames.map((f) => f.op)).toEqual(['subscribe', 'publish', 'publish']);
    const [sub, pub1, pub2] = http.frames;
    http.last.event({ op: 'reply', id: sub.id, code: 200, channel: 'news' });
    http.last.event({ op: 'reply', id: pub1.id, code: 200, guid: pub1.guid, delivered: 1 });
    http.last.event({ op: 'message', channel: 'news', guid: 'g1', ts: 1, content: 'hi' });
    http.last.event({ op: 'reply', id: pub2.id, code: 200, guid: pub2.guid, delivered: 1 });
    http.posts[1].release();
    await tick();
    await expect(a).resolves.toMatchObject({ channel: 'news' });
    await expect(b).resolves.toMatchObject({ delivered: 1 });
    await expect(c).resolves.toMatchObject({ delivered: 1 });
    await tick();
    expect(http.frames[3]).toEqual({ op: 'ack', channel: 'news', guid: 'g1' });
  });

  it('counts heartbeat comments as signs of life: no pong needed while they come', async () => {
    await overStream({ pingInterval: 1000, pongTimeout: 500 });
    for (let i = 0; i < 5; i++) {
      await tick(1000); // a ping goes up, unanswered
      http.last.write(':\n');
      await tick(0);
    }
    expect(gone).toEqual([]);
    await tick(1500); // silence: declared dead
    expect(gone).toMatchObject([{ code: 1006, reason: 'no pong' }]);
  });

  it('a session the server no longer knows (uplink 404) is a lost connection: a new stream', async () => {
    await overStream();
    http.uplinkStatus = 404;
    client.publish('news', 1).catch(() => undefined);
    await tick();
    await tick(STREAM_GONE_GRACE - 2);
    expect(gone).toEqual([]); // the stream may still bring the server's word
    await tick(1);
    expect(gone).toMatchObject([{ code: 1006, reason: 'uplink failed', reconnect: true }]);
    expect(http.streams[0].ended).toBe(true);
    await tick();
    await tick(501);
    expect(http.streams).toHaveLength(2);
  });

  it('an uplink 404 that overtook the disconnect event leaves the decision to the event', async () => {
    await overStream();
    http.holdUplinks = true;
    client.publish('news', 1).catch(() => undefined);
    await tick();
    http.posts[0].release(404); // a round-robin hop: the answer came back before the stream's last events
    await tick();
    http.last.event({ op: 'disconnect', code: 4011, reason: 'kicked', reconnect: false });
    http.last.end();
    await tick(STREAM_GONE_GRACE);
    expect(gone).toEqual([{ code: 4011, reason: 'kicked', reconnect: false }]);
    expect(client.state).toBe('closed');
  });

  it('the server ending the stream with a disconnect event is obeyed as over WebSocket', async () => {
    await overStream();
    http.last.event({ op: 'disconnect', code: 4011, reason: 'kicked', reconnect: true });
    http.last.end();
    await tick();
    expect(gone).toEqual([{ code: 4011, reason: 'kicked', reconnect: false }]);
    expect(client.state).toBe('closed');
  });
});
