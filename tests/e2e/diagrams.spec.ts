/** Diagrams render from the bundled mermaid, follow the theme, and load only where they are used. */
import { expect, test } from '@playwright/test';
import { guard, lessonPages, scrollThrough } from './site';

test('every lesson diagram renders, and re-renders in the other theme', async ({ page }) => {
  let total = 0;
  for (const path of lessonPages()) {
    await page.goto(path);
    const diagrams = page.locator('.rl-diagram-canvas');
    const count = await diagrams.count();
    if (count === 0) continue;
    total += count;
    await scrollThrough(page);
    await expect(diagrams.and(page.locator('[data-state="rendered"]'))).toHaveCount(count);
    for (let i = 0; i < count; i++) {
      await expect(diagrams.nth(i).locator('svg')).toBeVisible();
      await expect(diagrams.nth(i)).toHaveAttribute('data-rendered-theme', /default|dark/);
    }
    const before = await diagrams.first().getAttribute('data-rendered-theme');
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), before === 'dark' ? 'light' : 'dark');
    await expect(diagrams.first()).toHaveAttribute('data-rendered-theme', before === 'dark' ? 'default' : 'dark');
  }
  expect(total, 'diagrams across the course').toBeGreaterThanOrEqual(8);
});

test('mermaid is not loaded on pages without diagrams', async ({ page }) => {
  const watch = guard(page);
  const mermaidRequests: string[] = [];
  page.on('request', (req) => {
    if (/mermaid|cytoscape|katex/i.test(req.url())) mermaidRequests.push(req.url());
  });
  await page.goto('/');
  await page.waitForLoadState('networkidle');
  expect(mermaidRequests).toEqual([]);
  watch.check();
});
