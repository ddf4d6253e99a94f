// @vitest-environment happy-dom
// The scan-to-login widget: a fake fetch for the HTTP calls, the real ws fake server for the channel.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { qrLogin, type QrLoginHandle, type QrLoginOptions } from '../src/qrlogin.js';
import type { LoginView } from '../src/types.js';
import { FakeServer } from './fakeServer.js';
import { WS } from './helpers.js';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29"><path d="M0 0h7v7H0z"/></svg>';

type Call = { url: string; method: string; headers: Record<string, string>; body?: string; keepalive?: boolean };

let server: FakeServer;
let handle: QrLoginHandle | undefined;
let calls: Call[];
let svgOk: boolean;
let createStatus: number;
/** The number of number matching the fake server's creations carry; none when undefined. */
let match: string | undefined;

function fakeFetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const url = String(input);
  const method = init.method || 'GET';
  calls.push({ url, method, headers: (init.headers || {}) as Record<string, string>, body: init.body as string, keepalive: init.keepalive });
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  if (method === 'POST' && url.endsWith('/api/login/sessions')) {
    const n = calls.filter((c) => c.method === 'POST').length;
    if (createStatus !== 201) return Promise.resolve(json(createStatus, { error: 'rate_limited' }));
    const key = 'k' + n;
    const base = '/api/login/sessions/' + key;
    return Promise.resolve(json(201, { key, channel: 'login:' + key, token: 'tok' + n, qrContent: 'https://example.com/qr?k=' + key, qrPng: base + '/qr.png', qrSvg: base + '/qr.svg', expiresAt: Date.now() + 120000, ...(match ? { match } : {}) }));
  }
  if (method === 'GET' && url.endsWith('/qr.svg')) return Promise.resolve(svgOk ? new Response(SVG, { status: 200 }) : new Response('', { status: 500 }));
  if (method === 'DELETE') return Promise.resolve(new Response(null, { status: 204 }));
  return Promise.resolve(new Response('', { status: 404 }));
}

const posts = () => calls.filter((c) => c.method === 'POST');
const deletes = () => calls.filter((c) => c.method === 'DELETE');
const box = () => document.querySelector('.qrpush-login') as HTMLElement;
const status = () => document.querySelector('.qrpush-status')!.textContent;
const button = () => document.querySelector('.qrpush-refresh') as HTMLButtonElement;
/** The connection that subscribed to `channel`, once it has. */
const subscriber = (channel: string) => server.conns.find((c) => c.frames('subscribe').some((f) => f.channel === channel));
const event = (channel: string, content: Record<string, unknown>) =>
  subscriber(channel)!.send({ op: 'message', channel, guid: 'g' + Math.random(), ts: Date.now(), content });

function start(extra: Partial<QrLoginOptions> = {}): { onConfirmed: ReturnType<typeof vi.fn>; states: string[] } {
  const onConfirmed = vi.fn();
  const states: string[] = [];
  const port = new URL(server.url).port;
  handle = qrLogin({
    element: '#login',
    server: `http://127.0.0.1:${port}/`,
    appkey: 'demo',
    onConfirmed,
    onStateChange: (s) => states.push(s),
    fetch: fakeFetch as typeof fetch,
    WebSocket: WS,
    client: { minReconnectDelay: 5, maxReconnectDelay: 20, pingInterval: 0 },
    ...extra,
  });
  return { onConfirmed, states };
}

async function waiting(channel = 'login:k1'): Promise<void> {
  await vi.waitFor(() => expect(subscriber(channel)).toBeDefined());
  await vi.waitFor(() => expect(handle!.state).toBe('waiting'));
}

beforeEach(async () => {
  server = await FakeServer.start();
  server.subscribeState = () => ({ status: 'waiting' });
  calls = [];
  svgOk = true;
  createStatus = 201;
  match = undefined;
  document.body.innerHTML = '<div id="login"></div>';
});
afterEach(async () => {
  handle?.destroy();
  handle = undefined;
  await server.close();
});

