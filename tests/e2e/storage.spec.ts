/**
 * The learner's saved data in the real browser, at its real quota: unreadable data is never
 * written over when it cannot be copied (the notice says so and offers it as a download), an
 * import that does not fit changes nothing and says so, and an import keeps both drafts of an
 * exercise. Screenshots of the notices and the import result go to test-results/storage/.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { guard } from './site';

const LESSON = '/lessons/observability/';
/** A long progress record cut short: what a crash mid-write or a hand edit leaves. */
const lessons = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`lessons/old-${i}`, { firstVisitedAt: 1, lastVisitedAt: 2, completedAt: 2 }]));
const TRUNCATED = JSON.stringify({ version: 1, data: { lessons } }).slice(0, -40);
const shots = 'test-results/storage';

/** Fills localStorage until the browser refuses even a few characters more (halving chunks down to one). */
async function fillStorage(page: Page) {
  await page.evaluate(() => {
    let chunk = 'x'.repeat(1 << 20);
    let i = 0;
    while (chunk.length > 0) {
      try {
        localStorage.setItem(`filler-${i}`, chunk);
        i += 1;
      } catch {
        chunk = chunk.slice(0, chunk.length >> 1);
      }
    }
  });
}

const freeStorage = (page: Page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler-')).forEach((k) => localStorage.removeItem(k)));
const stored = (page: Page, key: string) => page.evaluate((k) => localStorage.getItem(k), key);

test('with storage full, unreadable progress is not written over: the notice says so and offers the data', async ({ page }) => {
  const watch = guard(page);
  await page.goto('/');
  await page.evaluate((raw) => localStorage.setItem('rlab:progress', raw), TRUNCATED);
  await fillStorage(page);

  await page.goto(LESSON);
  const notice = page.locator('.rl-notice');
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText('not valid JSON');
  await expect(notice).toContainText("This browser's storage is full, so no copy of it could be made");
  await expect(notice).toContainText('the course will not save your progress until there is room');
  // The page load that records the visit did not write over it.
  expect(await stored(page, 'rlab:progress')).toBe(TRUNCATED);
  await page.setViewportSize({ width: 1280, height: 800 });
  await notice.screenshot({ path: `${shots}/notice-full-desktop.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${shots}/notice-full-phone.png` });

  // Marking the lesson complete is refused too, and the data is still there.
  await page.getByRole('button', { name: 'Mark lesson complete' }).click();
  expect(await stored(page, 'rlab:progress')).toBe(TRUNCATED);

  // The download is the stored text, byte for byte.
  const download = page.waitForEvent('download');
  await notice.getByRole('button', { name: /Download the saved progress data/ }).click();
  expect(readFileSync(await (await download).path(), 'utf8')).toBe(TRUNCATED);

  // Once there is room, the next page load copies it and saves again.
  await freeStorage(page);
  await page.goto(LESSON);
  await expect(page.locator('.rl-notice')).toContainText('the old data is kept in this browser under "rlab:backup:progress:');
  const backups = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('rlab:backup:progress:')).map((k) => localStorage.getItem(k)));
  expect(backups).toEqual([TRUNCATED]);
  await expect.poll(() => stored(page, 'rlab:progress')).toContain('lessons/observability');
  // A second visit does not copy the same data again.
  await page.goto(LESSON);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('rlab:backup:')).length)).toBe(1);
  watch.check();
});

const progressFile = (areas: Record<string, unknown>) => ({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ format: 'reliability-lab-progress', version: 1, exportedAt: '2026-01-05T09:00:00.000Z', areas })) });
const review = (id: string) => ({ id, kind: 'review', card: 'observability/golden-signals', rating: 3, correct: true, at: Date.UTC(2026, 0, 5), latencyMs: 4000, source: 'drill' });

test('an import that does not fit changes nothing and says so, replacing the previous "Imported"', async ({ page }) => {
  const watch = guard(page);
  await page.goto('/drills/');
  await expect(page.locator('.rl-drills')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
  const input = page.locator('input[type=file]');
  const message = page.locator('[data-transfer-message]');
  await input.setInputFiles(progressFile({ reviews: { version: 1, data: { entries: [review('r1')] } } }));
  await expect(message.locator('p').first()).toHaveText('Imported progress.json, merged with what was here:');
  await expect(message.locator('li')).toHaveText(['reviews: 1 new entry (1 entry in all)']);
  await page.setViewportSize({ width: 1280, height: 800 });
  await message.screenshot({ path: `${shots}/import-ok-desktop.png` });

  // Full, but for 3,000 characters: room for the merged reviews, not for the notes.
  await page.evaluate(() => localStorage.setItem('filler-room', 'x'.repeat(3000)));
  await fillStorage(page);
  await page.evaluate(() => localStorage.removeItem('filler-room'));
  const before = await page.evaluate(() => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('rlab:')).map((k) => [k, localStorage.getItem(k)])));
  // Reviews fit (a few hundred characters); the notes do not.
  await input.setInputFiles(
    progressFile({
      reviews: { version: 1, data: { entries: [review('r2')] } },
      notes: { version: 1, data: { 'observability/why': { text: 'x'.repeat(200_000), savedAt: 1 } } },
    }),
  );
  await expect(message).toHaveText(/^progress\.json: The import stopped at notes: this browser's storage is full .*Nothing was imported; the data in this browser is unchanged\.$/);
  await expect(page.getByRole('alert')).toContainText('Nothing was imported');
  const after = await page.evaluate(() => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('rlab:')).map((k) => [k, localStorage.getItem(k)])));
  expect(after).toEqual(before);
  await message.screenshot({ path: `${shots}/import-full-desktop.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await message.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/import-full-phone.png` });
  await freeStorage(page);
  watch.check();
});

