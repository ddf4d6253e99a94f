// Reconnects, close codes, otps per connection, resubscribe and publish retry against a real ws server.
import { createServer, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { QrPush } from '../src/client.js';
import { State } from '../src/types.js';
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

async function connected(extra = {}): Promise<QrPush> {
  client = makeClient(server.url, extra);
  client.connect();
  await next(client, 'connected');
  return client;
}

describe('reconnect', () => {
  it('reconnects after a dropped connection (1006)', async () => {
    await connected();
    const gone = next(client, 'disconnected');
    const connecting = next(client, 'connecting');
    const again = next(client, 'connected');
    server.last.drop();
    expect(await gone).toMatchObject({ code: 1006, reconnect: true });
    const c = await connecting;
    expect(c.attempt).toBe(1);
    expect(c.delay).toBeGreaterThanOrEqual(5);
    expect(c.delay).toBeLessThanOrEqual(20);
    expect(await again).toMatchObject({ sid: 's1' });
    expect(server.conns).toHaveLength(2);
  });

  it.each([
    ['close 1001', (s: FakeServer) => s.last.close(1001)],
    ['close 4010', (s: FakeServer) => s.last.close(4010)],
    ['disconnect frame reconnect:true', (s: FakeServer) => s.last.disconnect(1001, true)],
    ['disconnect frame 4001 reconnect:true (authorize timeout)', (s: FakeServer) => s.last.disconnect(4001, true)],
  ])('reconnects after %s', async (_, end) => {
    await connected();
    const again = next(client, 'connected');
    end(server);
    await again;
    expect(server.conns).toHaveLength(2);
  });

  it.each([
    ['close 4001', (s: FakeServer) => s.last.close(4001), 4001],
    ['close 4003', (s: FakeServer) => s.last.close(4003), 4003],
    ['close 4011', (s: FakeServer) => s.last.close(4011), 4011],
    ['disconnect frame 4011', (s: FakeServer) => s.last.disconnect(4011, false), 4011],
    ['disconnect frame reconnect:false', (s: FakeServer) => s.last.disconnect(1000, false), 1000],
  ])('stays closed after %s', async (_, end, code) => {
    await connected();
    const pending = client.publish('news', 1).catch((e) => e);
    server.handler = () => null;
    const connecting = vi.fn();
    client.on('connecting', connecting);
    const gone = next(client, 'disconnected');
    end(server);
    expect(await gone).toMatchObject({ code, reconnect: false });
    expect(client.state).toBe(State.Closed); // terminal: no reconnect timer exists in this state
    expect(connecting).not.toHaveBeenCalled();
    expect(await pending).toMatchObject({ error: 'disconnected' });
    expect(server.conns).toHaveLength(1);
  });

  it('can connect() again after being closed', async () => {
    await connected();
    const gone = next(client, 'disconnected');
    server.last.close(4011);
    await gone;
    client.connect();
    await next(client, 'connected');
    expect(server.conns).toHaveLength(2);
  });

  it('asks getOtp again for every connection (otps are single-use)', async () => {
    let n = 0;
    const getOtp = vi.fn(async () => 'otp-' + ++n);
    await connected({ getOtp });
    const again = next(client, 'connected');
    server.last.drop();
    await again;
    expect(getOtp).toHaveBeenCalledTimes(2);
    expect(server.conns.map((c) => c.received[0].otp)).toEqual(['otp-1', 'otp-2']);
  });

  it('retries with a fresh otp when authorize says otp_reused, but stops on unauthorized', async () => {
    server.handler = (f, conn) => (f.op === 'authorize' && conn.index === 0 ? { code: 401, error: 'otp_reused', message: 'jti seen' } : undefined);
    let n = 0;
    const errors: unknown[] = [];
    client = makeClient(server.url, { getOtp: async () => 'otp-' + ++n });
    client.on('error', (e) => errors.push(e.error));
    client.connect();
    await next(client, 'connected');
    expect(server.conns.map((c) => c.received[0].otp)).toEqual(['otp-1', 'otp-2']);
    expect(errors).toEqual([expect.objectContaining({ code: 401, error: 'otp_reused' })]);

    server.handler = (f) => (f.op === 'authorize' ? { code: 401, error: 'unauthorized', message: 'unknown appkey' } : undefined);
    const closed = next(client, 'state', (e) => e.state === State.Closed);
    server.last.drop();
    await closed;
    expect(server.conns).toHaveLength(3);
  });

  it('retries when getOtp throws, reporting the error', async () => {
    let calls = 0;
    client = makeClient(server.url, {
      getOtp: async () => {
        if (++calls === 1) throw new Error('backend down');
        return 'otp';
      },
    });
    const error = next(client, 'error');
    client.connect();
    expect((await error).error.message).toBe('backend down');
    await next(client, 'connected');
    expect(server.conns).toHaveLength(1);
  });
});

describe('after a reconnect', () => {
  it('resubscribes every channel with its token and surfaces the login state', async () => {
    server.subscribeState = (ch) => (ch.startsWith('login:') ? { status: server.conns.length > 1 ? 'scanned' : 'waiting' } : undefined);
    await connected();
    const first = await client.subscribe('login:k1', 'tok-1');
    expect(first.state).toEqual({ status: 'waiting' });
    await client.subscribe('news');
    const resub = next(client, 'subscribed', (e) => e.channel === 'login:k1');
    server.last.drop();
    expect(await resub).toEqual({ channel: 'login:k1', state: { status: 'scanned' }, resubscribed: true });
    await vi.waitFor(() => expect(server.last.frames('subscribe')).toHaveLength(2));
    expect(server.last.frames('subscribe').map(({ channel, token }) => ({ channel, token }))).toEqual([
      { channel: 'login:k1', token: 'tok-1' },
      { channel: 'news', token: undefined },
    ]);
  });

  it('reports a refused resubscribe as an error event and stops asking', async () => {
    await connected();
    await client.subscribe('login:k1', 'tok');
    server.handler = (f) => (f.op === 'subscribe' ? { code: 410, error: 'gone', message: 'expired' } : undefined);
    const error = next(client, 'error');
    server.last.drop();
    expect(await error).toMatchObject({ channel: 'login:k1', error: { code: 410, error: 'gone' } });
    server.handler = null;
    const again = next(client, 'connected');
    server.last.drop();
    await again;
    await client.publish('x', 1); // replies come in order: once this is answered, any subscribe would be too
    expect(server.last.frames('subscribe')).toEqual([]);
  });

  it('retries an unanswered publish with the same guid and retried=1; the server says duplicate', async () => {
    await connected();
    server.handler = (f, conn) => (f.op === 'publish' && conn.index === 0 ? null : undefined);
    const pub = client.publish('news', { n: 1 });
    await vi.waitFor(() => expect(server.last.frames('publish')).toHaveLength(1));
    const sent = server.last.frames('publish')[0];
    server.handler = null; // the server saw the guid but its answer was lost with the connection
    server.last.drop();
    const reply = await pub;
    const retry = server.last.frames('publish')[0];
    expect(retry).toMatchObject({ guid: sent.guid, retried: 1, content: { n: 1 } });
    expect(retry.id).toBeGreaterThan(sent.id);
    expect(reply).toMatchObject({ code: 200, guid: sent.guid, duplicate: true });
  });

  it('keeps publish order when several are retried', async () => {
    await connected();
    server.handler = (f, conn) => (f.op === 'publish' && conn.index === 0 ? null : undefined);
    const all = Promise.all([1, 2, 3].map((n) => client.publish('news', n)));
    await vi.waitFor(() => expect(server.last.frames('publish')).toHaveLength(3));
    server.last.drop();
    await all;
    expect(server.last.frames('publish').map((f) => [f.content, f.retried])).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
    ]);
  });
});

