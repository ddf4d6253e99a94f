// createSession's refusals: the server's own error word, message and Retry-After.
import { expect, it } from 'vitest';
import { QrPushError } from '../src/errors.js';
import { createSession, type Fetch } from '../src/loginapi.js';

const answering = (r: Response): Fetch => () => Promise.resolve(r);
const refusal = (f: Fetch) => createSession(f, 'http://x', 'demo').then(() => expect.fail('resolved'), (e: QrPushError) => e);

it('carries the JSON error word, message and delta-seconds Retry-After', async () => {
  const body = JSON.stringify({ error: 'unavailable', message: 'overloaded, retry later' });
  const e = await refusal(answering(new Response(body, { status: 503, headers: { 'Content-Type': 'application/json', 'Retry-After': '4' } })));
  expect(e).toBeInstanceOf(QrPushError);
  expect(e).toMatchObject({ code: 503, error: 'unavailable', message: 'overloaded, retry later', retryAfter: 4 });
});

it("falls back to 'http' when the body is not JSON, and ignores a Retry-After that is a date", async () => {
  const headers = { 'Retry-After': 'Wed, 21 Oct 2026 07:28:00 GMT' };
  const e = await refusal(answering(new Response('<html>Bad gateway</html>', { status: 502, headers })));
  expect(e).toMatchObject({ code: 502, error: 'http', message: 'creating a login session failed: HTTP 502' });
  expect(e.retryAfter).toBeUndefined();
});
