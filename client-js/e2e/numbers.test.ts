// Login safety in a real browser against the real server jar (docs/protocol.md section 4, "Login
// safety"): the qrLogin widget shows the number of number matching beside the code, the demo phone
// page asks for it with three buttons, and warns harder when the computer is on another network.
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { closeAll, launch, openPc, openPhone, shot, type Watched } from './browser.js';
import { TcpProxy } from './proxy.js';
import { startServer, type RunningServer } from './server.js';

let browser: Browser;
let server: RunningServer;
let pcFront: TcpProxy;
let phoneFront: TcpProxy;
const opened: Watched[] = [];

beforeAll(async () => {
  [pcFront, phoneFront] = await Promise.all([TcpProxy.listen(), TcpProxy.listen()]);
  [browser, server] = await Promise.all([launch(), startServer({ origins: [pcFront.origin, phoneFront.origin],
    phoneOrigin: phoneFront.origin, numberMatching: true, trustLocalProxy: true })]);
  pcFront.forwardTo(server.port);
  phoneFront.forwardTo(server.port);
});

afterEach(() => closeAll(opened));

afterAll(async () => {
  await browser?.close();
  await Promise.all([pcFront?.close(), phoneFront?.close()]);
  await server?.stop();
});

const title = (p: Page, name: string | RegExp) => p.getByRole('heading', { name });

/** The PC page showing a code and its number. */
async function pcPage(): Promise<{ pc: Page; number: string }> {
  const w = await openPc(browser, pcFront.origin + '/demo/');
  opened.push(w);
  await w.page.locator('.qrpush-waiting').waitFor();
  const number = (await w.page.locator('.qrpush-number').textContent()) || '';
  return { pc: w.page, number };
}

/** The phone page of the PC's code, logged in as Alice, asking which number; `headers` for every request. */
async function phoneAsking(pc: Page, headers: Record<string, string> = {}): Promise<Page> {
  const key = (await pc.locator('#login').getAttribute('data-key')) || '';
  const w = await openPhone(browser, `${phoneFront.origin}/demo/phone?key=${encodeURIComponent(key)}`);
  opened.push(w);
  await w.context.setExtraHTTPHeaders(headers);
  await w.page.getByRole('button', { name: /Alice/ }).click();
  await title(w.page, 'Log in on a computer?').waitFor();
  return w.page;
}

const choicesOf = async (phone: Page) => phone.locator('#choices button').allTextContents();

test('the right number logs in; the phone offers three numbers instead of a confirm button', async () => {
  const { pc, number } = await pcPage();
  expect(number).toMatch(/^[1-9][0-9]$/);
  expect(await pc.locator('.qrpush-match').isVisible()).toBe(true);
  await shot(pc, 'pc-number');
  const phone = await phoneAsking(pc);
  const choices = await choicesOf(phone);
  expect(choices).toHaveLength(3);
  expect(new Set(choices).size).toBe(3);
  expect(choices).toContain(number);
  expect(await phone.getByRole('button', { name: 'Confirm login' }).isHidden()).toBe(true);
  expect(await phone.locator('#remote').isHidden()).toBe(true); // both on this machine
  await shot(phone, 'phone-numbers');
  await phone.getByRole('button', { name: number, exact: true }).click();
  await title(phone, 'Login confirmed').waitFor();
  await title(pc, 'Logged in as Alice Martin').waitFor();
});

test('a wrong number cancels the login on both pages', async () => {
  const { pc, number } = await pcPage();
  const phone = await phoneAsking(pc);
  const wrong = (await choicesOf(phone)).find((n) => n !== number)!;
  await phone.getByRole('button', { name: wrong, exact: true }).click();
  await title(phone, 'Wrong number: login cancelled').waitFor();
  await pc.locator('.qrpush-cancelled').waitFor();
  expect(await pc.locator('.qrpush-status').textContent()).toMatch(/number picked on the phone/);
  expect(await pc.locator('.qrpush-match').isHidden()).toBe(true);
  await shot(phone, 'phone-mismatch');
  await shot(pc, 'pc-mismatch');
});

test('a phone on another network gets the stronger warning', async () => {
  const { pc } = await pcPage();
  // The server trusts this machine's X-Forwarded-For: the phone is said to be elsewhere.
  const phone = await phoneAsking(pc, { 'X-Forwarded-For': '203.0.113.9' });
  await phone.locator('#remote').waitFor();
  expect(await phone.locator('#remote').textContent()).toMatch(/not on your network/);
  await shot(phone, 'phone-remote');
  await phone.getByRole('button', { name: 'Cancel' }).click();
  await title(phone, 'Login cancelled').waitFor();
});
