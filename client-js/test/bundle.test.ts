// What ships: the IIFE defines the documented global and stays inside the size budget.
import { build } from 'esbuild';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { BUDGET, iife } from '../bundles.mjs';
import * as api from '../src/index.js';

it('the minified IIFE exposes QrPush.Client and QrPush.qrLogin and fits the gzip budget', async () => {
  const out = await build({ ...iife, write: false, sourcemap: false });
  const code = out.outputFiles![0].text;
  const context: Record<string, any> = {};
  runInNewContext(code, context);
  expect(typeof context.QrPush.Client).toBe('function');
  expect(typeof context.QrPush.qrLogin).toBe('function');
  expect(context.QrPush.State.Connected).toBe('connected');
  expect(gzipSync(code, { level: 9 }).length).toBeLessThanOrEqual(BUDGET);
});

it('the ES entry exports the same names', () => {
  expect(api.Client).toBe(api.QrPush);
  expect(typeof api.qrLogin).toBe('function');
  expect(new api.QrPushError(410, 'gone')).toBeInstanceOf(Error);
});
