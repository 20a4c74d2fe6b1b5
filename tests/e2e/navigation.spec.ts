/** Course navigation, search, layout on a phone and a wide screen, and keyboard use. */
import { expect, test } from '@playwright/test';
import { guard, lessonPages } from './site';

const lessonOrder = [
  'foundation', 'observability', 'runbooks-automation', 'incident-response', 'post-mortems',
  'continuous-improvement', 'sre-practices', 'integration-challenge', 'retrieval-gauntlets',
  'anti-patterns-case-studies', 'final-challenge',
];

test('the sidebar lists the lessons in course order and marks the current one', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/lessons/incident-response/');
  const links = page.locator('nav[aria-label="Main"] a[href^="/lessons/"]');
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(hrefs).toEqual(lessonOrder.map((slug) => `/lessons/${slug}/`));
  await expect(page.locator('nav[aria-label="Main"] a[aria-current="page"]')).toHaveAttribute('href', '/lessons/incident-response/');
});

test('previous and next links walk the whole course', async ({ page }) => {
  await page.goto('/lessons/foundation/');
  for (const slug of lessonOrder.slice(1)) {
    await page.locator('a[rel="next"]').click();
    await expect(page).toHaveURL(new RegExp(`/lessons/${slug}/$`));
  }
  await expect(page.locator('a[rel="next"]')).toHaveCount(0);
  await page.locator('a[rel="prev"]').click();
  await expect(page).toHaveURL(/\/lessons\/anti-patterns-case-studies\/$/);
});

test('each lesson has a table of contents on a wide screen', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  for (const path of lessonPages()) {
    await page.goto(path);
    const toc = page.locator('starlight-toc nav a');
    expect(await toc.count(), `${path} table of contents`).toBeGreaterThan(2);
  }
});

test('search finds lesson text offline, from the keyboard', async ({ page }) => {
  const watch = guard(page);
  await page.goto('/');
  await expect(page.locator('button[data-open-modal]')).toBeEnabled();
  const input = page.locator('dialog #starlight__search input');
  await expect(input).toBeAttached(); // Pagefind's UI loads when the browser is idle
  await page.keyboard.press('Control+k');
  await expect(input).toBeFocused();
  await input.fill('burn rate');
  const results = page.locator('.pagefind-ui__result-link');
  await expect(results.first()).toBeVisible({ timeout: 15_000 });
  const hrefs = await results.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  expect(hrefs.some((h) => h.includes('/lessons/sre-practices/'))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
  watch.check();
});

for (const width of [375, 1440]) {
  test(`no page scrolls sideways at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    for (const path of ['/', ...lessonPages()]) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${path} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
    }
  });
}

test('on a phone the menu opens and closes by keyboard', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/lessons/foundation/');
  const toggle = page.getByRole('button', { name: 'Menu' });
  const menu = page.locator('starlight-menu-button');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator('#starlight__sidebar a[href="/lessons/observability/"]')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(toggle).toBeFocused();
});

test('lesson controls work from the keyboard alone', async ({ page }) => {
  await page.goto('/lessons/observability/');
  // Tab from the top until the first answer box has focus, then type into it.
  let reached = false;
  for (let i = 0; i < 400 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.matches('textarea[data-note-id]') ?? false);
  }
  expect(reached, 'an answer box is reachable with Tab').toBe(true);
  await page.keyboard.type('keyboard answer');
  await expect(page.locator('textarea[data-note-id]:focus')).toHaveValue('keyboard answer');

  const complete = page.getByRole('button', { name: /mark lesson complete/i });
  await complete.focus();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: /completed/i })).toHaveAttribute('aria-pressed', 'true');
});
