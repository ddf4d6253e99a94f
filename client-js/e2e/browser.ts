// Debian's Chromium driven by playwright-core (which brings no browser of its own: never run
// `playwright install`, it downloads one and fails offline), the PC page on a desktop-sized
// context and the phone page on a phone-sized one, each context a fresh profile.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, devices, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
/** Gitignored; screenshots of each state land here for a person to look at. */
export const SHOTS = resolve(here, '../test-results');

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function launch(): Promise<Browser> {
  // playwright gives each launch a fresh temporary profile (user-data dir) and removes it on close.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run',
    ],
  });
}

/** Everything a page did that a person would call broken: uncaught errors and CSP refusals. */
export interface Watched {
  page: Page;
  context: BrowserContext;
  problems: string[];
  /** Every URL the page requested, to prove no otp or ticket ever travels in one. */
  urls: string[];
  /** Otps and tickets the page handled (taken from the demo endpoints' bodies). */
  secrets: string[];
  /** The status of each answer to the page's `POST /api/login/sessions`, in order. */
  creations: number[];
}

async function open(browser: Browser, url: string, phone: boolean): Promise<Watched> {
  const context = await browser.newContext(phone
    ? { ...devices['Pixel 7'], locale: 'en-GB' }
    : { viewport: { width: 960, height: 720 }, locale: 'en-GB' });
  const page = await context.newPage();
  const w: Watched = { page, context, problems: [], urls: [], secrets: [], creations: [] };
  page.on('pageerror', (e) => w.problems.push('page error: ' + e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) w.problems.push(m.text());
  });
  page.on('request', (r) => {
    w.urls.push(r.url());
    if (r.url().endsWith('/demo/api/redeem')) w.secrets.push(JSON.parse(r.postData() || '{}').ticket);
  });
  page.on('response', (r) => {
    if (r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/login/sessions') w.creations.push(r.status());
    if (r.url().endsWith('/demo/api/otp') && r.ok()) void r.json().then((b) => w.secrets.push(b.otp), () => undefined);
  });
  await page.goto(url);
  return w;
}

export const openPc = (b: Browser, url: string) => open(b, url, false);

/**
 * After each test: no page of it may have broken (uncaught errors, CSP refusals); then their
 * contexts are closed and the list emptied.
 */
export async function closeAll(opened: Watched[]): Promise<void> {
  for (const w of opened) expect(w.problems, 'errors on ' + w.page.url()).toEqual([]);
  await Promise.all(opened.map((w) => w.context.close()));
  opened.length = 0;
}
export const openPhone = (b: Browser, url: string) => open(b, url, true);

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, name + '.png') });
}
