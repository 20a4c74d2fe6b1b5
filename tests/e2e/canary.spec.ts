/** The canary rollout simulator in the SRE practices lesson, driven by keyboard. */
import { expect, test, type Page } from '@playwright/test';
import { guard, seriousAxeViolations, useTheme } from './site';

const lesson = '/lessons/sre-practices/';

async function reachSimulator(page: Page) {
  await page.locator('[data-simulation="canary"]').scrollIntoViewIfNeeded();
  const island = page.locator('[data-simulation="canary"] astro-island');
  await expect.poll(() => island.evaluate((e) => e.hasAttribute('ssr')), { timeout: 15_000 }).toBe(false);
  // The view marks itself ready once mounted and the link's parameters are applied.
  await expect(page.locator('[data-sim="canary"]')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
  return page.locator('[data-sim="canary"]');
}

test('switching to Flagger and shipping a 2%-error version by keyboard rolls it back, and the link replays it', async ({ page }) => {
  const watch = guard(page);
  await page.goto(lesson);
  const sim = await reachSimulator(page);

  // Policy: Argo (default) -> Flagger with the arrow key; the new version: healthy -> more errors (2%).
  const policy = sim.getByRole('combobox', { name: 'Analysis policy' });
  await policy.focus();
  await page.keyboard.press('ArrowDown');
  await expect(policy).toHaveValue('flagger');
  const version = sim.getByRole('combobox', { name: 'The new version' });
  await version.focus();
  await page.keyboard.press('ArrowDown');
  await expect(version).toHaveValue('error-ratio');
  await expect(sim.getByLabel('Its 5xx ratio (%)')).toHaveValue('2');
  await expect(page).toHaveURL(/cn-policy=flagger/);
  await expect(page).toHaveURL(/cn-fault=error-ratio%3A0\.02/);

  // Step through the rollout: at 5% the 2% version fails the success-rate check (98% < 99.28%) every interval; the third failure rolls back.
  const next = sim.getByRole('button', { name: 'Next interval' });
  await next.focus();
  await page.keyboard.press('Enter');
  await expect(sim.locator('.rl-sim-summary')).toContainText('FailedChecks 1/3');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  const outcome = sim.locator('[data-outcome]');
  await expect(outcome).toHaveAttribute('data-outcome', 'rolled-back');
  await expect(outcome).toContainText('Rolled back after 3m, at step 1 (canary weight 5%)');
  await expect(sim.locator('.rl-sim-summary')).toContainText('ROLLED BACK');
  await expect(sim.locator('tbody tr[data-verdict="fail"]')).toHaveCount(3);
  await expect(sim.locator('.rl-canary-cost')).toContainText('Big bang');
  await expect(sim.locator('.rl-sim-cli')).toContainText('npx rlab canary --policy flagger --fault error-ratio:0.02');
  const outcomeText = await outcome.textContent();

  // The link reproduces the run: same settings, and playing it ends the same way.
  await page.reload();
  const again = await reachSimulator(page);
  await expect(again.getByRole('combobox', { name: 'Analysis policy' })).toHaveValue('flagger');
  await expect(again.getByRole('combobox', { name: 'The new version' })).toHaveValue('error-ratio');
  await again.getByRole('button', { name: 'Play' }).focus();
  await page.keyboard.press('Enter');
  await expect(again.locator('[data-outcome]')).toHaveText(outcomeText!, { timeout: 10_000 });
  expect(await seriousAxeViolations(page)).toEqual([]);
  watch.check();
});

test('bad settings are explained, and the page does not scroll sideways at 375 px', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`${lesson}?cn-seed=abc`);
  const sim = await reachSimulator(page);
  await expect(sim.getByRole('status')).toContainText('cn-seed "abc"');
  await sim.getByLabel('Steps (weight:pause, …)').fill('5:5m,3:5m');
  await sim.getByLabel('Steps (weight:pause, …)').press('Enter');
  await expect(sim.getByRole('alert')).toContainText('steps[1].weight must be larger than the step before (5), got 3');
  await sim.getByRole('button', { name: 'Play' }).click();
  await expect(sim.locator('[data-outcome]')).toBeVisible({ timeout: 20_000 });
  await sim.locator('details summary').click();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
});

test('a finished run with its cost table and YAML open has no serious axe violation in the dark theme', async ({ page }) => {
  await useTheme(page, 'dark');
  await page.goto(`${lesson}?cn-policy=argo&cn-fault=error-ratio:0.02&cn-seed=4`);
  const sim = await reachSimulator(page);
  await sim.getByRole('button', { name: 'Play' }).click();
  await expect(sim.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'rolled-back', { timeout: 20_000 });
  await sim.locator('details summary').click();
  await expect(sim.locator('pre').first()).toContainText('kind: AnalysisTemplate');
  expect(await seriousAxeViolations(page)).toEqual([]);
});

test('asks how the rollout ends before it plays, and sets the answer beside the outcome', async ({ page }) => {
  await page.goto('/lessons/sre-practices/');
  const sim = page.locator('[data-sim="canary"]');
  await sim.scrollIntoViewIfNeeded();
  await expect(sim).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
  // Nothing of the outcome shows before the run: no count of this run's intervals, no result.
  await expect(sim.locator('.rl-sim-summary')).toContainText('the plan has 15 analysis intervals if every one passes');
  await expect(sim.locator('.rl-canary-outcome')).toHaveCount(0);
  await sim.getByLabel('Predict first: how does this rollout end?').selectOption('rolled-back');
  await expect(sim.locator('.rl-sim-prediction')).toContainText('Your prediction: it is rolled back');
  await sim.getByRole('button', { name: 'Play' }).click();
  await expect(sim.locator('.rl-sim-prediction')).toHaveAttribute('data-finished', 'true', { timeout: 30_000 });
  await expect(sim.locator('.rl-sim-prediction')).toContainText(/You predicted a rollback; it was a promotion after/);
});
