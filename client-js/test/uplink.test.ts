// The streaming uplink: batches per task, one request in flight, order kept, batches within the byte cap.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { Uplink } from '../src/uplink.js';

type Held = { frames: string[]; done: () => void; fail: (e: unknown) => void };
let posts: Held[];
let failures: unknown[];

function uplink(maxBytes = 1000): Uplink {
  return new Uplink(
    (frames) => new Promise<void>((done, fail) => posts.push({ frames, done, fail })),
    maxBytes,
    (e) => failures.push(e),
  );
}

beforeEach(() => {
  vi.useFakeTimers();
  posts = [];
  failures = [];
});
afterEach(() => vi.useRealTimers());

it('sends the frames of one task in one request', async () => {
  const u = uplink();
  u.send('1');
  u.send('2');
  u.send('3');
  expect(posts).toEqual([]); // not before the task ends: more may come
  await vi.advanceTimersByTimeAsync(0);
  expect(posts.map((p) => p.frames)).toEqual([['1', '2', '3']]);
});

it('keeps one request in flight and sends what came meanwhile, in order, after it', async () => {
  const u = uplink();
  u.send('1');
  await vi.advanceTimersByTimeAsync(0);
  u.send('2');
  await vi.advanceTimersByTimeAsync(0);
  u.send('3');
  await vi.advanceTimersByTimeAsync(10);
  expect(posts.map((p) => p.frames)).toEqual([['1']]);
  posts[0].done();
  await vi.advanceTimersByTimeAsync(0);
  expect(posts.map((p) => p.frames)).toEqual([['1'], ['2', '3']]);
  u.send('4');
  await vi.advanceTimersByTimeAsync(0);
  expect(posts).toHaveLength(2);
  posts[1].done();
  await vi.advanceTimersByTimeAsync(0);
  expect(posts.map((p) => p.frames)).toEqual([['1'], ['2', '3'], ['4']]);
});

it('splits a batch at the byte cap, counting UTF-8 bytes, and sends an oversized frame alone', async () => {
  const u = uplink(10);
  const big = 'x'.repeat(11);
  ['aaaa', 'éé', 'bbbb', big, 'c'].forEach((f) => u.send(f)); // 4 + 4 bytes fit, + 4 would not
  for (let i = 0; i < 3; i++) {
    await vi.advanceTimersByTimeAsync(0);
    posts[i].done();
  }
  await vi.advanceTimersByTimeAsync(0);
  expect(posts.map((p) => p.frames)).toEqual([['aaaa', 'éé'], ['bbbb'], [big], ['c']]);
});

it('stops at the first refused request: reports it once and sends nothing more', async () => {
  const u = uplink();
  u.send('1');
  await vi.advanceTimersByTimeAsync(0);
  u.send('2');
  posts[0].fail(404);
  await vi.advanceTimersByTimeAsync(0);
  u.send('3');
  await vi.advanceTimersByTimeAsync(0);
  expect(failures).toEqual([404]);
  expect(posts).toHaveLength(1);
});

it('after stop(), a request that fails is not reported (the transport is closing anyway)', async () => {
  const u = uplink();
  u.send('1');
  await vi.advanceTimersByTimeAsync(0);
  u.stop();
  posts[0].fail(new Error('aborted'));
  await vi.advanceTimersByTimeAsync(0);
  expect(failures).toEqual([]);
});

it('whenIdle waits until what was sent has been posted, in flight or still queued', async () => {
  const u = uplink();
  const idle: string[] = [];
  u.whenIdle(() => idle.push('at once'));
  expect(idle).toEqual(['at once']);
  u.send('1');
  await vi.advanceTimersByTimeAsync(0);
  u.send('2');
  u.whenIdle(() => idle.push('after 2'));
  posts[0].done();
  await vi.advanceTimersByTimeAsync(0);
  expect(idle).toEqual(['at once']);
  posts[1].done();
  await vi.advanceTimersByTimeAsync(0);
  expect(posts.map((p) => p.frames)).toEqual([['1'], ['2']]);
  expect(idle).toEqual(['at once', 'after 2']);
});
