/// <reference types="vitest/config" />
import { availableParallelism } from 'node:os';
import { getViteConfig } from 'astro/config';

/** Unit and content tests. Browser tests live in tests/e2e and run with Playwright. */
export default getViteConfig({
  test: {
    include: ['src/**/*.test.ts', 'simulations/**/*.test.ts', 'exercises/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/content/**/*.test.ts'],
    testTimeout: 60_000,
    // One worker per core (vitest's default leaves one idle): the CLI and grader tests mostly wait
    // on child processes, and this cut the suite from 124 s to 88 s on two cores.
    maxWorkers: availableParallelism(),
  },
});
