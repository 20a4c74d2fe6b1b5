/**
 * The course offline: after one visit the service worker has saved the lessons, so with the
 * server stopped (genuinely offline) lessons reload with their diagrams and simulators; a new
 * deployment shows "Update ready — Reload" and reloads once into the new version, keeping the
 * learner's progress. Each test serves its own copy of the build (ASTRO_OUT_DIR) with a static
 * server it can stop and whose files it can change.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveStatic } from '../../scripts/static-server.mjs';
import { dist, lessonPages, scrollThrough } from './site';

const base = process.env.BASE_PATH ?? '/';

/** A private copy of the build, served until `stop()`. */
async function deploy() {
  const dir = mkdtempSync(join(tmpdir(), 'rlab-offline-'));
  cpSync(dist, dir, { recursive: true });
  // No gzip: the server keeps gzipped bodies in memory, and this test changes files while serving.
  const server = await serveStatic({ dir, base, port: 0, gzip: false });
  let running = true;
  return {
    dir,
    /** Absolute URL of a site path such as `lessons/foundation/`. */
    url: (path = '') => new URL(path, server.url).href,
    stop: async () => {
      if (running) await server.close();
      running = false;
    },
    remove: async function () {
      await this.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
type Deployment = Awaited<ReturnType<typeof deploy>>;

const status = (page: Page) => page.locator('[data-rl-offline]');
const cacheNames = (page: Page) => page.evaluate(() => caches.keys());

async function waitUntilSaved(page: Page) {
  await expect(status(page)).toContainText('Available offline', { timeout: 60_000 });
}

async function expectRendersFully(page: Page) {
  await expect(page.locator('main h1').first()).toBeVisible();
  await scrollThrough(page);
  await expect(page.locator('.rl-diagram-canvas[data-state="error"]')).toHaveCount(0);
}

async function expectSimulatorReady(page: Page, id: string) {
  await page.locator(`[data-simulation="${id}"]`).scrollIntoViewIfNeeded();
  await expect(page.locator(`[data-sim="${id}"]`)).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
}

test.describe('with service workers', () => {
  test.use({ serviceWorkers: 'allow' });
  let site: Deployment;
  test.beforeEach(async () => {
    site = await deploy();
  });
  test.afterEach(async () => {
    await site.remove();
  });

  test('after one visit, lessons reload offline with their diagrams and simulators', async ({ page, context }) => {
    test.setTimeout(180_000);
    await page.goto(site.url());
    await waitUntilSaved(page);
    // Visited online (not scrolled): a lesson without diagrams or simulators, so what the others
    // need offline must come from the install, not from files cached as this visit fetched them.
    await page.goto(site.url('lessons/retrieval-gauntlets/'));
    await expect(page.locator('main h1').first()).toBeVisible();

    await site.stop();
    await context.setOffline(true);

    // The visited lesson, reloaded offline.
    await page.reload();
    await expectRendersFully(page);
    // Chromium drops the offline emulation on a reload served by the worker (navigator.onLine is
    // true again); toggle it so the page sees the network go away, as a learner's browser would.
    await context.setOffline(false);
    await context.setOffline(true);
    await expect(status(page)).toContainText('Offline');

    // Lessons never opened: their diagrams (flowchart, journey) and simulators (React, recharts)
    // come from the cache.
    await page.goto(site.url('lessons/foundation/'));
    await expectRendersFully(page);
    await expect(page.locator('.rl-diagram-canvas[data-state="rendered"] svg')).toHaveCount(
      await page.locator('.rl-diagram').count(),
    );
    await page.goto(site.url('lessons/observability/'));
    await expectRendersFully(page);
    await expect(page.locator('.rl-diagram-canvas svg').first()).toBeAttached();
    await expectSimulatorReady(page, 'golden-signals');
    await page.goto(site.url('lessons/sre-practices/'));
    await expectSimulatorReady(page, 'canary');

    // Every lesson renders offline, every diagram drawn.
    for (const lesson of lessonPages()) {
      await page.goto(site.url(lesson.slice(1)));
      await expectRendersFully(page);
    }

    // A page that was never saved (an exercise needs Monaco) answers with the offline page.
    await page.goto(site.url('exercises/histogram-quantile/'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('You are offline');
    await page.getByRole('link', { name: 'Course home' }).click();
    await expect(page.locator('main h1').first()).toBeVisible();
  });

  test('a new deployment offers "Update ready — Reload", reloads once into it, and keeps progress', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(site.url('lessons/foundation/'));
    await page.getByRole('button', { name: /mark lesson complete/i }).click();
    const progress = await page.evaluate(() => localStorage.getItem('rlab:progress'));
    expect(progress).toContain('foundation');
    await page.goto(site.url());
    await waitUntilSaved(page);
    const before = await cacheNames(page);
    expect(before.some((n) => n.startsWith('rlab-offline-'))).toBe(true);

    // Deploy a new version: the home page changes, so the manifest's version changes.
    const home = join(site.dir, 'index.html');
    writeFileSync(home, readFileSync(home, 'utf8').replace('</head>', '<meta name="rlab-deployment" content="second"></head>'));
    const sw = join(site.dir, 'sw.js');
    writeFileSync(sw, readFileSync(sw, 'utf8').replace(/"version":"([0-9a-f]+)"/, '"version":"second$1"'));

    // The old worker still serves the old home page while the new one installs and waits.
    await page.reload();
    await expect(page.locator('meta[name="rlab-deployment"]')).toHaveCount(0);
    const reload = status(page).getByRole('button', { name: 'Reload' });
    await expect(reload).toBeVisible({ timeout: 60_000 });
    await expect(status(page)).toContainText('Update ready');
    const violations = await new AxeBuilder({ page }).include('[data-rl-offline]').analyze();
    expect(violations.violations.map((v) => v.id)).toEqual([]);

    let navigations = 0;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations += 1;
    });
    await reload.focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('meta[name="rlab-deployment"]')).toHaveCount(1, { timeout: 20_000 });
    await waitUntilSaved(page);
    await expect.poll(() => cacheNames(page)).not.toEqual(expect.arrayContaining(before.filter((n) => n.startsWith('rlab-offline-'))));
    expect((await cacheNames(page)).some((n) => n.includes('second'))).toBe(true);
    await page.waitForTimeout(1_000);
    expect(navigations, 'the page reloads exactly once').toBe(1);
    expect(await page.evaluate(() => localStorage.getItem('rlab:progress'))).toBe(progress);
    await expect(page.locator('.rl-lesson-card[data-lesson-id="lessons/foundation"] .rl-lesson-status')).toHaveText('Completed');
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`the offline status passes axe (${theme})`, async ({ page }) => {
      await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
      await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
      await page.goto(site.url());
      await waitUntilSaved(page);
      await expect(status(page).locator('[aria-live="polite"]')).toHaveText('Available offline');
      const results = await new AxeBuilder({ page }).include('[data-rl-offline]').analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    });
  }
});

test.describe('without service workers', () => {
  test.use({ serviceWorkers: 'block' });

  test('the site works as before and says offline use is unavailable', async ({ page }) => {
    const site = await deploy();
    try {
      await page.goto(site.url('lessons/foundation/'));
      await expect(status(page)).toContainText('Offline use unavailable in this browser');
      await expect(page.getByRole('button', { name: /mark lesson complete/i })).toBeEnabled();
    } finally {
      await site.remove();
    }
  });
});
