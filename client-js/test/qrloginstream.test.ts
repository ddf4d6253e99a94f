// @vitest-environment happy-dom
// The scan-to-login widget, unchanged, over HTTP streaming: its WebSocket is refused, so its client
// falls back to the stream (the fake /stream and /emulation of fakeStream.ts, behind the same fake
// fetch that answers the widget's own HTTP calls).
import { afterEach, expect, it, vi } from 'vitest';
import { qrLogin, type QrLoginHandle } from '../src/qrlogin.js';
import type { SocketFactory } from '../src/types.js';
import { FakeStreamServer } from './fakeStream.js';
import { MemorySocket } from './memorySocket.js';

/** A WebSocket whose upgrade a proxy refuses: closed (1006) without ever opening. */
class RefusedSocket extends MemorySocket {
  constructor(url: string) {
    super(url);
    setTimeout(() => this.serverClose(1006));
  }
}

let handle: QrLoginHandle | undefined;
afterEach(() => handle?.destroy());

it('logs in over the stream when WebSocket is refused', async () => {
  const http = new FakeStreamServer();
  const fetcher = (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const path = new URL(String(input)).pathname;
    if (init.method === 'POST' && path === '/api/login/sessions') {
      return Promise.resolve(Response.json({ key: 'k1', channel: 'login:k1', token: 'tok1', qrContent: 'https://example.com/qr?k=k1',
        qrPng: '/api/login/sessions/k1/qr.png', qrSvg: '/api/login/sessions/k1/qr.svg', expiresAt: Date.now() + 120000 }, { status: 201 }));
    }
    return http.fetch(input, init);
  };
  document.body.innerHTML = '<div id="login"></div>';
  const onConfirmed = vi.fn();
  handle = qrLogin({ element: '#login', server: 'http://push.test', appkey: 'demo', onConfirmed, fetch: fetcher as typeof fetch,
    WebSocket: RefusedSocket as unknown as SocketFactory, client: { pingInterval: 0 } });

  await vi.waitFor(() => expect(http.streams).toHaveLength(1));
  expect(http.last.url).toBe('http://push.test/stream');
  http.last.accept();
  await vi.waitFor(() => expect(http.frames.map((f) => f.op)).toEqual(['subscribe']));
  const sub = http.frames[0];
  expect(sub).toMatchObject({ channel: 'login:k1', token: 'tok1' });
  http.last.event({ op: 'reply', id: sub.id, code: 200, channel: 'login:k1', state: { status: 'waiting' } });
  await vi.waitFor(() => expect(handle!.state).toBe('waiting'));
  expect(handle.client.transport).toBe('stream');

  const user = { id: 'u17', name: 'Ann' };
  http.last.event({ op: 'message', channel: 'login:k1', guid: 'g1', ts: 1, content: { event: 'confirmed', ticket: 'T1', user } });
  await vi.waitFor(() => expect(onConfirmed).toHaveBeenCalledWith({ ticket: 'T1', user }));
  // The ack of the confirm event went up before the widget let go of the stream.
  await vi.waitFor(() => expect(http.frames.map((f) => f.op)).toEqual(['subscribe', 'ack']));
  await vi.waitFor(() => expect(http.last.ended).toBe(true));
});
