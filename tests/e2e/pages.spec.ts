/**
 * Every page of the site, in light and dark themes: loads without console errors, failed
 * requests or requests to other hosts, renders its diagrams, and has no axe violation of any impact.
 */
import { expect, test } from '@playwright/test';
import { allAxeViolations, builtPages, guard, scrollThrough, useTheme } from './site';

const pages = builtPages();

test('the build has the home page and all eleven lessons', () => {
  expect(pages).toContain('/');
  expect(pages.filter((p) => p.startsWith('/lessons/'))).toHaveLength(11);
});

for (const theme of ['light', 'dark'] as const) {
  for (const path of pages) {
    test(`${path} (${theme}) loads cleanly and passes axe`, async ({ page }) => {
      const watch = guard(page);
      await useTheme(page, theme);
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await expect(page.locator('h1').first()).toBeVisible();
      await scrollThrough(page);
      await expect(page.locator('.rl-diagram-canvas[data-state="error"]')).toHaveCount(0);
      expect(await allAxeViolations(page)).toEqual([]);
      watch.check();
    });
  }
}

test('a missing page answers with the course 404 page, not a crash', async ({ page }) => {
  const response = await page.goto('/no-such-lesson/');
  expect(response?.status()).toBe(404);
  await expect(page.locator('h1')).toBeVisible();
});
