/** The burn-rate simulator in the SRE practices lesson, driven by keyboard, shared by link. */
import { expect, test, type Page } from '@playwright/test';
import { guard, seriousAxeViolations } from './site';

const lesson = '/lessons/sre-practices/';

/** Scrolls to the simulator and waits until React has taken over its server-rendered HTML. */
async function reachSimulator(page: Page) {
  await page.locator('[data-simulation="burn-rate"]').scrollIntoViewIfNeeded();
  const island = page.locator('[data-simulation="burn-rate"] astro-island');
  await expect.poll(() => island.evaluate((e) => e.hasAttribute('ssr')), { timeout: 15_000 }).toBe(false);
  // The view marks itself ready once mounted and the link's parameters are applied.
  await expect(page.locator('[data-sim="burn-rate"]')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
}

test('a learner drives the simulator by keyboard and the link reproduces the run', async ({ page }) => {
  const watch = guard(page);
  await page.goto(lesson);
  const sim = page.locator('[data-sim="burn-rate"]');
  await reachSimulator(page);
  await expect(sim.locator('table tbody tr')).toHaveCount(6);

  // Default scenario: flapping errors; the Workbook's approach 3 misses it, approach 6 pages.
  await expect(sim.locator('tr[data-approach="3"]')).toHaveAttribute('data-missed', 'true');
  await expect(sim.locator('tr[data-approach="6"] td').last()).toHaveText('Paged');

  // Keyboard only: focus the scenario select and pick "Total outage".
  const scenario = sim.getByLabel('Scenario');
  await scenario.focus();
  await page.keyboard.press('Home');
  await expect(scenario).toHaveValue('total-outage');
  await expect(sim.locator('.rl-sim-summary')).toContainText('100% errors for 1h');
  await expect(page).toHaveURL(/br-scenario=total-outage/);

  // New seed by keyboard changes the seed in the URL.
  await sim.getByRole('button', { name: 'New seed' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/br-seed=48271/);
  const table = await sim.locator('table').innerText();

  await page.reload();
  await reachSimulator(page);
  await expect(sim.getByLabel('Scenario')).toHaveValue('total-outage');
  await expect(sim.getByLabel('Seed')).toHaveValue('48271');
  expect(await sim.locator('table').innerText()).toBe(table);

  await sim.getByRole('button', { name: 'Reset' }).click();
  await expect(sim.getByLabel('Scenario')).toHaveValue('flapping');
  expect(await seriousAxeViolations(page)).toEqual([]);
  watch.check();
});

test('a bad link falls back to defaults and says what it ignored', async ({ page }) => {
  await page.goto(`${lesson}?br-scenario=meteor&br-seed=abc`);
  await reachSimulator(page);
  const sim = page.locator('[data-sim="burn-rate"]');
  await expect(sim.getByRole('status')).toContainText('scenario "meteor"');
  await expect(sim.getByLabel('Scenario')).toHaveValue('flapping');
});

test('the simulator code loads only when the learner reaches it', async ({ page }) => {
  const loaded: string[] = [];
  page.on('request', (r) => {
    if (/recharts|View\.|xstate/i.test(r.url())) loaded.push(r.url());
  });
  await page.goto(lesson);
  await page.waitForLoadState('networkidle');
  expect(loaded).toEqual([]);
  await reachSimulator(page);
  expect(loaded.length).toBeGreaterThan(0);
});

test('the lesson table measured on the simulator shows what each approach misses', async ({ page }) => {
  await page.goto(lesson);
  const table = page.locator('table.rl-comparison');
  await expect(table.locator('tbody tr')).toHaveCount(6);
  const flapping = await table.locator('thead th').allInnerTexts();
  const column = flapping.findIndex((t) => t.includes('every 10m'));
  expect(column).toBeGreaterThan(0);
  await expect(table.locator('tbody tr').nth(2).locator('td').nth(column - 1)).toHaveText('missed');
  await expect(table.locator('tbody tr').nth(5).locator('td').nth(column - 1)).toContainText('fires after');
});

test('a learner runs their own CSV series, and a broken one is explained', async ({ page }) => {
  await page.goto(lesson);
  const sim = (await reachSimulator(page), page.locator('[data-sim="burn-rate"]'));
  await sim.getByText('Use your own series (CSV)').click();
  const box = sim.getByLabel('Or paste it here');
  await box.fill('t_seconds,error_ratio\n0,2\nsoon,0.1');
  await sim.getByRole('button', { name: 'Run my series' }).click();
  await expect(sim.getByRole('alert')).toContainText('line 2');
  await box.fill('t_seconds,error_ratio\n0,0.0001\n7200,1\n9000,0.0001\n172800,0.0001');
  await sim.getByRole('button', { name: 'Run my series' }).click();
  await expect(sim.locator('.rl-sim-summary')).toContainText('Your series (pasted series)');
  await expect(sim.locator('tr[data-approach="6"] td').last()).toHaveText('Paged');
  await sim.getByRole('button', { name: 'Back to the scenario' }).click();
  await expect(sim.locator('.rl-sim-summary')).not.toContainText('Your series');
});
