import { QrPushError } from './errors.js';

/** The 201 answer of `POST /api/login/sessions` (docs/protocol.md section 4). */
export interface LoginSession {
  key: string;
  channel: string;
  token: string;
  qrContent: string;
  qrPng: string;
  qrSvg: string;
  expiresAt: number;
  /** On apps with number matching: the two-digit number the PC shows beside the code. */
  match?: string;
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
  if (!r.ok) throw await refusal(r, 'creating a login session failed');
  return r.json();
}

/**
 * The server's own error word and message (docs/protocol.md section 3) when the body is its JSON error;
 * 'http' when it is not (a proxy's page, say). Only delta-seconds `Retry-After` is read: the
 * server sends nothing else, and a date would need the page's clock to agree with the server's.
 */
async function refusal(r: Response, what: string): Promise<QrPushError> {
  let body: { error?: unknown; message?: unknown } | null = null;
  try {
    body = await r.json();
  } catch {
    // not JSON
  }
  const word = body && typeof body.error === 'string' ? body.error : 'http';
  const message = body && typeof body.message === 'string' ? body.message : `${what}: HTTP ${r.status}`;
  const after = (r.headers.get('Retry-After') || '').trim();
  return new QrPushError(r.status, word, message, /^\d+$/.test(after) ? Number(after) : undefined);
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
