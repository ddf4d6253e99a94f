// Builds dist/: an ES module, a minified IIFE (global `QrPush`) and .d.ts files, then fails when
// the IIFE is over the gzip budget (see bundles.mjs); and the admin page in dist/admin/.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { BUDGET, admin, esm, iife } from './bundles.mjs';

rmSync('dist', { recursive: true, force: true });
await build(esm);
await build(iife);
await build(admin);
copyFileSync('admin/index.html', 'dist/admin/index.html');

// tsc is run through node (not npx) so the build works from any shell, offline.
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });

const min = readFileSync(iife.outfile);
const gz = gzipSync(min, { level: 9 }).length;
console.log(`${iife.outfile}: ${min.length} bytes, ${gz} bytes gzipped (budget ${BUDGET})`);
if (gz > BUDGET) {
  console.error(`FAIL: client + widget is ${gz} bytes gzipped, over the ${BUDGET}-byte budget`);
  process.exit(1);
}
