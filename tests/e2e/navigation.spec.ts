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

const practicePages = ['/', '/lessons/foundation/', '/drills/', '/exercises/', '/exercises/histogram-quantile/', '/game-day/', '/game-day/team/'];
const practiceLinks = [
  ['Drills', '/drills/'],
  ['Exercises', '/exercises/'],
  ['Game day', '/game-day/'],
] as const;

test('drills, exercises and game day are one click away from every page, on a wide screen', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  for (const path of practicePages) {
    await page.goto(path);
    const sidebar = page.locator('nav[aria-label="Main"]');
    for (const [name, href] of practiceLinks) {
      await expect(sidebar.getByRole('link', { name: new RegExp(`^${name}`) }), `${path}: ${name}`).toHaveAttribute('href', href);
      await expect(sidebar.getByRole('link', { name: new RegExp(`^${name}`) }), `${path}: ${name}`).toBeVisible();
    }
  }
});

test('on a phone the menu leads to drills, exercises and game day', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of practicePages) {
    await page.goto(path);
    await page.getByRole('button', { name: 'Menu' }).click();
    const sidebar = page.locator('#starlight__sidebar');
    for (const [name, href] of practiceLinks) await expect(sidebar.locator(`a[href="${href}"]`), `${path}: ${name}`).toBeVisible();
  }
  await page.locator('#starlight__sidebar a[href="/exercises/"]').click();
  await expect(page).toHaveURL(/\/exercises\/$/);
});

test('the home page links to each kind of practice', async ({ page }) => {
  await page.goto('/');
  const practice = page.getByRole('region', { name: 'Practice' });
  for (const [name, href] of practiceLinks) await expect(practice.getByRole('link', { name, exact: true })).toHaveAttribute('href', href);
});

test('the Drills link says how many cards are due, and nothing when none is', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const drills = page.locator('nav[aria-label="Main"] a[href="/drills/"]');
  await page.goto('/lessons/observability/');
  await expect(drills).toHaveText(/^\s*Drills\s*$/);
  // Two cards answered wrongly two days ago (due again a minute later) and one answered well just now.
  const day = 86_400_000;
  await page.evaluate((day) => {
    const at = Date.now();
    const review = (id: string, card: string, rating: number, when: number) => ({ id, kind: 'review', card, rating, correct: rating > 1, at: when, latencyMs: 4000, source: 'quiz' });
    const entries = [
      review('a', 'observability/four-golden-signals', 1, at - 2 * day),
      review('b', 'observability/burn-rate-meaning', 1, at - 2 * day),
      review('c', 'foundation/nines', 3, at - 1000),
    ];
    localStorage.setItem('rlab:reviews', JSON.stringify({ version: 1, data: { entries } }));
  }, day);
  await page.reload();
  await expect(drills).toHaveText(/Drills\s*2 due/);
  await expect(drills).toHaveAccessibleName(/Drills\s*2 due/);
  await page.goto('/exercises/');
  await expect(drills).toHaveText(/Drills\s*2 due/);
});

test('search is named by what it shows (axe label-content-name-mismatch)', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await expect(page.locator('button[data-open-modal]')).toHaveAccessibleName('Search Ctrl K');
});

test('pages carry no canonical link or og:url to a localhost', async ({ page }) => {
  for (const path of ['/', '/lessons/observability/', '/drills/']) {
    await page.goto(path);
    const urls = await page.locator('link[rel="canonical"], meta[property="og:url"]').evaluateAll((els) =>
      els.map((e) => e.getAttribute('href') ?? e.getAttribute('content') ?? ''),
    );
    expect(urls.filter((u) => /localhost|127\.0\.0\.1/.test(u)), path).toEqual([]);
  }
});
