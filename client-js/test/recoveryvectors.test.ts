// client-js's Position against the shared recovery vectors (protocol/vectors/recovery.json), which
// the Java SDK's Position runs too: both clients treat offsets and recovery replies alike.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { Position } from '../src/position.js';
import type { Message, SubscribeReply } from '../src/types.js';

type Step = {
  recover?: { offset: number; epoch: string } | null;
  live?: number | null;
  settle?: { offset?: number; epoch?: string; recovered?: boolean; publications?: number[] };
  abandon?: boolean;
  deliver?: (number | null)[];
  recovered?: boolean | null;
};

const vectors = JSON.parse(readFileSync(new URL('../../protocol/vectors/recovery.json', import.meta.url), 'utf8'));
const channel = 'news:1';
const message = (offset: number | null): Message => ({ channel, guid: `g${offset}`, ts: 1, content: offset, offset: offset ?? undefined });
const offsets = (ms: Message[]) => ms.map((m) => m.offset ?? null);

it.each(vectors.cases as { why: string; steps: Step[] }[])('$why', ({ steps }) => {
  const pos = new Position();
  steps.forEach((step, i) => {
    const at = `step ${i}`;
    if ('recover' in step) {
      expect(pos.recover() ?? null, at).toEqual(step.recover);
    } else if ('live' in step) {
      expect(offsets(pos.live(message(step.live as number | null))), at).toEqual(step.deliver);
    } else if (step.settle) {
      const { publications, ...fields } = step.settle;
      const reply = { op: 'reply', id: 1, code: 200, channel, ...fields, publications: publications?.map(message) } as SubscribeReply;
      const settled = pos.settle(reply);
      expect(offsets(settled.deliver), at).toEqual(step.deliver);
      expect(settled.recovered ?? null, at).toEqual(step.recovered);
    } else {
      pos.abandon();
    }
  });
});
