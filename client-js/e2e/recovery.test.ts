// The client (in Node, over `ws`) against the real server jar: a subscriber whose connection is cut
// again and again while the backend keeps publishing receives every offset once, in order.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { QrPush } from '../src/client.js';
import type { Message, SocketFactory } from '../src/types.js';
import { TcpProxy } from './proxy.js';
import { API_KEY, APPKEY, startServer, type RunningServer } from './server.js';

let server: RunningServer;
let proxy: TcpProxy;

beforeAll(async () => {
  proxy = await TcpProxy.listen();
  server = await startServer({ origins: [proxy.origin], phoneOrigin: proxy.origin, history: true });
  proxy.forwardTo(server.port);
});
afterAll(async () => {
  await proxy?.close();
  await server?.stop();
});

async function publish(n: number): Promise<number> {
  const r = await fetch(`http://127.0.0.1:${server.port}/api/v1/publish`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ channel: 'news:1', content: { n } }),
  });
  expect(r.status).toBe(200);
  return (await r.json()).offset;
}

const until = (test: () => boolean) => vi.waitFor(() => expect(test()).toBe(true), { timeout: 10_000 });

it('recovers every message once and in order across cut connections', async () => {
  const client = new QrPush({ url: `ws://127.0.0.1:${proxy.port}/ws`, appkey: APPKEY, WebSocket: WebSocket as unknown as SocketFactory, minReconnectDelay: 50, maxReconnectDelay: 300 });
  const got: Message[] = [];
  const failures: unknown[] = [];
  client.on('message', (m) => got.push(m));
  client.on('recoveryFailed', (f) => failures.push(f));
  client.connect();
  const first = await client.subscribe('news:1');
  const published: number[] = [];
  for (let n = 1; n <= 40; n++) {
    if (n % 10 === 1 && n > 1) {
      await until(() => client.state === 'connected');
      proxy.cut();
      proxy.resume();
    }
    published.push(await publish(n));
  }
  await until(() => got.length >= 40);
  const base = first.offset ?? 0;
  expect(published).toEqual(Array.from({ length: 40 }, (_, i) => base + i + 1));
  expect(got.map((m) => m.offset)).toEqual(published);
  expect(failures).toEqual([]);
  const page = await client.history('news:1', { limit: 3, reverse: true });
  expect(page.publications.map((p) => p.offset)).toEqual([base + 40, base + 39, base + 38]);
  client.disconnect();
});
