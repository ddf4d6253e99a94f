import { describe, expect, it } from 'vitest';
import { closeDecision, readFarewell } from '../src/closecodes.js';

const frame = (f: Record<string, unknown>) => readFarewell({ op: 'disconnect', reason: 'r', ...f });

describe('closeDecision', () => {
  it.each([4001, 4003, 4011])('stops after %i without a frame', (code) => {
    expect(closeDecision(code)).toEqual({ reconnect: false });
  });

  it.each([1000, 1001, 1006, 1009, 1011, 4000, 4010, 4999])('reconnects after %i', (code) => {
    expect(closeDecision(code)).toEqual({ reconnect: true, backoff: 'normal' });
  });

  it('waits in the rate-limited window after 4008', () => {
    expect(closeDecision(4008)).toEqual({ reconnect: true, backoff: 'rate_limited' });
  });

  it('obeys reconnect:false whatever the code', () => {
    expect(closeDecision(1001, frame({ code: 1001, reconnect: false })).reconnect).toBe(false);
  });

  it("follows the disconnect frame's reconnect flag for 4001 (authorize timeout or unknown appkey)", () => {
    expect(closeDecision(4001, frame({ code: 4001, reconnect: true })).reconnect).toBe(true);
    expect(closeDecision(4001, frame({ code: 4001, reconnect: false })).reconnect).toBe(false);
  });

  it('stops after 4003 and 4011 even when the frame says reconnect', () => {
    expect(closeDecision(1006, frame({ code: 4011, reconnect: true })).reconnect).toBe(false);
    expect(closeDecision(4003, frame({ code: 4003, reconnect: true })).reconnect).toBe(false);
  });

  it("prefers the disconnect frame's code over the socket's", () => {
    expect(closeDecision(1006, frame({ code: 4008, reconnect: true })).backoff).toBe('rate_limited');
    expect(closeDecision(4001, frame({ code: 1001, reconnect: true })).reconnect).toBe(true);
  });

  it('ignores a frame without its reconnect flag: the close code decides', () => {
    expect(frame({ code: 4011 })).toBeUndefined();
    expect(closeDecision(1006, frame({ code: 4011 }))).toEqual({ reconnect: true, backoff: 'normal' });
  });

  it("carries the frame's delay window", () => {
    expect(closeDecision(1001, frame({ code: 1001, reconnect: true, delay: [100, 900] }))).toEqual({ reconnect: true, backoff: 'normal', delay: [100, 900] });
  });
});
