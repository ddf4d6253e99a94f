// History, recovery and presence (docs/protocol.md sections 6 and 7) against the fake ws server.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { QrPush } from '../src/client.js';
import type { Message } from '../src/types.js';
import { FakeServer, type Frame } from './fakeServer.js';
import { makeClient, next } from './helpers.js';

let server: FakeServer;
let client: QrPush;
let got: Message[];

beforeEach(async () => {
  server = await FakeServer.start();
  client = makeClient(server.url);
  got = [];
  client.on('message', (m) => got.push(m));
});
afterEach(async () => {
  client.disconnect();
  await server.close();
});

const msg = (offset: number | undefined, channel = 'news:1'): Frame => ({ op: 'message', channel, guid: `g${offset}`, ts: 1, content: offset, offset });
// Message objects in replies: the channel is the request's.
const pub = (offset: number): Frame => ({ guid: `g${offset}`, ts: 1, content: offset, offset });

/** Connects and subscribes to news:1, which answers offset `offset` in epoch e1. */
async function subscribed(offset = 5): Promise<void> {
  server.handler = (f) => (f.op === 'subscribe' ? { channel: f.channel, offset, epoch: 'e1' } : undefined);
  client.connect();
  await client.subscribe('news:1');
}

/** Drops the connection; the resubscribe on the next one is answered by `answer` (null: not yet). */
async function reconnect(answer: (f: Frame) => Frame | null): Promise<Frame> {
  server.handler = (f) => (f.op === 'subscribe' ? answer(f) : undefined);
  const again = next(client, 'connected');
  server.last.drop();
  await again;
  await vi.waitFor(() => expect(server.last.frames('subscribe')).toHaveLength(1));
  return server.last.frames('subscribe')[0];
}

const offsets = () => got.map((m) => m.offset);

describe('recovery', () => {
  it('resubscribes with the last offset and epoch it saw, and only then', async () => {
    await subscribed(5);
    expect(server.last.frames('subscribe')[0].recover).toBeUndefined();
    server.last.send(msg(6));
    server.last.send(msg(7));
    await vi.waitFor(() => expect(got).toHaveLength(2));
    const sub = await reconnect(() => ({ channel: 'news:1', offset: 7, epoch: 'e1', recovered: true, publications: [] }));
    expect(sub.recover).toEqual({ offset: 7, epoch: 'e1' });
  });

  it('delivers missed publications once and in order, before live messages that came during the recovery', async () => {
    await subscribed(7);
    const sub = reconnect(() => null);
    const done = next(client, 'subscribed');
    const frame = await sub;
    // Live 9 arrives before the reply that also carries it; then the reply, a repeat of 9, and 10.
    server.last.send(msg(9));
    server.last.send({ op: 'reply', id: frame.id, code: 200, channel: 'news:1', offset: 9, epoch: 'e1', recovered: true, publications: [pub(8), pub(9)] });
    server.last.send(msg(9));
    server.last.send(msg(10));
    expect(await done).toMatchObject({ channel: 'news:1', resubscribed: true, recovered: true });
    await vi.waitFor(() => expect(server.last.frames('ack')).toHaveLength(3));
    expect(offsets()).toEqual([8, 9, 10]);
    expect(got[0]).toEqual({ channel: 'news:1', guid: 'g8', ts: 1, content: 8, offset: 8 });
  });

  it('drops a message whose offset it has already passed', async () => {
    await subscribed(5);
    for (const o of [6, 8, 7, 8, 9]) server.last.send(msg(o));
    await vi.waitFor(() => expect(server.last.frames('ack')).toHaveLength(5));
    expect(offsets()).toEqual([6, 8, 9]);
  });

  it.each([
    ['recovered:false', { recovered: false, offset: 50, epoch: 'e1' }],
    ['a new epoch', { recovered: true, offset: 50, epoch: 'e2', publications: [pub(49)] }],
  ])('states %s as recoveryFailed and continues from the new offset', async (_, answer) => {
    await subscribed(5);
    const failed = next(client, 'recoveryFailed');
    const done = next(client, 'subscribed');
    await reconnect(() => ({ channel: 'news:1', ...answer }));
    expect(await failed).toEqual({ channel: 'news:1', offset: 50, epoch: answer.epoch });
    expect(await done).toMatchObject({ recovered: false });
    server.last.send(msg(50));
    server.last.send(msg(51));
    await vi.waitFor(() => expect(server.last.frames('ack')).toHaveLength(2));
    expect(offsets()).toEqual([51]);
    const sub = await reconnect(() => ({ channel: 'news:1', offset: 51, epoch: answer.epoch, recovered: true }));
    expect(sub.recover).toEqual({ offset: 51, epoch: answer.epoch });
  });

  it('sends no recover on a channel without history, and passes its messages as they come', async () => {
    client.connect();
    await client.subscribe('chat');
    server.last.send(msg(undefined, 'chat'));
    await vi.waitFor(() => expect(got).toHaveLength(1));
    expect(got[0].offset).toBeUndefined();
    const sub = await reconnect((f) => ({ channel: f.channel }));
    expect(sub.recover).toBeUndefined();
  });

  it('forgets the position on unsubscribe: a new subscription starts afresh', async () => {
    await subscribed(5);
    await client.unsubscribe('news:1');
    await client.subscribe('news:1');
    expect(server.last.frames('subscribe')[1].recover).toBeUndefined();
  });
});

