/** Progress on the home page, consolidation answers, and damaged saved data, as a learner meets them. */
import { expect, test } from '@playwright/test';
import { guard } from './site';

test('visiting and completing a lesson shows on the home page, and reset clears it', async ({ page }) => {
  const watch = guard(page);
  await page.goto('/');
  await expect(page.locator('.rl-progress-text')).toContainText('No lessons visited yet');

  await page.goto('/lessons/foundation/');
  const complete = page.getByRole('button', { name: /mark lesson complete/i });
  await expect(complete).toBeEnabled();

  await page.goto('/');
  const card = page.locator('.rl-lesson-card[data-lesson-id="lessons/foundation"] .rl-lesson-status');
  await expect(card).toHaveText('Visited');
  await expect(page.locator('.rl-progress-text')).toContainText('0 of 11 lessons completed, 1 visited');

  await page.goto('/lessons/foundation/');
  await page.getByRole('button', { name: /mark lesson complete/i }).click();
  await expect(page.getByRole('button', { name: /completed/i })).toHaveAttribute('aria-pressed', 'true');

  await page.goto('/');
  await expect(card).toHaveText('Completed');
  await expect(page.locator('.rl-progress-bar')).toHaveJSProperty('value', 1);

  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Reset progress' }).click();
  await expect(card).toHaveText('Not started');
  await page.reload();
  await expect(page.locator('.rl-progress-text')).toContainText('No lessons visited yet');
  watch.check();
});

test('a consolidation answer is kept across reloads, per prompt', async ({ page }) => {
  await page.goto('/lessons/observability/');
  const boxes = page.locator('textarea[data-note-id]');
  await expect(boxes.first()).toBeVisible();
  const answer = 'Page on symptoms users feel (error rate, latency); ticket on causes.';
  await boxes.first().fill(answer);
  await boxes.first().blur();
  await expect(page.locator('.rl-consolidation-status').first()).toHaveText('Saved in this browser.');
  await page.reload();
  await expect(boxes.first()).toHaveValue(answer);
  if ((await boxes.count()) > 1) await expect(boxes.nth(1)).toHaveValue('');
});

test('damaged saved progress is reported, kept as a backup, and the page still works', async ({ page }) => {
  const watch = guard(page);
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('rlab:progress', '{"version":1,"data":{"lessons":"oops"');
      sessionStorage.setItem('seeded', '1');
    }
  });
  await page.goto('/');
  const notice = page.getByRole('alert');
  await expect(notice).toContainText('not valid JSON');
  await expect(notice).toContainText('rlab:backup:progress:');
  const backups = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('rlab:backup:progress:')).map((k) => localStorage.getItem(k)),
  );
  expect(backups).toEqual(['{"version":1,"data":{"lessons":"oops"']);
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
  await expect(page.locator('.rl-progress-text')).toContainText('No lessons visited yet');
  watch.check();
});
