import { describe, expect, it } from 'vitest';
import { backoff } from '../src/backoff.js';

describe('backoff', () => {
  it('stays within [min, max] for every attempt, at both ends of the random range', () => {
    for (let attempt = 0; attempt < 100; attempt++) {
      for (const r of [0, 0.5, 0.999999]) {
        const d = backoff(attempt, 500, 20000, () => r);
        expect(d).toBeGreaterThanOrEqual(500);
        expect(d).toBeLessThanOrEqual(20000);
      }
    }
  });

  it('doubles the window per attempt until the cap', () => {
    const top = (attempt: number) => backoff(attempt, 500, 20000, () => 1);
    expect([0, 1, 2, 3, 4, 5, 6].map(top)).toEqual([1000, 2000, 4000, 8000, 16000, 20000, 20000]);
    expect(top(5000)).toBe(20000); // no Infinity/NaN for absurd attempts
  });

  it('floors at min whatever the attempt', () => {
    expect(backoff(0, 500, 20000, () => 0)).toBe(500);
    expect(backoff(30, 500, 20000, () => 0)).toBe(500);
  });

  it('spreads delays with the random source (full jitter)', () => {
    const d = (r: number) => backoff(10, 500, 20000, () => r);
    expect(d(0.25)).toBe(500 + 0.25 * 19500);
    expect(d(0.75)).toBe(500 + 0.75 * 19500);
    const seen = new Set(Array.from({ length: 50 }, () => backoff(10)));
    expect(seen.size).toBeGreaterThan(40); // Math.random by default: not a constant
  });
});
