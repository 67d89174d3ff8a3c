import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Files run in parallel; each one that needs a database creates its own.
    pool: 'forks',
    // At least two at once: many files mostly wait on spawned CLIs, servers and databases, and on
    // a 2-core CI machine the default of one fork ran the suite end to end (716 s; 588 s with two).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 20_000,
    hookTimeout: 60_000,
    globalSetup: ['./test/global-setup.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
