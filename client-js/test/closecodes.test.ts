import { describe, expect, it } from 'vitest';
import { closeAction } from '../src/closecodes.js';

describe('closeAction', () => {
  it.each([4001, 4003, 4011])('stops after %i', (code) => {
    expect(closeAction(code)).toBe('stop');
  });

  it.each([1000, 1001, 1006, 1009, 1011, 4000, 4010, 4999])('reconnects after %i', (code) => {
    expect(closeAction(code)).toBe('retry');
  });

  it('slows down after 4008', () => {
    expect(closeAction(4008)).toBe('slow');
  });

  it('obeys reconnect:false whatever the code', () => {
    expect(closeAction(1001, { code: 1001, reconnect: false })).toBe('stop');
  });

  it("follows the disconnect frame's reconnect flag over the code table", () => {
    // docs/protocol.md: 4001 is reconnect:true for an authorize timeout, false for an unknown appkey.
    expect(closeAction(4001, { code: 4001, reconnect: true })).toBe('retry');
    expect(closeAction(4001, { code: 4001, reconnect: false })).toBe('stop');
    expect(closeAction(4001, { code: 4001 })).toBe('stop'); // no flag: the table
  });

  it("prefers the disconnect frame's code over the socket's", () => {
    expect(closeAction(1006, { code: 4011 })).toBe('stop');
    expect(closeAction(1006, { code: 4008, reconnect: true })).toBe('slow');
    expect(closeAction(4001, { code: 1001 })).toBe('retry');
  });
});