describe('qrLogin', () => {
  it('shows the number of number matching beside the code, and says why a mismatch cancelled', async () => {
    match = '42';
    start();
    await waiting();
    const shown = () => document.querySelector('.qrpush-match') as HTMLElement;
    expect(document.querySelector('.qrpush-number')!.textContent).toBe('42');
    expect(shown().hidden).toBe(false);
    event('login:k1', { event: 'scanned' });
    await vi.waitFor(() => expect(handle!.state).toBe('scanned'));
    expect(shown().hidden).toBe(false);
    event('login:k1', { event: 'cancelled', reason: 'mismatch' });
    await vi.waitFor(() => expect(handle!.state).toBe('cancelled'));
    expect(status()).toMatch(/number picked on the phone/);
    expect(shown().hidden).toBe(true);
  });

  it('shows no number where the app does not match numbers', async () => {
    start();
    await waiting();
    expect((document.querySelector('.qrpush-match') as HTMLElement).hidden).toBe(true);
    event('login:k1', { event: 'cancelled' });
    await vi.waitFor(() => expect(handle!.state).toBe('cancelled'));
    expect(status()).toBe('Login cancelled on the phone.');
  });

  it('creates a session, shows the SVG inline and subscribes anonymously with the token', async () => {
    start();
    await waiting();
    expect(posts()[0].url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/login\/sessions$/);
    expect(JSON.parse(posts()[0].body!)).toEqual({ appkey: 'demo' });
    expect(posts()[0].headers['Content-Type']).toBe('application/json');
    expect(calls.find((c) => c.method === 'GET')!.url).toMatch(/:\d+\/api\/login\/sessions\/k1\/qr\.svg$/);
    const svg = document.querySelector('.qrpush-code svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toBeTruthy();
    expect(box().classList.contains('qrpush-waiting')).toBe(true);
    expect(document.querySelector('.qrpush-status')!.getAttribute('role')).toBe('status');
    expect(status()).toMatch(/Scan/);
    expect(button().hidden).toBe(true);
    const conn = subscriber('login:k1')!;
    expect(conn.received[0]).not.toHaveProperty('otp');
    expect(conn.frames('subscribe')[0]).toMatchObject({ channel: 'login:k1', token: 'tok1' });
  });

  it('follows scanned then confirmed, and hands the ticket over once', async () => {
    const { onConfirmed, states } = start();
    await waiting();
    event('login:k1', { event: 'scanned' });
    await vi.waitFor(() => expect(box().classList.contains('qrpush-scanned')).toBe(true));
    expect(status()).toMatch(/Confirm the login on your phone/);
    const user = { id: 'u17', name: 'Ann' };
    event('login:k1', { event: 'confirmed', ticket: 'T1', user });
    await vi.waitFor(() => expect(onConfirmed).toHaveBeenCalledTimes(1));
    expect(onConfirmed).toHaveBeenCalledWith({ ticket: 'T1', user });
    expect(states).toEqual(['loading', 'waiting', 'scanned', 'confirmed']);
    await subscriber('login:k1')!.closed; // nothing more to watch: the widget disconnects
    expect(subscriber('login:k1')!.frames('ack')).toHaveLength(2);
    expect(deletes()).toEqual([]); // a finished session is not revoked
  });

  it('names the scanner when the server reveals the user', async () => {
    start();
    await waiting();
    event('login:k1', { event: 'scanned', user: { id: 'u17', name: 'Ann' } });
    await vi.waitFor(() => expect(status()).toBe('Scanned by Ann. Confirm the login on your phone.'));
  });

  it('falls back to the qrContent text when the SVG cannot be fetched', async () => {
    svgOk = false;
    start();
    await waiting();
    expect(document.querySelector('.qrpush-code svg')).toBeNull();
    expect(document.querySelector('.qrpush-fallback')!.textContent).toBe('https://example.com/qr?k=k1');
  });

  it('on expiry revokes the old code with its token and shows a new one', async () => {
    start();
    await waiting();
    event('login:k1', { event: 'expired' });
    await waiting('login:k2');
    expect(deletes()).toEqual([expect.objectContaining({ headers: { Authorization: 'Bearer tok1' } })]);
    expect(deletes()[0].url).toMatch(/\/api\/login\/sessions\/k1$/);
    const conn = subscriber('login:k2')!;
    expect(conn.frames('subscribe').at(-1)).toMatchObject({ channel: 'login:k2', token: 'tok2' });
    await vi.waitFor(() => expect(conn.frames('unsubscribe')).toEqual([expect.objectContaining({ channel: 'login:k1' })]));
  });

  it('stops refreshing by itself after maxAutoRefresh and offers a button', async () => {
    start({ maxAutoRefresh: 1 });
    await waiting();
    event('login:k1', { event: 'expired' });
    await waiting('login:k2');
    event('login:k2', { event: 'expired' });
    await vi.waitFor(() => expect(handle!.state).toBe('expired'));
    expect(button().hidden).toBe(false);
    expect(posts()).toHaveLength(2);
    button().click();
    await waiting('login:k3');
  });

  it('shows cancelled with a refresh button', async () => {
    start();
    await waiting();
    event('login:k1', { event: 'cancelled' });
    await vi.waitFor(() => expect(handle!.state).toBe('cancelled'));
    expect(status()).toMatch(/cancelled/);
    expect(button().hidden).toBe(false);
    expect(posts()).toHaveLength(1);
  });

  it('applies the snapshot of a resubscribe: a confirm missed while offline still logs in', async () => {
    const { onConfirmed } = start();
    await waiting();
    const user = { id: 'u17', name: 'Ann' };
    server.subscribeState = () => ({ status: 'confirmed', ticket: 'T2', user });
    subscriber('login:k1')!.drop();
    await vi.waitFor(() => expect(onConfirmed).toHaveBeenCalledWith({ ticket: 'T2', user }));
    expect(handle!.state).toBe('confirmed');
  });

  it('treats a session gone while offline (410 on resubscribe) as expired and gets a new code', async () => {
    start();
    await waiting();
    server.handler = (f) => (f.op === 'subscribe' && f.channel === 'login:k1' ? { code: 410, error: 'gone', message: 'expired' } : undefined);
    subscriber('login:k1')!.drop();
    await waiting('login:k2');
    expect(deletes()[0].headers).toEqual({ Authorization: 'Bearer tok1' });
  });

  it('shows an error when no session can be created, and retries on click', async () => {
    createStatus = 429;
    start();
    await vi.waitFor(() => expect(handle!.state).toBe('error'));
    expect(status()).toMatch(/Could not/);
    expect(button().hidden).toBe(false);
    createStatus = 201;
    button().click();
    await waiting('login:k2');
  });

  it('revokes with a keepalive DELETE on pagehide and refreshes when restored from the bfcache', async () => {
    start();
    await waiting();
    window.dispatchEvent(new Event('pagehide'));
    expect(deletes()).toEqual([expect.objectContaining({ keepalive: true, headers: { Authorization: 'Bearer tok1' } })]);
    const shown = Object.assign(new Event('pageshow'), { persisted: true });
    window.dispatchEvent(shown);
    await waiting('login:k2');
  });

  it('destroy() revokes, disconnects and removes the UI', async () => {
    start();
    await waiting();
    handle!.destroy();
    expect(document.querySelector('.qrpush-login')).toBeNull();
    expect(deletes()).toHaveLength(1);
    await subscriber('login:k1')!.closed;
    expect(handle!.client.state).toBe('disconnected');
  });

  it('lets a render callback replace the default UI', async () => {
    const views: LoginView[] = [];
    document.body.innerHTML = '';
    start({ element: undefined, render: (v) => views.push(v) });
    await waiting();
    expect(document.querySelector('.qrpush-login')).toBeNull();
    expect(views.map((v) => v.state)).toEqual(['loading', 'waiting']);
    expect(views[1].qr!.localName).toBe('svg');
    expect(views[1].qrContent).toBe('https://example.com/qr?k=k1');
    await views[1].refresh();
    await waiting('login:k2');
  });
});
