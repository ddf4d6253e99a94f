// Which transport comes next, on its own (the client's use of it: streamfallback.test.ts).
import { expect, it } from 'vitest';
import { closedByNetwork, TransportPlan, type TransportName } from '../src/transports.js';

const WS = { name: 'websocket', padded: false };
const STREAM = { name: 'stream', padded: false };
const PADDED = { name: 'stream', padded: true };

const plan = (...t: TransportName[]) => new TransportPlan(t.length ? t : ['websocket', 'stream']);

it('starts with WebSocket; a socket closed before any answer leads to the stream', () => {
  const p = plan();
  expect(p.current).toEqual(WS);
  expect(p.advance('closed')).toEqual(STREAM);
  expect(p.current).toEqual(STREAM);
});

it('silence leads to the padded stream, from WebSocket or from the stream', () => {
  expect(plan().advance('silent')).toEqual(PADDED);
  const p = plan();
  p.advance('closed');
  expect(p.advance('silent')).toEqual(PADDED);
});

it('a stream that closed, or a padded one that failed, has nowhere to go: restart() goes back to WebSocket', () => {
  const p = plan();
  p.advance('closed');
  expect(p.next('closed')).toBeNull();
  expect(p.advance('silent')).toEqual(PADDED);
  expect(p.advance('silent')).toBeNull();
  expect(p.advance('closed')).toBeNull();
  expect(p.current).toEqual(PADDED);
  p.restart();
  expect(p.current).toEqual(WS);
});

it('keeps the transport that answered: no fallback and no restart after that', () => {
  const p = plan();
  p.advance('closed');
  p.keep();
  expect(p.next('silent')).toBeNull();
  expect(p.advance('closed')).toBeNull();
  p.restart();
  expect(p.current).toEqual(STREAM);
});

it('follows the allowed transports only, in the ladder order', () => {
  expect(plan('websocket').next('closed')).toBeNull();
  expect(plan('websocket').next('silent')).toBeNull();
  const s = plan('stream');
  expect(s.current).toEqual(STREAM);
  expect(s.next('closed')).toBeNull();
  expect(s.advance('silent')).toEqual(PADDED);
  expect(plan('stream', 'websocket').current).toEqual(WS);
  expect(() => plan('sse' as TransportName)).toThrow(/transports/);
});

it('falls back only on closes a network gives, never on a code the server chose', () => {
  for (const code of [undefined, 0, 1001, 1005, 1006, 1011, 1014]) expect(closedByNetwork(code)).toBe(true);
  for (const code of [1000, 1002, 1003, 1008, 1009, 4001, 4003, 4008, 4011]) expect(closedByNetwork(code)).toBe(false);
});
