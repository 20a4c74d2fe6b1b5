/** The post-mortem editor and action tracker in the post-mortems lesson, driven by keyboard. */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { guard, seriousAxeViolations, useTheme } from './site';

const lesson = '/lessons/post-mortems/';
const fixtures = join(import.meta.dirname, '..', '..', 'simulations', 'postmortem', 'fixtures');

async function reachEditor(page: Page) {
  await page.locator('[data-simulation="postmortem"]').scrollIntoViewIfNeeded();
  const island = page.locator('[data-simulation="postmortem"] astro-island');
  await expect.poll(() => island.evaluate((e) => e.hasAttribute('ssr')), { timeout: 15_000 }).toBe(false);
  // Ready once mounted and the saved post-mortems are read.
  await expect(page.locator('[data-sim="postmortem"]')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
  return page.locator('[data-sim="postmortem"]');
}

/** Replaces a field's text with the keyboard only. */
async function typeInto(page: Page, field: Locator, text: string) {
  await field.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

/** Presses a button with the keyboard. */
async function press(page: Page, button: Locator) {
  await button.focus();
  await page.keyboard.press('Enter');
}

test('prefill from a result file, write the analysis and three action items by keyboard, track them, export Markdown, and find it all after a reload', async ({ page }) => {
  // The real date the editor starts from: 1 March 2024.
  await page.clock.setFixedTime(new Date('2024-03-01T10:00:00'));
  const watch = guard(page);
  await page.goto(lesson);
  const sim = await reachEditor(page);

  // Import the run's result: the editor opens a new post-mortem prefilled from it.
  await sim.getByLabel(/Import a result file/).setInputFiles(join(fixtures, 'run-result.json'));
  await expect(sim.locator('[data-notice]')).toContainText('New post-mortem prefilled from run-result.json: Primary database outage (team blue, seed 42)');
  await expect(sim.getByLabel('Title', { exact: true })).toHaveValue('Primary database outage');
  await expect(sim.getByLabel('Incident date')).toHaveValue('2024-02-27'); // the day the result was exported
  await expect(sim.getByLabel('Time to recover (min)')).toHaveValue('21');
  await expect(sim.getByLabel('Error budget spent (%)')).toHaveValue('34.7');
  await expect(sim.locator('.rl-pm-timeline')).toHaveCount(7); // the facilitator-only line is left out
  await expect(sim.getByLabel('Event of timeline entry 1')).toHaveValue('HighErrorRate firing: checkout 5xx at 62%');
  // Only the action items are missing for it to be complete.
  await expect(sim.locator('.rl-pm-review')).toHaveAttribute('data-errors', '1');

  // A why-chain for F1, by keyboard. A blaming answer gets a warning, not an error.
  await press(page, sim.getByRole('button', { name: 'Ask why again (F1)' }));
  const because1 = sim.getByLabel('Because 1 (F1)');
  await typeInto(page, because1, 'dana forgot to check the archiver');
  await expect(sim.locator('.rl-pm-review')).toContainText('Contributing factor 1, why 1: answer reads as blame ("forgot")');
  await expect(sim.locator('.rl-pm-review')).toContainText('Contributing factor 1, why 1: answer names a person (dana)');
  await expect(because1).not.toHaveAttribute('aria-invalid', 'true');
  await typeInto(page, because1, 'WAL archiving stalled when the object store rejected uploads');
  await expect(sim.locator('.rl-pm-review')).not.toContainText('reads as blame');
  await press(page, sim.getByRole('button', { name: 'Ask why again (F1)' }));
  await expect(sim.getByLabel('Why 2? (F1)')).toHaveValue('Why? WAL archiving stalled when the object store rejected uploads');
  await typeInto(page, sim.getByLabel('Because 2 (F1)'), 'Upload credentials expired and nothing alerted on archive lag');

  // Three action items with priorities. The incident was on 2024-02-27 (a leap year):
  // P0 is due 2024-03-01 (28, 29 February, 1 March), P1 2024-03-05, P2 2024-03-29.
  const items = [
    { id: 'A1', description: 'Alert when WAL archive lag exceeds 10 minutes', owner: 'db-team', priority: 'P0', due: '2024-03-01' },
    { id: 'A2', description: 'Pre-approved first status-page message for SEV-2', owner: 'comms-team', priority: 'P1', due: '2024-03-05' },
    { id: 'A3', description: 'Rotate object store credentials automatically', owner: 'platform-team', priority: 'P2', due: '2024-03-29' },
  ];
  for (const item of items) {
    await press(page, sim.getByRole('button', { name: 'Add action item' }));
    await typeInto(page, sim.getByLabel(`Description of ${item.id}`), item.description);
    await typeInto(page, sim.getByLabel(`Owner of ${item.id}`), item.owner);
    await sim.getByLabel(`Priority of ${item.id}`).selectOption(item.priority);
    await expect(sim.locator(`[data-action="${item.id}"] .rl-pm-hint`)).toHaveText(`Empty: the ${item.priority} deadline, ${item.due}.`);
  }
  // A2 answers the late status updates (W1); space toggles the checkbox.
  await sim.getByRole('checkbox', { name: /^W1 for A2/ }).focus();
  await page.keyboard.press('Space');
  await expect(sim.locator('.rl-pm-review')).not.toContainText('wentWrong[0] (W1) has no action item');

  // A typed due date beyond its priority's window is an error on that field.
  const dueA1 = sim.getByLabel('Due date of A1');
  await dueA1.fill('2024-03-08');
  await expect(dueA1).toHaveAttribute('aria-invalid', 'true');
  await expect(sim.locator('.rl-pm-review')).toContainText('Action item 1: due date (2024-03-08) is 10 days after the incident, but P0 must be done within 3 (by 2024-03-01)');
  await dueA1.fill('');
  await expect(dueA1).not.toHaveAttribute('aria-invalid', 'true');

  // Mark A1 done (today, 1 March): 1 of 3 done = 33.3%, nothing overdue yet, but below 85%.
  await sim.getByRole('checkbox', { name: 'Done (A1)' }).focus();
  await page.keyboard.press('Space');
  await expect(sim.getByLabel('Done on (A1)')).toHaveValue('2024-03-01');
  const tracker = sim.locator('.rl-pm-tracker');
  await expect(tracker.locator('[data-figure="completion"]')).toHaveText('33.3% (1 of 3)');
  await expect(tracker.locator('[data-figure="overdue"]')).toHaveText('0');
  await expect(tracker.locator('[data-badge]')).toHaveText('Not on track');
  // The editor's own stylesheet loaded with it (it is not part of the site-wide CSS).
  await expect(tracker.locator('[data-badge]')).toHaveCSS('border-top-left-radius', '999px');

  // Move today to 6 March: A2 (due 5 March) is overdue, A3 (29 March) is not.
  await tracker.getByLabel(/^Today/).fill('2024-03-06');
  await expect(tracker.locator('[data-figure="overdue"]')).toHaveText('1');
  await expect(tracker.locator('table[data-table="overdue"] tbody tr')).toHaveText([/A2: Pre-approved first status-page message for SEV-2\s*comms-team\s*P1\s*2024-03-05/]);
  await expect(tracker.locator('[data-verdict]')).toHaveText('Not on track: 1 of 3 done (33.3%), below 85%, and 1 overdue.');
  await expect(tracker.locator('table[data-table="by-priority"] tr[data-key="P0"]')).toContainText('1 of 1');
  await expect(tracker.locator('table[data-table="by-owner"] tr[data-key="comms-team"] td').last()).toHaveText('1');
  await expect(sim.locator('.rl-pm-review')).toHaveAttribute('data-errors', '0');

  // Export: the downloaded Markdown holds the template and the tracker at 6 March.
  const downloadPromise = page.waitForEvent('download');
  await press(page, sim.getByRole('button', { name: 'Download Markdown' }));
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('postmortem-database-outage-seed-42.md');
  const markdown = readFileSync((await download.path())!, 'utf8');
  for (const heading of ['# Post-mortem: Primary database outage', '## Summary', '## Impact', '## Timeline', '## Contributing factors', '## What went well', '## What went wrong', '## Action items', '## Follow-up as of 2024-03-06']) {
    expect(markdown.split('\n')).toContain(heading);
  }
  expect(markdown).toContain('| Status | complete |');
  expect(markdown).toContain('| A1 | Alert when WAL archive lag exceeds 10 minutes | db-team | P0 | 2024-03-01 | done 2024-03-01 | — | — |');
  expect(markdown).toContain('| A2 | Pre-approved first status-page message for SEV-2 | comms-team | P1 | 2024-03-05 | open | — | W1 |');
  expect(markdown).toContain('| Overdue | A2 (due 2024-03-05, comms-team) |');
  expect(markdown).toContain('| 2 | Why? WAL archiving stalled when the object store rejected uploads | Upload credentials expired and nothing alerted on archive lag |');

  expect(await seriousAxeViolations(page)).toEqual([]);

  // Everything is kept in this browser.
  await page.reload();
  const again = await reachEditor(page);
  await expect(again.getByLabel('Open a post-mortem')).toHaveValue('pm-1');
  await expect(again.getByLabel('Title', { exact: true })).toHaveValue('Primary database outage');
  await expect(again.locator('[data-action]')).toHaveCount(3);
  await expect(again.locator('[data-action="A1"]')).toHaveAttribute('data-status', 'done');
  await expect(again.getByLabel('Because 2 (F1)')).toHaveValue('Upload credentials expired and nothing alerted on archive lag');
  watch.check();
});

test('prefills from the last incident run saved in this browser, and explains a file it cannot import', async ({ page }) => {
  const result = JSON.parse(readFileSync(join(fixtures, 'run-result.json'), 'utf8'));
  await page.addInitScript((data) => {
    if (!window.localStorage.getItem('rlab:incident-last-result')) window.localStorage.setItem('rlab:incident-last-result', JSON.stringify({ version: 1, data }));
  }, result);
  const watch = guard(page);
  await page.goto(lesson);
  const sim = await reachEditor(page);
  await expect(sim.getByText('No post-mortem open.')).toBeVisible();

  await sim.getByLabel(/Import a result file/).setInputFiles(join(fixtures, 'bad-result.json'));
  const errors = sim.locator('[data-import-errors]');
  await expect(errors).toContainText('bad-result.json was not imported');
  await expect(errors.locator('li')).toHaveText([/^run\.seed .*"forty-two"/, /^metrics\.timeToRecover .*"21"/]);
  await sim.getByLabel(/Import a result file/).setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"format": ') });
  await expect(errors).toContainText('notes.json was not imported');
  await expect(errors.locator('li')).toHaveText([/^not valid JSON: /]);

  await press(page, sim.getByRole('button', { name: 'Prefill from my last incident run' }));
  await expect(sim.locator('[data-notice]')).toContainText('New post-mortem prefilled from your last incident run');
  await expect(sim.getByLabel('Participants (comma-separated)')).toHaveValue('dana (incident commander), lee (operations), sam (communications)');
  await expect(errors).toHaveCount(0);

  // Delete asks first; "Keep it" keeps it.
  await press(page, sim.getByRole('button', { name: 'Delete this post-mortem' }));
  await press(page, sim.getByRole('button', { name: 'Keep it' }));
  await expect(sim.getByLabel('Title', { exact: true })).toHaveValue('Primary database outage');
  await press(page, sim.getByRole('button', { name: 'Delete this post-mortem' }));
  await press(page, sim.getByRole('button', { name: 'Yes, delete it' }));
  await expect(sim.locator('[data-notice]')).toHaveText('Deleted Primary database outage.');
  await page.reload();
  await expect((await reachEditor(page)).getByText('No post-mortem open.')).toBeVisible();
  watch.check();
});

test('damaged saved post-mortems are backed up and reported, and the readable ones kept', async ({ page }) => {
  const good = { id: 'pm-1', title: 'Kept', incidentId: 'INC-1', date: '2024-01-15', severity: 2, facilitator: '', participants: '', summary: '', impact: { detectionMinutes: '', recoveryMinutes: '', resolutionMinutes: '', usersAffected: '', failedRequests: '', errorBudgetSpentPercent: '' }, timeline: [], factors: [], wentWell: [], wentWrong: [], lucky: [], actionItems: [] };
  const raw = JSON.stringify({ version: 1, data: { documents: [good, { id: 'pm-2', title: 42 }] } });
  await page.addInitScript((value) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('rlab:postmortems', value);
      sessionStorage.setItem('seeded', '1');
    }
  }, raw);
  await page.goto(lesson);
  const sim = await reachEditor(page);
  await expect(page.locator('.rl-notice')).toContainText('Saved postmortems data is damaged');
  await expect(page.locator('.rl-notice')).toContainText('1 unreadable post-mortem set aside');
  await expect(sim.getByLabel('Title', { exact: true })).toHaveValue('Kept');
  const backups = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('rlab:backup:postmortems:')).map((k) => localStorage.getItem(k)));
  expect(backups).toEqual([raw]);
  // The readable post-mortem is saved back; a reload reports nothing more.
  await page.reload();
  await reachEditor(page);
  await expect(page.locator('.rl-notice')).toHaveCount(0);
});

test('in the dark theme at 375 px, with a blank post-mortem full of errors, nothing scrolls sideways and axe finds nothing serious', async ({ page }) => {
  await useTheme(page, 'dark');
  await page.setViewportSize({ width: 375, height: 800 });
  const watch = guard(page);
  await page.goto(lesson);
  const sim = await reachEditor(page);
  await press(page, sim.getByRole('button', { name: 'New empty post-mortem' }));
  await press(page, sim.getByRole('button', { name: 'Add timeline entry' }));
  await press(page, sim.getByRole('button', { name: 'Add a contributing factor (another branch)' }));
  await sim.getByLabel('Category of F1').selectOption('human');
  await press(page, sim.getByRole('button', { name: 'Add action item' }));
  await expect(sim.getByLabel('Owner of A1')).toHaveAttribute('aria-invalid', 'true');
  await expect(sim.getByLabel('Category of F1')).toHaveAttribute('aria-invalid', 'true');
  for (const summary of await sim.locator('details > summary').all()) await summary.click();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(await seriousAxeViolations(page)).toEqual([]);
  watch.check();
});
