/**
 * Every page of the site: loads without console errors, failed requests or requests to other
 * hosts, renders its diagrams, and has no axe violation of any impact in the light theme, nor any
 * colour violation (contrast, links in text) once switched to the dark theme.
 */
import { expect, test } from '@playwright/test';
import { allAxeViolations, builtPages, colourAxeViolations, guard, scrollThrough, useTheme } from './site';

const pages = builtPages();

test('the build has the home page and all eleven lessons', () => {
  expect(pages).toContain('/');
  expect(pages.filter((p) => p.startsWith('/lessons/'))).toHaveLength(11);
});

for (const path of pages) {
  test(`${path} loads cleanly and passes axe in the light and dark themes`, async ({ page }) => {
    const watch = guard(page);
    await useTheme(page, 'light');
    await page.goto(path);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await expect(page.locator('h1').first()).toBeVisible();
    await scrollThrough(page);
    await expect(page.locator('.rl-diagram-canvas[data-state="error"]')).toHaveCount(0);
    expect(await allAxeViolations(page), 'light theme').toEqual([]);

    // Then dark, switched as Starlight's theme menu does it (one load serves both themes);
    // diagrams re-render in the dark theme before axe looks again, at the rules colours decide.
    await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
    await page.evaluate(() => {
      window.localStorage.setItem('starlight-theme', 'dark');
      document.documentElement.dataset.theme = 'dark';
    });
    await expect(page.locator('.rl-diagram-canvas[data-rendered-theme="default"]')).toHaveCount(0, { timeout: 20_000 });
    await expect(page.locator('.rl-diagram-canvas[data-state="error"]')).toHaveCount(0);
    // A real contrast problem stays; one seen mid-repaint on a loaded machine (three unrelated
    // elements at once, once in a full CI run) is gone a second later: judge the settled page.
    let dark = await colourAxeViolations(page);
    if (dark.length > 0) {
      await page.waitForTimeout(1_000);
      dark = await colourAxeViolations(page);
    }
    expect(dark, 'dark theme').toEqual([]);
    watch.check();
  });
}

test('a missing page answers with the course 404 page, not a crash', async ({ page }) => {
  const response = await page.goto('/no-such-lesson/');
  expect(response?.status()).toBe(404);
  await expect(page.locator('h1')).toBeVisible();
});
