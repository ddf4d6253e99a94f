import { QrPushError } from './errors.js';

/** The 201 answer of `POST /api/login/sessions` (PROTOCOL.md 4.1). */
export interface LoginSession {
  key: string;
  channel: string;
  token: string;
  qrContent: string;
  qrPng: string;
  qrSvg: string;
  expiresAt: number;
}

export type Fetch = typeof fetch;

/** `https://push.example.com/base` → `wss://push.example.com/base/ws`. */
export function wsUrlFor(server: string): string {
  return server.replace(/^http/i, 'ws').replace(/\/+$/, '') + '/ws';
}

/** The server's answers hold paths such as `/api/...`; they are relative to `server`, which may have a path prefix behind a proxy. */
function resolve(server: string, path: string): string {
  return /^[a-z]+:/i.test(path) ? path : server.replace(/\/+$/, '') + path;
}

export async function createSession(f: Fetch, server: string, appkey: string): Promise<LoginSession> {
  const r = await f(resolve(server, '/api/login/sessions'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ appkey }),
  });
  if (!r.ok) throw new QrPushError(r.status, 'http', `creating a login session failed: HTTP ${r.status}`);
  return r.json();
}

/**
 * Revokes a session so its QR code stops working. Errors are swallowed: revoking is hygiene, and
 * the server revokes on its own once the last PC subscriber is gone for `pcGrace`.
 *
 * On page unload we use fetch with `keepalive: true` rather than navigator.sendBeacon: a beacon is
 * always a POST and cannot carry an `Authorization` header, while the protocol asks for
 * `DELETE` with `Authorization: Bearer <token>` (the token must never travel in a URL).
 * keepalive lets the request outlive the page, like a beacon.
 */
export function revokeSession(f: Fetch, server: string, s: LoginSession, keepalive = false): Promise<unknown> {
  try {
    return f(resolve(server, '/api/login/sessions/' + encodeURIComponent(s.key)), {
      method: 'DELETE',
      headers: { Authorization: 'Bearer ' + s.token },
      keepalive,
    }).catch(() => undefined);
  } catch {
    return Promise.resolve(); // a fetch that throws synchronously during unload
  }
}

export async function fetchText(f: Fetch, server: string, path: string): Promise<string> {
  const r = await f(resolve(server, path));
  if (!r.ok) throw new QrPushError(r.status, 'http', `HTTP ${r.status}`);
  return r.text();
}
