// The esbuild options of both bundles and the size budget, shared by build.mjs and the bundle test
// so the test checks exactly what ships.

/** Client + login widget, minified and gzipped: login pages load it before anything else. */
export const BUDGET = 10 * 1024;

const common = {
  entryPoints: ['src/index.ts'],
  bundle: true,
  target: 'es2020',
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
};

/** `import { QrPush, qrLogin } from 'qrpush-client'`. */
export const esm = { ...common, format: 'esm', outfile: 'dist/qrpush.mjs' };

/** `<script src="qrpush.min.js">`: global `QrPush` with `QrPush.Client` and `QrPush.qrLogin`. */
export const iife = { ...common, format: 'iife', globalName: 'QrPush', minify: true, outfile: 'dist/qrpush.min.js' };

/**
 * The admin page served at /admin/: its code and uPlot in one script, their sheets in one
 * admin.css beside it; nothing is loaded from anywhere else (the page's CSP allows only 'self').
 */
export const admin = {
  entryPoints: ['admin/src/main.ts'],
  bundle: true,
  target: 'es2020',
  format: 'iife',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  outfile: 'dist/admin/admin.js',
};
