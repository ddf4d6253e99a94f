// Scan-to-login in a real browser against the real server jar: the demo's PC page (/demo/) and
// phone page (/demo/phone?key=...) in two browser contexts, as a person would use them.
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { closeAll, launch, openPc, openPhone, shot, type Watched } from './browser.js';
import { TcpProxy } from './proxy.js';
import { startServer, type RunningServer } from './server.js';

/** One server with its two fronts: the PC's proxy can be cut, the phone's stays up. */
interface Site {
  server: RunningServer;
  pc: TcpProxy;
  phone: TcpProxy;
}

async function site(loginTtl?: string, createPerMinute?: number): Promise<Site> {
  const [pc, phone] = await Promise.all([TcpProxy.listen(), TcpProxy.listen()]);
  const server = await startServer({ origins: [pc.origin, phone.origin], phoneOrigin: phone.origin, loginTtl,
    createPerMinute });
  pc.forwardTo(server.port);
  phone.forwardTo(server.port);
  return { server, pc, phone };
}

let browser: Browser;
let main: Site;
let short: Site; // loginTtl 3s: codes expire while we watch
let limited: Site; // 60 creations a minute per address: one a second once its burst is spent
const opened: Watched[] = [];

beforeAll(async () => {
  [browser, main, short, limited] = await Promise.all([launch(), site(), site('3s'), site(undefined, 60)]);
});

afterEach(() => closeAll(opened));

afterAll(async () => {
  await browser?.close();
  for (const s of [main, short, limited]) {
    if (!s) continue;
    await Promise.all([s.pc.close(), s.phone.close()]);
    await s.server.stop();
  }
});

async function pcPage(s: Site, query = ''): Promise<Page> {
  const w = await openPc(browser, s.pc.origin + '/demo/' + query);
  opened.push(w);
  await w.page.locator('.qrpush-waiting').waitFor();
  return w.page;
}

const keyOf = async (pc: Page) => (await pc.locator('#login').getAttribute('data-key')) || '';

/** The demo phone page acts over HTTPS; `ws` makes it use the WebSocket client instead. */
async function phonePage(s: Site, key: string, via: 'https' | 'ws' = 'https'): Promise<Page> {
  const w = await openPhone(browser, `${s.phone.origin}/demo/phone?key=${encodeURIComponent(key)}`
    + (via === 'ws' ? '&via=ws' : ''));
  opened.push(w);
  return w.page;
}

/** A phone that logged in as `who` and scanned the PC's code: it now asks Confirm / Cancel. */
async function scanned(s: Site, pc: Page, who: RegExp, via: 'https' | 'ws' = 'https'): Promise<Page> {
  const phone = await phonePage(s, await keyOf(pc), via);
  await phone.getByRole('button', { name: who }).click();
  await phone.getByRole('heading', { name: 'Log in on a computer?' }).waitFor();
  await pc.locator('.qrpush-scanned').waitFor();
  return phone;
}

const title = (p: Page, name: string | RegExp) => p.getByRole('heading', { name });

