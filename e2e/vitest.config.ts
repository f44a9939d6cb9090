// End-to-end tests: real server + real library + Debian's Chromium. Run with
//   npx vitest run -c e2e/vitest.config.ts
// One file at a time (they share a machine with 2 cores and drive a browser each).
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 600_000,
    pool: 'forks',
    fileParallelism: false,
    // A scenario builds on the previous one (index → browse → tag...); stop at the first failure.
    bail: 1,
  },
});
