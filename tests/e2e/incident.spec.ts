/** The incident simulator in the incident-response lesson, driven by keyboard to recovery. */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { guard, seriousAxeViolations, useTheme } from './site';

const lesson = '/lessons/incident-response/';

async function reachSimulator(page: Page) {
  await page.locator('[data-simulation="incident"]').scrollIntoViewIfNeeded();
  const island = page.locator('[data-simulation="incident"] astro-island');
  await expect.poll(() => island.evaluate((e) => e.hasAttribute('ssr')), { timeout: 15_000 }).toBe(false);
  await expect(page.locator('[data-sim="incident"]')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
  return page.locator('[data-sim="incident"]');
}

/** Fills the form's fields (by label) and submits it with Enter from its last field or its button. */
async function submit(page: Page, form: Locator, fields: Record<string, string> = {}) {
  for (const [label, value] of Object.entries(fields)) await form.getByLabel(label).fill(value);
  await form.getByRole('button').focus();
  await page.keyboard.press('Enter');
}

async function assign(page: Page, sim: Locator, downs: number, person: string) {
  const form = sim.getByRole('form', { name: 'Assign a role' });
  const role = form.getByRole('combobox', { name: /^Role/ });
  await role.focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < downs; i++) await page.keyboard.press('ArrowDown');
  await submit(page, form, { Person: person });
  await expect(sim.locator('.rl-incident-log li[data-source="team"]').last()).toContainText(person);
}

test('a keyboard-only response to the database outage (seed 42) recovers at minute 16, and the link replays it', async ({ page }) => {
  const watch = guard(page);
  await page.goto(lesson);
  const sim = await reachSimulator(page);

  // Seed 42: the first alert fires at minute 11; the failover takes 5 minutes and works.
  await sim.getByLabel('Seed').fill('42');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/in-seed=42/);
  const status = sim.getByTestId('incident-status');
  for (const label of ['+5 min', '+5 min', '+1 min']) {
    await sim.getByRole('button', { name: label }).focus();
    await page.keyboard.press('Enter');
  }
  await expect(status).toContainText('Minute 11. Alerting');

  await submit(page, sim.getByRole('form', { name: 'Acknowledge the page' }), { 'Your name': 'sam' });
  const declare = sim.getByRole('form', { name: 'Declare the incident' });
  await declare.getByRole('combobox', { name: /^Severity/ }).focus();
  await page.keyboard.press('Home'); // SEV-1
  await submit(page, declare, { Title: 'Checkout failing' });
  await expect(status).toContainText('Incident declared');
  await assign(page, sim, 0, 'sam'); // incident commander
  await assign(page, sim, 1, 'priya'); // operations
  await assign(page, sim, 2, 'lee'); // communications
  await assign(page, sim, 3, 'kai'); // scribe
  await submit(page, sim.getByRole('form', { name: 'Run a diagnostic' }));
  await submit(page, sim.getByRole('form', { name: 'Post a status update' }), { Update: 'SEV-1: checkout down for everyone. Next update in 30 minutes.' });
  const update = sim.getByRole('form', { name: 'Post a status update' });
  await update.getByRole('combobox', { name: /^Audience/ }).focus();
  await page.keyboard.press('End'); // public
  await submit(page, update, { Update: 'Customers cannot log in or pay. Next update in 30 minutes.' });
  await submit(page, sim.getByRole('form', { name: 'Try a mitigation' })); // failover is the first option

  // Resolving now is refused with the reason.
  await submit(page, sim.getByRole('form', { name: 'Resolve the incident' }));
  await expect(sim.getByRole('alert')).toContainText('service is not restored yet');

  await sim.getByRole('button', { name: '+5 min' }).focus();
  await page.keyboard.press('Enter');
  await expect(status).toContainText('Minute 16. Service restored');
  await sim.getByRole('button', { name: '+1 min' }).focus();
  await page.keyboard.press('Enter');
  await submit(page, update, { Update: 'Service has been restored. We are monitoring.' }); // audience still public
  await update.getByRole('combobox', { name: /^Audience/ }).focus();
  await page.keyboard.press('Home'); // internal
  await submit(page, update, { Update: 'Failover done at minute 16; checkout works.' });
  await submit(page, sim.getByRole('form', { name: 'Resolve the incident' }));

  // The debrief: 16 minutes to recover, impact 0.25 + 15 * 0.5 = 7.75 minutes, every check done.
  await expect(sim).toHaveAttribute('data-phase', 'resolved');
  const metrics = sim.getByTestId('incident-metrics');
  await expect(metrics.locator('tr[data-metric="recover"] td')).toHaveText('16 min');
  await expect(metrics.locator('tr[data-metric="detect"] td')).toHaveText('11 min');
  await expect(metrics.locator('tr[data-metric="impact"] td')).toContainText('7.75 full-outage minutes; 93,000 failed requests');
  await expect(sim.getByRole('heading', { name: 'Incident-command practice: 100%' })).toBeVisible();
  await expect(sim.getByText('The primary database host db-primary-1 lost its storage volume', { exact: false })).toBeVisible();
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('rlab:incident-last-result') ?? 'null'));
  expect(saved).toMatchObject({ version: 1, data: { format: 'reliability-lab-incident-result', run: { scenario: 'database-outage', seed: 42 }, metrics: { timeToRecover: 16 } } });
  await expect(sim.locator('.rl-sim-cli code')).toContainText('npx rlab incident --scenario database-outage --seed 42 --log');

  expect(await seriousAxeViolations(page)).toEqual([]);

  // The link round trip: a reload lands on the same finished run.
  await expect(page).toHaveURL(/in-log=/);
  await page.reload();
  const again = await reachSimulator(page);
  await expect(again).toHaveAttribute('data-phase', 'resolved');
  await expect(again.getByTestId('incident-metrics').locator('tr[data-metric="recover"] td')).toHaveText('16 min');

  // Replay to minute 12 and fork: back to running at minute 12 with the earlier actions.
  const slider = again.getByRole('slider', { name: /Show the run at minute/ });
  await slider.focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowRight');
  await again.getByRole('button', { name: 'Fork from minute 12' }).focus();
  await page.keyboard.press('Enter');
  await expect(again).toHaveAttribute('data-phase', 'declared');
  await expect(again.getByTestId('incident-status')).toContainText('Minute 12.');
  watch.check();
});

