/** The toil and improvement ROI simulator in the continuous improvement lesson, driven by keyboard. */
import { expect, test, type Page } from '@playwright/test';
import { guard, seriousAxeViolations, useTheme } from './site';

const lesson = '/lessons/continuous-improvement/';

async function reachSimulator(page: Page) {
  await page.locator('[data-simulation="toil-roi"]').scrollIntoViewIfNeeded();
  const island = page.locator('[data-simulation="toil-roi"] astro-island');
  await expect.poll(() => island.evaluate((e) => e.hasAttribute('ssr')), { timeout: 15_000 }).toBe(false);
  // Ready once mounted, the link's settings applied and the saved team read.
  await expect(page.locator('[data-sim="toil-roi"]')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
  return page.locator('[data-sim="toil-roi"]');
}

/** Replaces a field's text with the keyboard only. */
async function typeInto(page: Page, field: ReturnType<Page['locator']>, text: string) {
  await field.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

test("editing the survey by keyboard moves a person and the team across the 50% line, and the team is kept", async ({ page }) => {
  const watch = guard(page);
  await page.goto(lesson);
  const sim = await reachSimulator(page);
  const toilTable = sim.locator('table[data-table="toil"]');
  const alice = toilTable.locator('tbody tr').filter({ hasText: 'alice@company.example' });
  const team = toilTable.locator('tr[data-row="team"]');
  const summary = sim.locator('.rl-sim-summary');

  // The template's team: Alice 23 of 40 h = 57.5%; the team 68 of 120 h = 56.7%.
  await expect(alice).toContainText('57.5%');
  await expect(alice).toHaveAttribute('data-limit', 'above');
  await expect(team).toContainText('56.7%');
  await expect(sim.locator('[data-correction="new-toil-rate"] dd[data-value="source"]')).toHaveText('-963.3%');
  await expect(sim.locator('[data-correction="new-toil-rate"] dd[data-value="corrected"]')).toHaveText('28.3%');
  await expect(sim.locator('table[data-table="opportunities"] tbody th')).toHaveText([/deployment pipeline/, /ticket routing/, /proactive alerting/]);

  // A negative value is explained next to the field, and the results keep the last valid team.
  const deployments = sim.getByLabel('Manual deployments hours per week, alice@company.example');
  await typeInto(page, deployments, '-3');
  await expect(deployments).toHaveAttribute('aria-invalid', 'true');
  const errorId = await deployments.getAttribute('aria-describedby');
  await expect(page.locator(`[id="${errorId}"]`)).toHaveText('Must be a non-negative number, got -3');
  await expect(summary).toContainText('1 field needs fixing');
  await expect(alice).toContainText('57.5%');

  // 2 hours of deployments: Alice 17 of 40 h = 42.5%, below the line; the team 62 of 120 h = 51.7%.
  await typeInto(page, deployments, '2');
  await expect(deployments).not.toHaveAttribute('aria-invalid', 'true');
  await expect(alice).toContainText('42.5%');
  await expect(alice).toHaveAttribute('data-limit', 'below');
  await expect(summary).toContainText('Team toil 51.7%');
  await expect(team).toHaveAttribute('data-limit', 'above');

  // A fourth person with no toil: 62 of 160 h = 38.75%, and the team drops below the line.
  await sim.getByRole('button', { name: 'Add person' }).focus();
  await page.keyboard.press('Enter');
  await expect(toilTable.locator('tbody tr')).toHaveCount(5);
  await expect(team).toContainText('38.8%');
  await expect(team).toHaveAttribute('data-limit', 'below');
  await expect(summary).toContainText('below the 50% line');

  // Remove them again with the keyboard.
  const removeFourth = sim.getByRole('button', { name: 'Remove person person 4' });
  await removeFourth.focus();
  await page.keyboard.press('Enter');
  await expect(toilTable.locator('tbody tr')).toHaveCount(4);
  await expect(team).toContainText('51.7%');

  // The edited team is kept in this browser; the reset button brings back the template's.
  await page.reload();
  const again = await reachSimulator(page);
  await expect(again.locator('table[data-table="toil"] tbody tr').filter({ hasText: 'alice@company.example' })).toContainText('42.5%');
  await again.getByRole('button', { name: "Reset to the template's team" }).focus();
  await page.keyboard.press('Enter');
  await expect(again.locator('table[data-table="toil"] tbody tr').filter({ hasText: 'alice@company.example' })).toContainText('57.5%');

  // Picking a task highlights its row and column of the xkcd table. The team's 24 h/week of
  // deployments, run daily (365 / 52 = 7.02 runs a week), take 24 / 7.02 = 3.42 h a run; on a log
  // scale that is nearer 6 h (ln(6 / 3.42) = 0.56) than 1 h (ln 3.42 = 1.23), so column "6 hours".
  await again.getByLabel('A task from the survey').selectOption('team:manualDeployments');
  await expect(again.locator('td[data-cell="picked"]')).toHaveCount(1);
  await expect(again.locator('table[data-table="xkcd"] caption')).toContainText('row Daily, column 6 hours');

  expect(await seriousAxeViolations(page)).toEqual([]);
  watch.check();
});

test('at 375 px the simulator does not scroll the page sideways', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(lesson);
  await reachSimulator(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('a bad link setting is reported, and the defaults are used', async ({ page }) => {
  await page.goto(`${lesson}?tr-cost=-5&tr-order=random`);
  const sim = await reachSimulator(page);
  await expect(sim.getByRole('status')).toContainText('tr-cost "-5"');
  await expect(sim.getByRole('status')).toContainText('tr-order "random"');
  await expect(sim.getByLabel('Loaded cost per engineer hour ($)')).toHaveValue('100');
});

test('in the dark theme, with a task highlighted and the tables open, axe finds nothing serious', async ({ page }) => {
  await useTheme(page, 'dark');
  const watch = guard(page);
  await page.goto(lesson);
  const sim = await reachSimulator(page);
  await sim.getByLabel('A task from the survey').selectOption('0:manualDeployments');
  for (const summary of await sim.locator('details > summary').all()) await summary.click();
  await typeInto(page, sim.getByLabel('Manual testing hours per week, bob@company.example'), '-1');
  await expect(sim.locator('[aria-invalid="true"]')).toHaveCount(1);
  expect(await seriousAxeViolations(page)).toEqual([]);
  watch.check();
});