describe('liveness', () => {
  it('sends app-level pings and stays connected while pongs come back', async () => {
    await connected({ pingInterval: 20, pongTimeout: 500 }); // generous: a loaded CI box must not fake a death
    await vi.waitFor(() => expect(server.last.frames('ping').length).toBeGreaterThanOrEqual(4));
    expect(server.conns).toHaveLength(1);
    expect(client.state).toBe(State.Connected);
  });

  it('treats a connection without pong as dead: closes it and reconnects', async () => {
    await connected({ pingInterval: 20, pongTimeout: 40 });
    server.answerPings = false;
    const gone = next(client, 'disconnected');
    expect(await gone).toMatchObject({ code: 1006, reason: 'no pong', reconnect: true });
    server.answerPings = true;
    await next(client, 'connected');
    await server.conns[0].closed; // the dead socket was closed by the client
    expect(server.conns).toHaveLength(2);
  });

  it('gives up on an authorize that is never answered (connect timeout)', async () => {
    server.handler = (f, conn) => (f.op === 'authorize' && conn.index === 0 ? null : undefined);
    client = makeClient(server.url, { connectTimeout: 300 }); // the second attempt must fit in it, even on a busy box
    const gone = next(client, 'disconnected');
    client.connect();
    expect(await gone).toMatchObject({ reason: 'connect timeout', reconnect: true });
    await next(client, 'connected');
    expect(server.conns).toHaveLength(2);
  });

  it('abandons a socket stuck before the upgrade (connect timeout while CONNECTING)', async () => {
    // A TCP server that accepts and never answers the HTTP upgrade.
    const sockets: Socket[] = [];
    const tarpit = createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => tarpit.listen(0, '127.0.0.1', resolve));
    const port = (tarpit.address() as { port: number }).port;
    try {
      client = makeClient(`ws://127.0.0.1:${port}/ws`, { connectTimeout: 50 });
      const first = next(client, 'disconnected');
      const second = next(client, 'connecting', (e) => e.attempt === 2);
      client.connect();
      expect(await first).toMatchObject({ reason: 'connect timeout', reconnect: true });
      await second; // a second attempt timed out the same way, and nothing crashed
      client.disconnect();
    } finally {
      sockets.forEach((s) => s.destroy());
      await new Promise((resolve) => tarpit.close(resolve));
    }
  });
});
