/** The golden-signals simulator in the observability lesson, driven by keyboard. */
import { expect, test, type Page } from '@playwright/test';
import { guard, seriousAxeViolations } from './site';

const lesson = '/lessons/observability/';

async function reachSimulator(page: Page) {
  await page.locator('[data-simulation="golden-signals"]').scrollIntoViewIfNeeded();
  const island = page.locator('[data-simulation="golden-signals"] astro-island');
  await expect.poll(() => island.evaluate((e) => e.hasAttribute('ssr')), { timeout: 15_000 }).toBe(false);
  // The view marks itself ready once mounted and the link's parameters are applied.
  await expect(page.locator('[data-sim="golden-signals"]')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
  return page.locator('[data-sim="golden-signals"]');
}

test('injecting CPU saturation by keyboard fires the CPU alert, and the time slider replays it', async ({ page }) => {
  const watch = guard(page);
  await page.goto(lesson);
  const sim = await reachSimulator(page);
  const cpu = sim.locator('tr[data-rule="HighResourceUsage"]');
  await expect(cpu).toHaveAttribute('data-state', 'inactive');

  // Fill the inject form with the keyboard: CPU saturation from minute 30 for 20 minutes.
  await sim.getByRole('combobox', { name: /^Fault/ }).focus();
  await page.keyboard.press('End'); // last option: traffic spike
  await page.keyboard.press('ArrowUp'); // CPU saturation
  await expect(sim.getByRole('combobox', { name: /^Fault/ })).toHaveValue('cpu-saturation');
  await sim.getByLabel('Starts at minute').fill('30');
  await sim.getByLabel('Lasts (minutes)').fill('25');
  await sim.getByLabel('CPU points added').focus();
  await page.keyboard.press('Enter'); // submits the form
  await expect(page).toHaveURL(/gs-faults=.*cpu-saturation%3A1800-3300%3A70/);

  // At the end of the hour the CPU rule fired and resolved; at minute 45 it is firing.
  const slider = sim.getByRole('slider');
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(cpu).toHaveAttribute('data-state', 'inactive');
  await slider.fill(String(45 * 60));
  await expect(cpu).toHaveAttribute('data-state', 'firing');
  await expect(sim.locator('.rl-sim-summary')).toContainText('HighResourceUsage');

  // The link reproduces the run.
  await page.reload();
  const again = await reachSimulator(page);
  await expect(again.locator('.rl-sim-faults li')).toHaveCount(2);
  expect(await seriousAxeViolations(page)).toEqual([]);
  watch.check();
});

test('a fault that cannot be applied is explained, not silently dropped', async ({ page }) => {
  await page.goto(lesson);
  const sim = await reachSimulator(page);
  await sim.getByLabel('Starts at minute').fill('55');
  await sim.getByLabel('Lasts (minutes)').fill('30');
  await sim.getByRole('button', { name: 'Inject' }).click();
  await expect(sim.getByRole('alert')).toContainText('minute 60');
  await expect(sim.locator('.rl-sim-faults li')).toHaveCount(1);
});

test('opens before the outcome, asks for a prediction, keeps it, then sets it beside the run', async ({ page }) => {
  const watch = guard(page);
  await page.goto(lesson);
  const sim = await reachSimulator(page);
  // Nothing has happened yet: minute 0, every rule inactive, no verdict on screen.
  await expect(sim.locator('.rl-sim-slider')).toContainText('Time 0:00');
  await expect(sim.locator('tr[data-rule][data-state="firing"]')).toHaveCount(0);
  await expect(sim.getByText(/fired at/)).toHaveCount(0);

  const question = sim.getByLabel(/Predict first: at what minute/);
  await question.fill('soon');
  await sim.getByRole('button', { name: 'Keep my prediction' }).click();
  await expect(sim.getByRole('alert')).toContainText('type a minute from 0 to 60');
  await question.fill('12');
  await question.press('Enter');
  await expect(sim.locator('.rl-sim-prediction')).toContainText('Your prediction: the first page at minute 12');

  // To the end of the hour by keyboard: the prediction stays, now beside what happened.
  const slider = sim.getByRole('slider');
  await slider.focus();
  await page.keyboard.press('End');
  await expect(sim.locator('.rl-sim-prediction')).toHaveAttribute('data-finished', 'true');
  await expect(sim.locator('.rl-sim-prediction')).toContainText(/You predicted the first page at minute 12; HighErrorRate fired at \d+:\d\d/);
  expect(await seriousAxeViolations(page)).toEqual([]);
  watch.check();
});

test('the traffic control is named for what it does, a drop to zero included', async ({ page }) => {
  await page.goto(lesson);
  const sim = await reachSimulator(page);
  await sim.getByRole('combobox', { name: /^Fault/ }).selectOption('traffic-spike');
  await expect(sim.getByRole('combobox', { name: /^Fault/ }).locator('option:checked')).toHaveText('Traffic change (spike or drop)');
  await sim.getByLabel(/traffic multiplier/).fill('0');
  await sim.getByRole('button', { name: 'Inject' }).click();
  await expect(sim.locator('.rl-sim-faults li').last()).toContainText('×0: traffic drops to zero');
});
