/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

/** Unit and content tests. Browser tests live in tests/e2e and run with Playwright. */
export default getViteConfig({
  test: {
    include: ['src/**/*.test.ts', 'simulations/**/*.test.ts', 'exercises/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/content/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
