import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 10000,
    // Two cores: keep the worker count small so socket timings stay predictable.
    maxWorkers: 2,
  },
});
