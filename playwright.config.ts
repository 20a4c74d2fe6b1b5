import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_FLAGS, chromiumPath } from './scripts/chromium.mjs';

/**
 * Browser tests against the production build (`npm run build` first), served by `astro preview`.
 * They use Debian's chromium; Playwright's own browser download does not work here.
 */
const port = Number(process.env.E2E_PORT ?? 4329);

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  // Two workers on two cores: a third was no faster (the tests are CPU-bound) and timed out a lesson.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'off',
    launchOptions: {
      executablePath: chromiumPath(),
      args: CHROMIUM_FLAGS,
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: {
    command: `npx astro preview --host 127.0.0.1 --port ${port}`,
    // Under a base path (BASE_PATH=/course/) the root is a 404: wait for the base instead.
    url: `http://127.0.0.1:${port}${process.env.BASE_PATH ?? '/'}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
