/**
 * A full game day in one browser: the facilitator console and the team view (a second window of
 * the same context, kept in sync over BroadcastChannel), injects, the team's actions up to
 * recovery, the debrief's downloads, and two teams' result files on the comparison page.
 */
import { expect, test, type Download, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { guard, seriousAxeViolations, useTheme } from './site';

/** Seed 5 of the database outage: the first alert fires at minute 3 and a failover works (engine draws). */
const consoleUrl = '/game-day/?gd-scenario=database-outage&gd-seed=5&gd-team=Blue&gd-speed=1s';

async function ready(page: Page, selector: string) {
  await expect(page.locator(selector)).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  return page.locator(selector);
}

async function record(page: Page, kind: string, fields: Record<string, string> = {}) {
  const panel = page.locator('form.gd-actions');
  // A select's accessible name ends with its chosen option ("Action Acknowledge the page").
  await panel.getByLabel(/^Action/).selectOption(kind);
  for (const [label, value] of Object.entries(fields)) {
    const field = panel.getByLabel(new RegExp(`^${label}`));
    if ((await field.evaluate((e) => e.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
  await panel.getByRole('button', { name: 'Record' }).press('Enter');
  await expect(page.locator('.gd-bar [role="alert"]')).toHaveCount(0);
}

async function saved(download: Download): Promise<string> {
  const path = await download.path();
  return readFileSync(path, 'utf8');
}

test('a facilitator runs a game day while the team view follows, then compares two teams', async ({ page, context }) => {
  test.setTimeout(120_000);
  const watch = guard(page);
  await page.goto(consoleUrl);
  const consoleView = await ready(page, '.gd-console');
  await expect(consoleView.getByLabel('Seed', { exact: true })).toHaveValue('5');
  await expect(consoleView.getByLabel('Team name')).toHaveValue('Blue');
  const rootCause = (await consoleView.locator('[data-secret="root-cause"]').textContent())!.trim();
  expect(rootCause.length).toBeGreaterThan(10);
  expect(await seriousAxeViolations(page)).toEqual([]);

  // The projector window, opened from the console (keyboard: Enter on the button).
  const popupPromise = context.waitForEvent('page');
  await consoleView.getByRole('button', { name: 'Open the team view' }).press('Enter');
  const team = await popupPromise;
  const teamWatch = guard(team);
  const teamView = await ready(team, '.gd-team');
  // It caught up with the console on open (hello -> current state): the scenario is shown at minute 0.
  await expect(teamView.locator('.gd-team-title')).toHaveText(/database/i);
  await expect(teamView).toHaveAttribute('data-minute', '0');

  // Start (keyboard) and run to the first alert, then pause while the team talks.
  await consoleView.getByRole('button', { name: 'Start the game day' }).press('Enter');
  await expect(consoleView.locator('.gd-status')).toContainText('Alerting', { timeout: 20_000 });
  await consoleView.getByRole('button', { name: 'Pause the clock' }).press('Enter');
  const pausedAt = await consoleView.getAttribute('data-status');
  expect(pausedAt).toBe('paused');
  const minute = (await consoleView.locator('.gd-clock').textContent())!;
  await expect(teamView.locator('.gd-team-clock')).toHaveText(minute);

  // An executive asks for an ETA; the team view's timeline shows it.
  await consoleView.getByRole('button', { name: /Fire: VP asks for an ETA/ }).press('Enter');
  await expect(consoleView.getByRole('button', { name: /VP asks for an ETA \(fired\)/ })).toBeDisabled();

  // The team's response, recorded by the scribe.
  await record(page, 'acknowledge', { 'Who acknowledged': 'Ana' });
  await record(page, 'declare', { Severity: '1' });
  await record(page, 'assign-role', { Person: 'Ana', Role: 'incident-commander' });
  await record(page, 'assign-role', { Person: 'Ben', Role: 'operations' });
  await record(page, 'assign-role', { Person: 'Chen', Role: 'communications' });
  await record(page, 'status-update', { Audience: 'internal', Update: 'Checkout down; failing over the database. Next update in 30 min.' });
  await record(page, 'mitigate', { Mitigation: 'failover' });
  await expect(teamView.locator('[data-field="severity"]')).toHaveText('SEV-1');
  await expect(teamView.locator('.gd-roles')).toContainText('Ben');
  await expect(teamView.locator('.gd-timeline')).toContainText(/ETA/);

  // A refused action is explained: resolving before service is back.
  await page.locator('form.gd-actions').getByLabel(/^Action/).selectOption('resolve');
  await page.locator('form.gd-actions').getByRole('button', { name: 'Record' }).click();
  await expect(page.locator('.gd-bar [role="alert"]')).toContainText('Not recorded');

  // Run until the failover takes effect, then resolve: the debrief opens.
  await consoleView.getByRole('button', { name: 'Run the clock' }).click();
  await expect(consoleView.locator('.gd-status')).toContainText('Mitigated', { timeout: 30_000 });
  await consoleView.getByRole('button', { name: 'Pause the clock' }).click();
  await page.locator('form.gd-actions').getByRole('button', { name: 'Record' }).click();
  await expect(consoleView).toHaveAttribute('data-status', 'ended');
  const debrief = consoleView.locator('.gd-debrief');
  await expect(debrief).toBeVisible();
  await expect(teamView.locator('[data-field="phase"]')).toHaveText('Resolved');
  await expect(teamView.locator('.gd-team-clock')).toHaveText((await consoleView.locator('.gd-clock').textContent())!);

  // The team view never showed the root cause or the facilitator's notes.
  const teamText = await team.locator('main').innerText();
  expect(teamText).not.toContain(rootCause);
  expect(teamText).not.toMatch(/facilitator only/i);
  expect(await seriousAxeViolations(team)).toEqual([]);

  // Downloads: the result file and the Markdown post-mortem draft.
  const jsonDownload = page.waitForEvent('download');
  await debrief.getByRole('button', { name: 'Download the result (JSON)' }).press('Enter');
  const jsonFile = await jsonDownload;
  expect(jsonFile.suggestedFilename()).toBe('game-day-database-outage-seed-5-blue.json');
  const blue = JSON.parse(await saved(jsonFile));
  expect(blue).toMatchObject({ format: 'reliability-lab-incident-result', team: 'Blue', run: { scenario: 'database-outage', seed: 5 } });
  expect(blue.metrics.timeToRecover).toBeGreaterThan(0);
  expect(blue.metrics.severity).toMatchObject({ declared: 1, expected: 1, matches: true });
  const mdDownload = page.waitForEvent('download');
  await debrief.getByRole('button', { name: 'Download the post-mortem draft (Markdown)' }).click();
  const md = await saved(await mdDownload);
  expect(md).toMatch(/^# /m);
  expect(md).toContain('Blue');
  // Saved for the post-mortem editor.
  const stored = await page.evaluate(() => window.localStorage.getItem('rlab:game-day-result'));
  expect(JSON.parse(stored!).data.team).toBe('Blue');
  expect(await seriousAxeViolations(page)).toEqual([]);

  // A second team on the same scenario and seed: it ends the game day before recovering.
  await consoleView.getByRole('button', { name: 'New game day' }).click();
  await consoleView.getByLabel('Team name').fill('Red');
  await consoleView.getByRole('button', { name: 'Start the game day' }).click();
  await expect(consoleView.locator('.gd-status')).toContainText('Alerting', { timeout: 20_000 });
  await consoleView.getByRole('button', { name: 'End the game day' }).click();
  const redDownload = page.waitForEvent('download');
  await consoleView.getByRole('button', { name: 'Download the result (JSON)' }).click();
  const red = await saved(await redDownload);
  expect(JSON.parse(red).team).toBe('Red');
  await expect(teamView.locator('.gd-team-head')).toContainText('Team Red');

  // The comparison page: both files side by side; a damaged file is named with its field.
  await page.goto('/game-day/compare/');
  const compare = await ready(page, '.gd-compare');
  const broken = JSON.stringify({ ...blue, metrics: { ...blue.metrics, timeToRecover: 'soon' } });
  await compare.getByLabel(/result files/).setInputFiles([
    { name: 'blue.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(blue)) },
    { name: 'red.json', mimeType: 'application/json', buffer: Buffer.from(red) },
    { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(broken) },
  ]);
  await expect(compare.getByRole('alert')).toContainText('broken.json: metrics.timeToRecover');
  const table = compare.locator('.gd-compare-table');
  await expect(table.locator('thead th')).toHaveCount(3);
  await expect(table.locator('thead')).toContainText('Blue');
  await expect(table.locator('thead')).toContainText('Red');
  // Blue recovered, Red did not: Blue's recovery time is the best.
  await expect(table.locator('tr[data-metric="timeToRecover"] td').nth(0)).toHaveAttribute('data-best', 'true');
  await expect(table.locator('tr[data-metric="timeToRecover"] td').nth(1)).toHaveText('not reached');
  await expect(compare.locator('.gd-column')).toHaveCount(2);
  expect(await seriousAxeViolations(page)).toEqual([]);

  // Mixing seeds is refused with both files named.
  const otherSeed = JSON.stringify({ ...JSON.parse(red), run: { ...JSON.parse(red).run, seed: 6 } });
  await compare.getByLabel(/result files/).setInputFiles([
    { name: 'blue.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(blue)) },
    { name: 'red-6.json', mimeType: 'application/json', buffer: Buffer.from(otherSeed) },
  ]);
  await expect(compare.getByRole('alert')).toContainText('Cannot compare: red-6.json is scenario "database-outage" with seed 6, but blue.json');
  await expect(compare.locator('.gd-compare-table')).toHaveCount(0);

  watch.check();
  teamWatch.check();
});

test('a scenario file with mistakes is refused with every problem listed; bad link values are reported', async ({ page }) => {
  await page.goto('/game-day/?gd-seed=banana&gd-stress=panic');
  const consoleView = await ready(page, '.gd-console');
  await expect(consoleView.getByRole('status').first()).toContainText('gd-seed "banana"');
  await consoleView.getByLabel('Or your own scenario (JSON)').setInputFiles({
    name: 'mine.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ version: 1, id: 'mine', title: 'Mine', mitigations: [{ mitigation: 'pray', effect: 'maybe' }] })),
  });
  const alert = consoleView.getByRole('alert');
  await expect(alert).toContainText('mine.json is not a usable scenario');
  await expect(alert).toContainText('mitigations[0]');
  // The built-in scenario is still selected and the console still works.
  await expect(consoleView.getByLabel(/^Scenario/)).toHaveValue('database-outage');
});

test('the team view opened with no console waits, and reads a damaged saved state without crashing', async ({ page }) => {
  const watch = guard(page);
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('rlab:game-day-live', '{"version":1,"data":{"protocol":"rlab-game-day","version":1,"type":"state"}}');
      sessionStorage.setItem('seeded', '1');
    }
  });
  await page.goto('/game-day/team/');
  const teamView = await ready(page, '.gd-team');
  await expect(teamView).toContainText('Waiting for the facilitator console');
  await expect(teamView.getByRole('status').first()).toContainText('game-day-live');
  const backups = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('rlab:backup:game-day-live:')));
  expect(backups).toHaveLength(1);
  watch.check();
});

test('the three game-day pages fit a 375 px screen in the dark theme, and the lesson links to the console', async ({ page }) => {
  const watch = guard(page);
  await useTheme(page, 'dark');
  await page.setViewportSize({ width: 375, height: 800 });
  for (const [path, selector] of [
    ['/game-day/?gd-seed=5', '.gd-console'],
    ['/game-day/team/', '.gd-team'],
    ['/game-day/compare/', '.gd-compare'],
  ] as const) {
    await page.goto(path);
    await ready(page, selector);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${path} scrolls sideways`).toBeLessThanOrEqual(375);
    expect(await seriousAxeViolations(page), path).toEqual([]);
  }
  await page.goto('/lessons/integration-challenge/');
  const launcher = page.locator('[data-simulation="game-day"]');
  await launcher.scrollIntoViewIfNeeded();
  const link = launcher.getByRole('link', { name: 'Open the facilitator console' });
  await expect(link).toHaveAttribute('href', '/game-day/', { timeout: 15_000 });
  await link.click();
  await ready(page, '.gd-console');
  watch.check();
});
