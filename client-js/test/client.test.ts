// Requests, replies, messages, acks and receipts against a real ws server.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { QrPush } from '../src/client.js';
import { QrPushError } from '../src/errors.js';
import { State, type Message } from '../src/types.js';
import { FakeServer } from './fakeServer.js';
import { makeClient, next } from './helpers.js';

let server: FakeServer;
let client: QrPush;

beforeEach(async () => {
  server = await FakeServer.start();
});
afterEach(async () => {
  client?.disconnect();
  await server.close();
});

describe('connect', () => {
  it('authorizes first, with appkey, userId, otp and sdk', async () => {
    client = makeClient(server.url, { userId: 'u17', getOtp: async () => 'otp-1' });
    const connected = next(client, 'connected');
    client.connect();
    expect(await connected).toEqual({ sid: 's0', userId: 'u17', canPublish: true, transport: 'websocket' });
    expect(client.state).toBe(State.Connected);
    expect(server.last.received[0]).toEqual({ op: 'authorize', id: 1, appkey: 'demo', userId: 'u17', otp: 'otp-1', sdk: 'qrpush-js/0.1.0' });
  });

  it('is anonymous without getOtp: no otp field', async () => {
    client = makeClient(server.url);
    client.connect();
    await next(client, 'connected');
    expect(server.last.received[0]).not.toHaveProperty('otp');
  });

  it('walks disconnected → connecting → connected → disconnected', async () => {
    client = makeClient(server.url);
    const states: State[] = [];
    client.on('state', (e) => states.push(e.state));
    client.connect();
    await next(client, 'connected');
    client.disconnect();
    expect(states).toEqual([State.Connecting, State.Connected, State.Disconnected]);
    await server.last.closed;
  });

  it('holds requests made before connecting and sends them after authorize', async () => {
    client = makeClient(server.url);
    const sub = client.subscribe('news');
    const pub = client.publish('news', { a: 1 });
    client.connect();
    await expect(sub).resolves.toMatchObject({ code: 200, channel: 'news' });
    await expect(pub).resolves.toMatchObject({ code: 200, delivered: 1 });
    expect(server.last.received.map((f) => f.op)).toEqual(['authorize', 'subscribe', 'publish']);
  });
});

describe('requests', () => {
  beforeEach(async () => {
    client = makeClient(server.url);
    client.connect();
    await next(client, 'connected');
  });

  it('uses increasing integer ids', async () => {
    await client.subscribe('a');
    await client.publish('a', 1);
    await client.unsubscribe('a');
    expect(server.last.received.map((f) => f.id)).toEqual([1, 2, 3, 4]);
  });

  it('matches replies by id, not by arrival order', async () => {
    const held: Record<string, any>[] = [];
    server.handler = (f) => (f.op === 'publish' ? (held.push(f), null) : undefined);
    const first = client.publish('news', 'first');
    const second = client.publish('news', 'second');
    await vi.waitFor(() => expect(held).toHaveLength(2));
    for (const f of held.reverse()) server.last.send({ op: 'reply', id: f.id, code: 200, guid: f.guid, delivered: f.content === 'first' ? 11 : 22 });
    expect((await first).delivered).toBe(11);
    expect((await second).delivered).toBe(22);
  });

  it('rejects a failed request with a typed QrPushError', async () => {
    server.handler = (f) => (f.op === 'subscribe' ? { code: 403, error: 'bad_token', message: 'token does not match channel' } : undefined);
    const err = await client.subscribe('private:x', 'tok').catch((e) => e);
    expect(err).toBeInstanceOf(QrPushError);
    expect(err).toMatchObject({ code: 403, error: 'bad_token', message: 'token does not match channel', name: 'QrPushError' });
  });

  it('sends the publish fields: guid generated, retried 0, receipt when asked', async () => {
    const r = await client.publish('news', { hello: 'world' }, { receipt: true });
    const f = server.last.frames('publish')[0];
    expect(f).toMatchObject({ op: 'publish', channel: 'news', content: { hello: 'world' }, retried: 0, receipt: true });
    expect(f.guid).toMatch(/^[0-9a-f]{32}$/);
    expect(r.guid).toBe(f.guid);
    await client.publish('news', 2, { guid: 'mine' });
    expect(server.last.frames('publish')[1]).toMatchObject({ guid: 'mine' });
    expect(server.last.frames('publish')[1]).not.toHaveProperty('receipt');
  });

  it('refuses a publish over maxFrameBytes locally with 413, sending nothing', async () => {
    const err = await client.publish('news', 'x'.repeat(70000)).catch((e) => e);
    expect(err).toMatchObject({ code: 413, error: 'too_large' });
    await client.publish('news', 'small'); // the connection is fine, and the big one never went out
    expect(server.last.frames('publish').map((f) => f.content)).toEqual(['small']);
  });

  it('rejects waiting requests on disconnect()', async () => {
    server.handler = (f) => (f.op === 'publish' ? null : undefined);
    const pub = client.publish('news', 1);
    await vi.waitFor(() => expect(server.last.frames('publish')).toHaveLength(1));
    client.disconnect();
    await expect(pub).rejects.toMatchObject({ code: 0, error: 'disconnected' });
    expect(client.state).toBe(State.Disconnected);
  });
});

