import { describe, expect, it } from 'vitest';
import { Dedupe } from '../src/dedupe.js';
import { makeGuid } from '../src/guid.js';

describe('Dedupe', () => {
  it('reports a guid once per channel', () => {
    const d = new Dedupe(4);
    expect(d.add('a', 'g1')).toBe(true);
    expect(d.add('a', 'g1')).toBe(false);
    expect(d.add('b', 'g1')).toBe(true); // channels are independent
  });

  it('forgets the oldest guid beyond its size', () => {
    const d = new Dedupe(3);
    for (const g of ['g1', 'g2', 'g3', 'g4']) d.add('a', g);
    expect(d.add('a', 'g1')).toBe(true); // evicted, so new again
    expect(d.add('a', 'g4')).toBe(false);
  });

  it('forgets a channel', () => {
    const d = new Dedupe();
    d.add('a', 'g1');
    d.forget('a');
    expect(d.add('a', 'g1')).toBe(true);
  });
});

describe('makeGuid', () => {
  it('makes 128-bit hex ids that differ', () => {
    const a = makeGuid();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(makeGuid()).not.toBe(a);
  });
});
