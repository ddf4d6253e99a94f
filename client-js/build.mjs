// Builds dist/: an ES module, a minified IIFE (global `QrPush`) and .d.ts files, then enforces the
// size budget: the browser bundle (client + login widget) must stay under 10 KB gzipped, because
// login pages load it before anything else.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';

const BUDGET = 10 * 1024;
const common = {
  entryPoints: ['src/index.ts'],
  bundle: true,
  target: 'es2020',
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
};

rmSync('dist', { recursive: true, force: true });
await build({ ...common, format: 'esm', outfile: 'dist/qrpush.mjs' });
await build({ ...common, format: 'iife', globalName: 'QrPush', minify: true, outfile: 'dist/qrpush.min.js' });

// tsc is run through node (not npx) so the build works from any shell, offline.
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });

const min = readFileSync('dist/qrpush.min.js');
const gz = gzipSync(min, { level: 9 }).length;
console.log(`dist/qrpush.min.js: ${min.length} bytes, ${gz} bytes gzipped (budget ${BUDGET})`);
if (gz > BUDGET) {
  console.error(`FAIL: client + widget is ${gz} bytes gzipped, over the ${BUDGET}-byte budget`);
  process.exit(1);
}