describe('demo pages', () => {
  test('the server serves the built client and the pages', async () => {
    const js = await fetch(main.pc.origin + '/client/qrpush.min.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await js.text()).toContain('qrLogin');
    const page = await fetch(main.pc.origin + '/demo/');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  test('full login: the phone confirms and the PC page shows who logged in', async () => {
    const pc = await pcPage(main);
    await shot(pc, 'pc-waiting');
    const phone = await phonePage(main, await keyOf(pc));
    await phone.getByRole('heading', { name: 'Who are you?' }).waitFor();
    await shot(phone, 'phone-pick');
    await phone.getByRole('button', { name: /Alice/ }).click();
    await title(phone, 'Log in on a computer?').waitFor();
    // Where the login will happen, from the scan reply's client details.
    await expect.poll(() => phone.locator('#origin').textContent()).toBe(main.pc.origin);
    expect(await phone.locator('#ip').textContent()).toBe('127.0.0.1');
    expect(await phone.locator('#browser').textContent()).toMatch(/^Chrome \d+ on Linux$/);
    await pc.locator('.qrpush-scanned').waitFor();
    await shot(pc, 'pc-scanned');
    await shot(phone, 'phone-ask');

    await phone.getByRole('button', { name: 'Confirm login' }).click();
    await title(phone, 'Login confirmed').waitFor();
    await shot(phone, 'phone-confirmed');
    await title(pc, 'Logged in as Alice Martin').waitFor();
    await shot(pc, 'pc-logged-in');
    // The phone page acted through the HTTPS door: its scan and its confirm are two POSTs there.
    const actions = opened[1].urls.filter((u) => new URL(u).pathname.endsWith('/actions'));
    expect(actions).toHaveLength(2);

    // Otps and tickets travel in bodies only: never in a URL, never in the server's log.
    const secrets = opened.flatMap((w) => w.secrets);
    expect(secrets.length).toBeGreaterThanOrEqual(2); // the phone's otp and the PC's ticket
    for (const secret of secrets) {
      expect(secret).toMatch(/^\S{16,}$/);
      for (const w of opened) expect(w.urls.filter((u) => u.includes(secret))).toEqual([]);
      expect(main.server.output()).not.toContain(secret);
    }
  });

  test('a second phone is refused (409 locked) and the PC page is unaffected', async () => {
    const pc = await pcPage(main);
    const first = await scanned(main, pc, /Alice/);
    // The first phone scanned over HTTPS, the second tries over WebSocket: one lock for both doors.
    const second = await phonePage(main, await keyOf(pc), 'ws');
    await second.getByRole('button', { name: /Bob/ }).click();
    await title(second, 'Someone else scanned this code').waitFor();
    await shot(second, 'phone-locked');

    expect(await pc.locator('.qrpush-scanned').count()).toBe(1);
    expect(await pc.locator('#problem').isHidden()).toBe(true);
    await first.getByRole('button', { name: 'Confirm login' }).click();
    await title(pc, 'Logged in as Alice Martin').waitFor();
  });

  test('cancel on the phone: both pages say so', async () => {
    const pc = await pcPage(main);
    const phone = await scanned(main, pc, /Carol/, 'ws');
    await phone.getByRole('button', { name: 'Cancel' }).click();
    await title(phone, 'Login cancelled').waitFor();
    await pc.locator('.qrpush-cancelled').waitFor();
    expect(await pc.getByRole('button', { name: 'Get a new code' }).isVisible()).toBe(true);
    await shot(phone, 'phone-cancelled');
    await shot(pc, 'pc-cancelled');
  });

  test('the PC page logs in although its WebSocket was cut between scan and confirm', async () => {
    const pc = await pcPage(main);
    const phone = await scanned(main, pc, /Alice/);
    const refusedBefore = main.pc.refused;
    main.pc.cut();
    // The page noticed: it is trying to reconnect and being refused.
    await expect.poll(() => main.pc.refused, { timeout: 10_000 }).toBeGreaterThan(refusedBefore);

    await phone.getByRole('button', { name: 'Confirm login' }).click();
    await title(phone, 'Login confirmed').waitFor();
    expect(await pc.locator('#done').isHidden()).toBe(true); // it missed the event

    main.pc.resume();
    // After the reconnect the subscribe reply's state carries the confirm and its ticket.
    await title(pc, 'Logged in as Alice Martin').waitFor({ timeout: 30_000 });
  });

  test('an expired code is replaced by a fresh one without a click', async () => {
    const pc = await pcPage(short);
    const first = await keyOf(pc);
    await expect.poll(async () => (await keyOf(pc)) !== first && (await pc.locator('.qrpush-waiting').count()),
      { timeout: 15_000 }).toBeTruthy();

    // The old code is spent for the phone too.
    const phone = await phonePage(short, first);
    await phone.getByRole('button', { name: /Alice/ }).click();
    await title(phone, /no longer valid|Unknown code/).waitFor();
    await shot(phone, 'phone-expired');
  });

  test('with automatic refresh off, an expired code waits for the button', async () => {
    const pc = await pcPage(short, '?autorefresh=0');
    const first = await keyOf(pc);
    await pc.locator('.qrpush-expired').waitFor({ timeout: 15_000 });
    await shot(pc, 'pc-expired');
    await pc.getByRole('button', { name: 'Get a new code' }).click();
    await pc.locator('.qrpush-waiting').waitFor();
    expect(await keyOf(pc)).not.toBe(first);
  });

  test('a page refused with 429 and Retry-After keeps loading, waits, and then shows its code', async () => {
    // Spend this address's creation budget from outside the browser (the proxy makes the page's
    // requests come from the same 127.0.0.1), and keep spending what refills (one a second) until
    // the page has been refused.
    const create = () => fetch(limited.pc.origin + '/api/login/sessions', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ appkey: 'demo' }),
    }).then((r) => r.status);
    while ((await create()) !== 429);
    let draining = true;
    const drainer = (async () => {
      while (draining) {
        // 503 too: a node behind on its loops refuses creations with Retry-After as well (admission control)
        expect(await create()).toBeOneOf([201, 429, 503]);
        await new Promise((done) => setTimeout(done, 20));
      }
    })();
    const w = await openPc(browser, limited.pc.origin + '/demo/');
    opened.push(w);
    // The page's first try may still catch a token refilled within the last 20 ms: then load it again.
    for (let tries = 1; ; tries++) {
      await expect.poll(() => w.creations.length, { timeout: 10_000 }).toBeGreaterThan(0);
      if (w.creations[0] === 429 || tries === 5) break;
      w.creations.length = 0;
      await w.page.reload();
    }
    draining = false;
    await drainer;
    expect(w.creations[0]).toBe(429);
    expect(await w.page.locator('.qrpush-loading').count()).toBe(1);
    // Retry-After is 1 s here; the retry gets the creation that refilled meanwhile.
    await w.page.locator('.qrpush-waiting').waitFor({ timeout: 15_000 });
    expect(w.creations[w.creations.length - 1]).toBe(201);
    expect(w.creations.length).toBeLessThanOrEqual(4); // the first try and at most three retries
    expect(await w.page.locator('#problem').isHidden()).toBe(true);
  });
});