test('an import keeps both drafts of an exercise and marks a pass from another browser', async ({ page }) => {
  const watch = guard(page);
  await page.goto('/drills/');
  await expect(page.locator('.rl-drills')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
  const mine = '// my own draft, edited here later\nexport {};\n';
  await page.evaluate((code) => localStorage.setItem('rlab:exercise-drafts', JSON.stringify({ version: 1, data: { 'histogram-quantile': { code, savedAt: Date.UTC(2026, 0, 9), failedRuns: 1, solutionSeen: false } } })), mine);
  const theirs = '// the draft from my laptop\nexport {};\n';
  await page.locator('input[type=file]').setInputFiles(
    progressFile({
      'exercise-drafts': { version: 1, data: { 'histogram-quantile': { code: theirs, savedAt: Date.UTC(2026, 0, 5), failedRuns: 0, solutionSeen: false }, 'burn-rate-alerts': { code: '// laptop', savedAt: Date.UTC(2026, 0, 5), failedRuns: 0, solutionSeen: false } } },
      exercises: { version: 1, data: { 'histogram-quantile': { passed: 7, total: 7, at: Date.UTC(2026, 0, 5) }, 'burn-rate-alerts': { passed: 5, total: 5, at: Date.UTC(2026, 0, 5) } } },
    }),
  );
  const message = page.locator('[data-transfer-message]');
  await expect(message).toContainText('exercise drafts: 1 draft added, 1 exercise now keeping both versions');
  await expect(message).toContainText('exercise results: 1 result of runs in another browser (marked as such); 1 result not taken');
  await page.setViewportSize({ width: 390, height: 844 });
  await message.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/import-drafts-phone.png` });

  await page.goto('/exercises/');
  await expect(page.locator('[data-exercise-status="burn-rate-alerts"]')).toContainText(/Passed: 5 of 5 visible tests in another browser \(imported \d+ \w+ \d{4}\)/);
  await expect(page.locator('[data-exercise-status="histogram-quantile"]')).toHaveText('In progress: draft saved, not run yet');

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/exercises/histogram-quantile/');
  await expect(page.locator('.rl-workbench[data-ready="true"]')).toBeVisible({ timeout: 30_000 });
  expect(await page.evaluate(() => (window as any).rlabWorkbench.value())).toBe(mine);
  const versions = page.locator('.rl-wb-versions');
  await expect(versions).toContainText(/From an import \(\d+ \w+ \d{4}\): last edited 5 Jan 2026, 3 lines/);
  await versions.screenshot({ path: `${shots}/versions-desktop.png` });
  await versions.getByRole('button', { name: 'Open in the editor' }).click();
  await expect.poll(() => page.evaluate(() => (window as any).rlabWorkbench.value())).toBe(theirs);
  await expect(versions).toContainText(/Kept from this browser \(\d+ \w+ \d{4}\): last edited 9 Jan 2026/);
  // Both are still stored after a reload.
  await page.reload();
  await expect(page.locator('.rl-workbench[data-ready="true"]')).toBeVisible({ timeout: 30_000 });
  expect(await page.evaluate(() => (window as any).rlabWorkbench.value())).toBe(theirs);
  const draft = await page.evaluate(() => JSON.parse(localStorage.getItem('rlab:exercise-drafts')!).data['histogram-quantile']);
  expect([draft.code, ...draft.others.map((o: { code: string }) => o.code)]).toEqual([theirs, mine]);
  await page.setViewportSize({ width: 390, height: 844 });
  await versions.scrollIntoViewIfNeeded();
  await versions.screenshot({ path: `${shots}/versions-phone.png` });
  watch.check();
});

test('two tabs: an exercise open in one tab keeps the draft another tab imported meanwhile', async ({ context }) => {
  const editorTab = await context.newPage();
  const watch = guard(editorTab);
  await editorTab.goto('/drills/');
  const mine = '// mine\nexport {};\n';
  await editorTab.evaluate((code) => localStorage.setItem('rlab:exercise-drafts', JSON.stringify({ version: 2, data: { 'histogram-quantile': { code, savedAt: Date.UTC(2026, 0, 1), failedRuns: 0, solutionSeen: false } } })), mine);
  await editorTab.goto('/exercises/histogram-quantile/');
  await expect(editorTab.locator('.rl-workbench[data-ready="true"]')).toBeVisible({ timeout: 30_000 });

  const importTab = await context.newPage();
  await importTab.goto('/drills/');
  await expect(importTab.locator('.rl-drills')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
  const theirs = '// from the laptop, edited after mine\nexport {};\n';
  await importTab.locator('input[type=file]').setInputFiles(progressFile({ 'exercise-drafts': { version: 1, data: { 'histogram-quantile': { code: theirs, savedAt: Date.UTC(2026, 0, 7), failedRuns: 0, solutionSeen: false } } } }));
  await expect(importTab.locator('[data-transfer-message]')).toContainText('1 exercise now keeping both versions');

  // The first tab goes on typing: its save must not drop the imported draft.
  await editorTab.evaluate(() => (window as any).rlabWorkbench.setValue('// mine, edited on\nexport {};\n'));
  await expect
    .poll(() => editorTab.evaluate(() => JSON.parse(localStorage.getItem('rlab:exercise-drafts')!).data['histogram-quantile']))
    .toMatchObject({ code: '// mine, edited on\nexport {};\n', others: expect.arrayContaining([expect.objectContaining({ code: theirs })]) });
  await expect(editorTab.locator('.rl-wb-versions')).toContainText('last edited 7 Jan 2026');
  watch.check();
});