test('at 375 px the simulator does not scroll sideways, and a bad link is explained', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`${lesson}?in-scenario=volcano&in-seed=7&in-log=3q`);
  const sim = await reachSimulator(page);
  await expect(sim.getByRole('status').first()).toContainText('in-scenario "volcano" is not a scenario');
  await expect(sim.getByLabel('Seed')).toHaveValue('7');
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    // Wide tables scroll inside their own focusable region; nothing else may stick out.
    const wide = [...document.querySelectorAll('[data-sim="incident"] *')].filter((e) => e.getBoundingClientRect().right > width + 1 && !e.closest('.rl-table-scroll'));
    return { by: document.documentElement.scrollWidth - width, wide: wide.slice(0, 3).map((e) => `${e.tagName}.${e.className}`) };
  });
  expect(overflow).toEqual({ by: 0, wide: [] });
});

test('a finished run opened from a link passes axe in the dark theme, with the debrief and exports', async ({ page }) => {
  const watch = guard(page);
  await useTheme(page, 'dark');
  // The memory-leak fixture's log (seed 42) in the link encoding, as `npx rlab incident --log` takes it.
  const log = '9a.ana*10d.2.Leak*10r.ic.ana*10r.ops.ben*11r.comms.cy*11r.scribe.dee*12j.logging-disk*13u.i.SEV_2D2*13u.p.Slow*15m.restart*20m.rollback*30j.marketing-eta*31u.i.Restored*33u.p.Back*35x';
  await page.goto(`${lesson}?in-scenario=memory-leak&in-seed=42&in-log=${log}&in-t=35`);
  const sim = await reachSimulator(page);
  await expect(sim).toHaveAttribute('data-phase', 'resolved');
  await expect(sim.getByTestId('incident-metrics').locator('tr[data-metric="recover"] td')).toHaveText('20 min');
  await expect(sim.getByRole('button', { name: 'Export post-mortem draft (Markdown)' })).toBeVisible();
  const download = page.waitForEvent('download');
  await sim.getByRole('button', { name: 'Export result (JSON)' }).focus();
  await page.keyboard.press('Enter');
  expect((await download).suggestedFilename()).toBe('incident-memory-leak-seed-42.json');
  expect(await seriousAxeViolations(page)).toEqual([]);
  watch.check();
});
