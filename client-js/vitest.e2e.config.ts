import { defineConfig } from 'vitest/config';

// Browser tests against the real server jar: one worker, one file at a time (they start servers
// and a browser), and timeouts long enough for a JVM start and a code that has to expire.
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
