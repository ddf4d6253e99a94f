// The admin page in Chromium against the real server jar (admin.token set): a wrong token is
// refused, the charts move while messages flow, the channel lookup answers, and "disconnect user"
// closes that user's connection. Screenshots of each state land in test-results/admin-*.png.
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import WebSocket from 'ws';
import type { Browser, Page } from 'playwright-core';
import { launch, openPc, shot, type Watched } from './browser.js';
import { TcpProxy } from './proxy.js';
import { API_KEY, APPKEY, startServer, type RunningServer } from './server.js';

const TOKEN = 'e2e-admin-token-0123456789abcdefghij';
const CHANNEL = 'news:admin';

let browser: Browser;
let server: RunningServer;
let proxy: TcpProxy;
let watched: Watched | null = null;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  proxy = await TcpProxy.listen();
  [browser, server] = await Promise.all([launch(),
    startServer({ origins: [proxy.origin], phoneOrigin: proxy.origin, history: true, adminToken: TOKEN })]);
  proxy.forwardTo(server.port);
});

afterEach(async () => {
  if (!watched) return;
  expect(watched.problems, 'errors or CSP refusals on the admin page').toEqual([]);
  expect(watched.urls.filter((u) => u.includes(TOKEN)), 'the token in a URL').toEqual([]);
});

afterAll(async () => {
  for (const s of sockets) s.terminate();
  await watched?.context.close();
  await browser?.close();
  await proxy?.close();
  await server?.stop();
  expect(server.output()).not.toContain(TOKEN);
});

/** A raw protocol client (docs/protocol.md): authorized, answering each request in turn. */
async function client(otp?: string): Promise<{ ws: WebSocket; request: (frame: object) => Promise<any> }> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`);
  sockets.push(ws);
  await new Promise((ok, fail) => { ws.once('open', ok); ws.once('error', fail); });
  let id = 0;
  const request = (frame: object) => new Promise<any>((ok) => {
    const mine = ++id;
    const onMessage = (data: WebSocket.RawData) => {
      const f = JSON.parse(data.toString());
      if (f.id === mine) {
        ws.off('message', onMessage);
        ok(f);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ ...frame, id: mine }));
  });
  const auth = await request({ op: 'authorize', appkey: APPKEY, ...(otp ? { otp } : {}) });
  expect(auth.error).toBeUndefined();
  return { ws, request };
}

async function publish(n: number): Promise<void> {
  const r = await fetch(`http://127.0.0.1:${server.port}/api/v1/publish`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ channel: CHANNEL, content: { n } }),
  });
  expect(r.status).toBe(200);
}

/** The words beside a chart's title: its newest values. */
const now = (page: Page, title: string) =>
  page.locator('.chart h3', { hasText: title }).locator('.now').textContent();

const frameOutRate = (text: string | null) => Number(/out \(to clients\) ([\d.]+)/.exec(text || '')?.[1] ?? 0);

describe('admin page', () => {
  test('a wrong token is refused and nothing is shown', async () => {
    watched = await openPc(browser, proxy.origin + '/admin/');
    const page = watched.page;
    const csp = (await fetch(proxy.origin + '/admin/')).headers.get('content-security-policy');
    expect(csp).toContain("default-src 'none'");
    await page.getByLabel(/Admin token/).fill(TOKEN + 'x');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.locator('#signin-error').textContent()).toBe('Sign-in refused: wrong token.');
    expect(await page.locator('#dashboard').isHidden()).toBe(true);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await shot(page, 'admin-signin-refused');
  });

  test('signed in, the charts move while messages flow', async () => {
    const page = watched!.page;
    await page.getByLabel(/Admin token/).fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#dashboard').waitFor();
    const cookies = await watched!.context.cookies();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatchObject({ name: 'qrpush_admin', httpOnly: true, sameSite: 'Strict', path: '/admin/' });
    expect(cookies[0].value).not.toContain(TOKEN);
    expect(await page.evaluate(() => document.cookie), 'HttpOnly: no script reads it').toBe('');

    for (let i = 0; i < 3; i++) {
      const c = await client();
      expect((await c.request({ op: 'subscribe', channel: CHANNEL })).error).toBeUndefined();
    }
    await vi.waitFor(async () => {
      expect(await now(page, 'Connections')).toMatch(/connections [3-9]/);
    }, { timeout: 10_000, interval: 250 });
    // Publish for a few seconds, until a second's sample shows deliveries going out.
    let n = 0;
    await vi.waitFor(async () => {
      for (let i = 0; i < 10; i++) await publish(++n);
      expect(frameOutRate(await now(page, 'Frames per second'))).toBeGreaterThan(0);
    }, { timeout: 15_000, interval: 200 });
    await vi.waitFor(async () => {
      expect(await now(page, 'Publish to deliver')).toMatch(/p50 [\d.]+ ms/);
    }, { timeout: 10_000, interval: 250 });
    expect(await page.locator('#nodes tbody tr').count()).toBe(1);
    await shot(page, 'admin-charts', true);
  });

  test('the channel lookup answers subscribers and the last publications', async () => {
    const page = watched!.page;
    await page.locator('#lookup-app').fill(APPKEY);
    await page.locator('#lookup-channel').fill(CHANNEL);
    await page.getByRole('button', { name: 'Look up' }).click();
    const result = page.locator('#lookup-result');
    await expect.poll(() => result.locator('dd').first().textContent()).toBe('3');
    expect(await result.textContent()).toMatch(/#\d+ \{"n":\d+\}/);
    await shot(page, 'admin-channel-lookup', true);
  });

  test('"disconnect user" closes that user\'s connection with 4011', async () => {
    const page = watched!.page;
    const otp = await fetch(proxy.origin + '/demo/api/otp', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: proxy.origin },
      body: JSON.stringify({ userId: 'alice' }),
    }).then((r) => r.json());
    const alice = await client(otp.otp);
    const closed = new Promise<number>((ok) => alice.ws.once('close', (code) => ok(code)));
    await page.locator('#disconnect-app').fill(APPKEY);
    await page.locator('#disconnect-user').fill('alice');
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await expect.poll(() => page.locator('#disconnect-result').textContent()).toBe('Disconnected 1 connection.');
    expect(await closed).toBe(4011);
    await shot(page, 'admin-disconnected', true);
  });
});