describe('history and presence', () => {
  beforeEach(async () => {
    client.connect();
    await next(client, 'connected');
  });

  it('asks history with since, limit and reverse and answers the reply', async () => {
    server.handler = (f) => (f.op === 'history' ? { publications: [pub(4), pub(3)], offset: 9, epoch: 'e1' } : undefined);
    const page = await client.history('news:1', { since: { offset: 5, epoch: 'e1' }, limit: 2, reverse: true });
    expect(page).toMatchObject({ code: 200, offset: 9, epoch: 'e1' });
    expect(page.publications.map((p) => p.offset)).toEqual([4, 3]);
    expect(page.publications[0]).toEqual({ channel: 'news:1', guid: 'g4', ts: 1, content: 4, offset: 4 });
    expect(server.last.frames('history')[0]).toMatchObject({ channel: 'news:1', since: { offset: 5, epoch: 'e1' }, limit: 2, reverse: true });
  });

  it('asks presence and presence_stats', async () => {
    server.handler = (f) =>
      f.op === 'presence' ? { clients: [{ sid: 's1', userId: 'u1', name: 'Ann' }], users: 1 } : f.op === 'presence_stats' ? { clients: 3, users: 2 } : undefined;
    expect(await client.presence('room:1')).toMatchObject({ clients: [{ sid: 's1', userId: 'u1', name: 'Ann' }], users: 1 });
    expect(await client.presenceStats('room:1', 'tok')).toMatchObject({ clients: 3, users: 2 });
    expect(server.last.frames('presence_stats')[0]).toMatchObject({ channel: 'room:1', token: 'tok' });
  });

  it('rejects a refused query with its error word, and any query while disconnected', async () => {
    server.handler = (f) => (f.op === 'presence' ? { code: 400, error: 'not_enabled', message: 'no presence' } : undefined);
    await expect(client.presence('news:1')).rejects.toMatchObject({ code: 400, error: 'not_enabled' });
    client.disconnect();
    await expect(client.history('news:1')).rejects.toMatchObject({ error: 'disconnected' });
  });

  it('emits join and leave', async () => {
    const join = next(client, 'join');
    const leave = next(client, 'leave');
    server.last.send({ op: 'join', channel: 'room:1', user: { userId: 'u2', name: 'Bo' } });
    server.last.send({ op: 'leave', channel: 'room:1', user: { userId: 'u2' } });
    expect(await join).toEqual({ channel: 'room:1', user: { userId: 'u2', name: 'Bo' } });
    expect(await leave).toEqual({ channel: 'room:1', user: { userId: 'u2' } });
  });
});
