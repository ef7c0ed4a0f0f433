import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property tests run many exact computations; keep the suite parallel but bounded on 2 cores.
    pool: 'threads',
    testTimeout: 60_000,
  },
});
