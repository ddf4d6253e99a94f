// The demo login through proxies that are bad for WebSocket (blocking.ts): in each the PC page
// falls back to HTTP streaming by itself (docs/protocol.md section 8), says so, and logs in. The
// phone comes through a plain proxy, over WebSocket, as in login.test.ts.
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Blocking } from './blocking.js';
import { closeAll, launch, openPc, openPhone, shot, type Watched } from './browser.js';
import { TcpProxy } from './proxy.js';
import { startServer, type RunningServer } from './server.js';

const BLOCKINGS = ['refuse-upgrade', 'close-upgrade', 'buffer'] as const;

let browser: Browser;
let server: RunningServer;
let phoneProxy: TcpProxy;
const pcProxies = new Map<Blocking, TcpProxy>();
const opened: Watched[] = [];

beforeAll(async () => {
  const proxies = await Promise.all([TcpProxy.listen(), ...BLOCKINGS.map(() => TcpProxy.listen())]);
  phoneProxy = proxies[0];
  BLOCKINGS.forEach((b, i) => {
    proxies[i + 1].blocking = b;
    pcProxies.set(b, proxies[i + 1]);
  });
  [browser, server] = await Promise.all([launch(), startServer({ origins: proxies.map((p) => p.origin), phoneOrigin: phoneProxy.origin })]);
  proxies.forEach((p) => p.forwardTo(server.port));
});

afterEach(() => closeAll(opened));

afterAll(async () => {
  await browser?.close();
  await Promise.all([phoneProxy, ...pcProxies.values()].map((p) => p?.close()));
  await server?.stop();
});

const title = (p: Page, name: string) => p.getByRole('heading', { name });

test.each(BLOCKINGS)('behind a proxy that does %s, the demo logs in over HTTP streaming', async (blocking) => {
  const pcw = await openPc(browser, pcProxies.get(blocking)!.origin + '/demo/');
  opened.push(pcw);
  const pc = pcw.page;
  // Buffering is found out by 5 s of silence (transportTimeout): allow for it.
  await pc.locator('#transport[data-transport="stream"]').waitFor({ timeout: 20_000 });
  expect(await pc.locator('#transport').textContent()).toBe('Connected over HTTP streaming.');
  await pc.locator('.qrpush-waiting').waitFor();
  await shot(pc, 'pc-stream-' + blocking);
  const streams = pcw.urls.filter((u) => new URL(u).pathname === '/stream');
  // Padding is asked for only where a buffering proxy was suspected.
  expect(streams.every((u) => u.endsWith('?padding=65536'))).toBe(blocking === 'buffer');

  const key = (await pc.locator('#login').getAttribute('data-key')) || '';
  const phonew = await openPhone(browser, `${phoneProxy.origin}/demo/phone?key=${encodeURIComponent(key)}`);
  opened.push(phonew);
  const phone = phonew.page;
  await phone.getByRole('button', { name: /Alice/ }).click();
  await title(phone, 'Log in on a computer?').waitFor();
  await pc.locator('.qrpush-scanned').waitFor(); // the scanned event came down the stream
  await phone.getByRole('button', { name: 'Confirm login' }).click();
  await title(pc, 'Logged in as Alice Martin').waitFor();
  // Up went over /emulation too: the subscribe and the acks of the login events.
  expect(pcw.urls.filter((u) => new URL(u).pathname === '/emulation').length).toBeGreaterThan(0);
  expect(pcProxies.get(blocking)!.blocked).toBeGreaterThan(0); // WebSocket was tried first, and met the proxy
});