describe('messages', () => {
  beforeEach(async () => {
    client = makeClient(server.url);
    client.connect();
    await client.subscribe('news');
  });

  const msg = (guid: string, channel = 'news'): Message & { op: string } => ({ op: 'message', channel, guid, from: 'u1', ts: 1, content: { n: guid } });

  it('emits messages and acks each one', async () => {
    const got: Message[] = [];
    client.on('message', (m) => got.push(m));
    server.last.send(msg('g1'));
    server.last.send(msg('g2'));
    await vi.waitFor(() => expect(server.last.frames('ack')).toHaveLength(2));
    expect(got.map((m) => m.guid)).toEqual(['g1', 'g2']);
    expect(got[0]).toEqual({ channel: 'news', guid: 'g1', from: 'u1', ts: 1, content: { n: 'g1' } });
    expect(server.last.frames('ack')).toEqual([
      { op: 'ack', channel: 'news', guid: 'g1' },
      { op: 'ack', channel: 'news', guid: 'g2' },
    ]);
  });

  it('delivers a redelivered guid once but acks it again', async () => {
    const got: string[] = [];
    client.on('message', (m) => got.push(m.guid));
    for (const g of ['g1', 'g1', 'g2', 'g1']) server.last.send(msg(g));
    await vi.waitFor(() => expect(server.last.frames('ack')).toHaveLength(4));
    expect(got).toEqual(['g1', 'g2']);
  });

  it('routes per-channel handlers to their channel only', async () => {
    await client.subscribe('other');
    const news: string[] = [];
    const off = client.onMessage('news', (m) => news.push(m.guid));
    server.last.send(msg('o1', 'other'));
    server.last.send(msg('n1'));
    await vi.waitFor(() => expect(server.last.frames('ack')).toHaveLength(2));
    off();
    server.last.send(msg('n2'));
    await vi.waitFor(() => expect(server.last.frames('ack')).toHaveLength(3));
    expect(news).toEqual(['n1']);
  });

  it('emits receipts', async () => {
    const receipt = next(client, 'receipt');
    server.last.send({ op: 'receipt', channel: 'news', guid: 'g9', by: 'u2' });
    expect(await receipt).toEqual({ channel: 'news', guid: 'g9', by: 'u2' });
  });

  it('sends unsubscribe and does not resubscribe after a reconnect', async () => {
    server.last.send(msg('g1'));
    await vi.waitFor(() => expect(server.last.frames('ack')).toHaveLength(1));
    await expect(client.unsubscribe('news')).resolves.toMatchObject({ code: 200, channel: 'news' });
    expect(server.last.frames('unsubscribe')).toEqual([expect.objectContaining({ channel: 'news' })]);
    server.last.drop();
    await next(client, 'connected');
    expect(server.last.frames('subscribe')).toEqual([]);
  });
});

describe('unusable setups', () => {
  it('closes for good on a URL the WebSocket constructor rejects', async () => {
    client = makeClient('not a url');
    const error = next(client, 'error');
    const gone = next(client, 'disconnected');
    client.connect();
    expect((await error).error).toBeInstanceOf(Error);
    expect(await gone).toMatchObject({ reconnect: false });
    expect(client.state).toBe(State.Closed);
  });

  it('closes for good without any WebSocket implementation when streaming is not allowed', async () => {
    vi.stubGlobal('WebSocket', undefined); // as in Node 20; Node 22+ would have a global one
    try {
      client = makeClient(server.url, { WebSocket: undefined, transports: ['websocket'] });
      const error = next(client, 'error');
      client.connect();
      expect((await error).error).toMatchObject({ error: 'no_websocket' });
      expect(client.state).toBe(State.Closed);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
