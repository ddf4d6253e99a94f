// The built client in real Chromium against the real server jar: a page subscribed to a history
// channel has its socket cut again and again (the proxy also refuses it for a while) while the
// backend keeps publishing, and still receives every offset once, in order, with no recovery
// failure raised.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch } from './browser.js';
import { TcpProxy } from './proxy.js';
import { API_KEY, APPKEY, startServer, type RunningServer } from './server.js';

let server: RunningServer;
let proxy: TcpProxy;
let browser: Browser;

beforeAll(async () => {
  proxy = await TcpProxy.listen();
  [server, browser] = await Promise.all([
    startServer({ origins: [proxy.origin], phoneOrigin: proxy.origin, history: true }),
    launch(),
  ]);
  proxy.forwardTo(server.port);
});
afterAll(async () => {
  await browser?.close();
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

/** What the page's client has seen so far, read out of the page. */
interface Seen {
  state: string;
  offsets: number[];
  contents: number[];
  failures: number;
  firstOffset: number;
}

const seen = (page: Page) => page.evaluate(() => (window as unknown as { seen: () => Seen }).seen());

async function until(page: Page, test: (s: Seen) => boolean): Promise<Seen> {
  let last: Seen | undefined;
  await vi.waitFor(async () => {
    last = await seen(page);
    expect(test(last)).toBe(true);
  }, { timeout: 15_000, interval: 50 });
  return last as Seen;
}

it('a page whose socket is cut keeps every message once and in order', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  // Any page of the proxy's origin will do (the server allows that origin); /healthz has no CSP.
  await page.goto(proxy.origin + '/healthz');
  await page.addScriptTag({ url: proxy.origin + '/client/qrpush.min.js' });
  await page.evaluate(async ({ url, appkey }) => {
    type Msg = { offset?: number; content: { n: number } };
    const w = window as unknown as Record<string, unknown>;
    const Client = (w.QrPush as { Client: new (o: object) => any }).Client;
    const client = new Client({ url, appkey, minReconnectDelay: 50, maxReconnectDelay: 300 });
    const offsets: number[] = [];
    const contents: number[] = [];
    let failures = 0;
    client.on('message', (m: Msg) => {
      offsets.push(m.offset ?? -1);
      contents.push(m.content.n);
    });
    client.on('recoveryFailed', () => failures++);
    client.connect();
    const first = await client.subscribe('news:1');
    w.seen = () => ({ state: client.state, offsets, contents, failures, firstOffset: first.offset ?? 0 });
  }, { url: `ws://127.0.0.1:${proxy.port}/ws`, appkey: APPKEY });

  const published: number[] = [];
  for (let n = 1; n <= 40; n++) {
    if (n % 10 === 1 && n > 1) {
      await until(page, (s) => s.state === 'connected');
      const refusedBefore = proxy.refused;
      proxy.cut();
      // Publish while the page is cut off, and resume only once it has tried and been refused.
      published.push(await publish(n));
      await vi.waitFor(() => expect(proxy.refused).toBeGreaterThan(refusedBefore), { timeout: 10_000 });
      proxy.resume();
      continue;
    }
    published.push(await publish(n));
  }
  const s = await until(page, (x) => x.offsets.length >= 40);
  expect(published).toEqual(Array.from({ length: 40 }, (_, i) => s.firstOffset + i + 1));
  expect(s.offsets).toEqual(published);
  expect(s.contents).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  expect(s.failures).toBe(0);
  expect(problems).toEqual([]);
  await context.close();
});
