/** The runbook automation simulator in the runbooks lesson, driven by keyboard. */
import { expect, test, type Page } from '@playwright/test';
import { guard, seriousAxeViolations, useTheme } from './site';

const lesson = '/lessons/runbooks-automation/';

async function reachSimulator(page: Page) {
  await page.locator('[data-simulation="runbook-automation"]').scrollIntoViewIfNeeded();
  const island = page.locator('[data-simulation="runbook-automation"] astro-island');
  await expect.poll(() => island.evaluate((e) => e.hasAttribute('ssr')), { timeout: 15_000 }).toBe(false);
  // The view marks itself ready once mounted and the link's parameters are applied.
  await expect(page.locator('[data-sim="runbook-automation"]')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
  return page.locator('[data-sim="runbook-automation"]');
}

test('a failing step rolls back in reverse order, and a runbook with an error is explained, then runs once fixed', async ({ page }) => {
  const watch = guard(page);
  await page.goto(lesson);
  const sim = await reachSimulator(page);

  // Keyboard only: the terminate step's success chance to 0 (Home on the slider).
  const slider = sim.getByRole('slider', { name: /terminate_long_queries success chance/ });
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(slider).toHaveValue('0');
  await expect(page).toHaveURL(/rb-chance=terminate_long_queries%3A0/);
  await expect(sim.locator('.rl-sim-cli')).toContainText('npx rlab runbook --seed 1 --chance terminate_long_queries=0');

  await sim.getByRole('button', { name: 'Run', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(sim).toHaveAttribute('data-outcome', 'rolled-back');
  await expect(sim.locator('.rl-sim-summary')).toContainText('rolled back, escalated to on-call');
  // Rollback newest first: terminate (irreversible), then identify, then check.
  await expect(sim.locator('.rb-log li[data-kind="rollback"]')).toHaveText([
    /rolling back 3 steps, newest first: terminate_long_queries, identify_long_queries, check_connection_pool/,
    /rolling back terminate_long_queries: cannot be undone/,
    /rolling back identify_long_queries: nothing to undo/,
    /rolling back check_connection_pool: nothing to undo/,
  ]);
  await expect(sim.locator('.rb-log li[data-kind="escalated"]')).toContainText('rollback incomplete: terminate_long_queries');

  // Step through from the start: one line at a time, announced politely.
  await sim.getByRole('button', { name: 'Reset' }).focus();
  await page.keyboard.press('Enter');
  await sim.getByRole('button', { name: 'Step' }).focus();
  await page.keyboard.press('Enter');
  await expect(sim.locator('.rb-log li')).toHaveCount(1);
  await expect(sim.locator('.rl-sim-summary')).toContainText('check_connection_pool: started');

  // Write a runbook with an error: the message names the line and the field.
  await sim.locator('.rb-editor summary').focus();
  await page.keyboard.press('Enter');
  const editor = sim.getByLabel('Runbook text');
  await editor.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText('name: mine\nsteps:\n  - id: only\n    action: do it\n    retries: many\n');
  await page.keyboard.press('Tab');
  await expect(sim.getByRole('button', { name: 'Run my runbook' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(sim.getByRole('alert')).toContainText("line 5: steps[0].retries must be a whole number from 0 to 10, got 'many'");
  await expect(sim.locator('.rl-sim-label code').first()).toHaveText('database_connection_recovery'); // still the built-in one

  // Fix it: the draft was kept, only the bad word changes.
  await expect(editor).toHaveValue(/retries: many/);
  await editor.fill((await editor.inputValue()).replace('many', '2'));
  await sim.getByRole('button', { name: 'Run my runbook' }).focus();
  await page.keyboard.press('Enter');
  await expect(sim.getByRole('alert')).toHaveCount(0);
  await expect(sim.locator('.rl-sim-label code').first()).toHaveText('mine');
  await sim.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(sim).toHaveAttribute('data-outcome', 'succeeded');
  await expect(sim.locator('.rl-sim-cli')).toContainText('--runbook my-runbook.yaml');

  expect(await seriousAxeViolations(page)).toEqual([]);

  // The draft survives a reload (kept in this browser).
  await page.reload();
  const again = await reachSimulator(page);
  await expect(again.getByLabel('Runbook text')).toHaveValue(/retries: 2/);
  watch.check();
});

test('an alert from a link goes through both rules; bad link values are reported; no sideways scroll at 375 px (dark theme)', async ({ page }) => {
  const watch = guard(page);
  await useTheme(page, 'dark');
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`${lesson}?rb-alert=tue-1730-low&rb-policy=source&rb-seed=oops`);
  const sim = await reachSimulator(page);
  await expect(sim.getByRole('status')).toContainText('seed "oops"');
  // The old policy name "source" in a share link is read as its new name, "common".
  await expect(sim.locator('li[data-policy="common"]')).toHaveAttribute('data-decision', 'ask-human');
  await expect(sim.locator('li[data-policy="lesson"]')).toHaveAttribute('data-decision', 'auto');
  await sim.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(sim.locator('.rb-log li').first()).toContainText('Tue 17:30:00');
  await expect(sim.locator('.rb-log')).toContainText('paged on-call to approve');
  const overflow = await page.evaluate(() => ({
    pixels: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    // The simulator's elements that reach past the viewport (wide tables scroll inside their own region).
    wide: [...document.querySelectorAll('[data-sim="runbook-automation"] *')]
      .filter((e) => !e.closest('.rl-table-scroll') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
  }));
  expect(overflow, `elements wider than the page: ${overflow.wide.join(', ')}`).toEqual({ pixels: 0, wide: [] });
  expect(await seriousAxeViolations(page)).toEqual([]);
  watch.check();
});

test('on a phone, Run and Step are on the first screen of the simulator, above the sliders', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(lesson);
  const sim = await reachSimulator(page);
  await sim.evaluate((e) => e.scrollIntoView({ block: 'start' }));
  const top = (await sim.boundingBox())!.y;
  const run = (await sim.getByRole('button', { name: 'Run', exact: true }).boundingBox())!;
  const step = (await sim.getByRole('button', { name: 'Step', exact: true }).boundingBox())!;
  const firstSlider = (await sim.getByRole('slider').first().boundingBox())!;
  expect(run.y + run.height - top).toBeLessThan(844);
  expect(step.y + step.height - top).toBeLessThan(844);
  expect(run.y).toBeLessThan(firstSlider.y);
});
