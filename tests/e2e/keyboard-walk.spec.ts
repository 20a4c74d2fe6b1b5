/**
 * Every simulator and interactive page walked with the keyboard alone: controls are reached with
 * Tab / Shift+Tab only (never clicked or focused by the test), operated with the keys a learner
 * would use, and after each change the view's polite live region says what the new state is. Focus
 * is always visibly marked, never dropped to <body> by a re-render, and Tab always leads out again.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { allAxeViolations, guard } from './site';

/** What has focus, as seen by the page. */
interface Focused {
  tag: string;
  type: string;
  /** aria-label, else the label's text, else the element's own text (trimmed, first 80 characters). */
  name: string;
  /** The `data-sim` of the simulator around it, if any. */
  sim: string | null;
  /** Inside the element matched by `scope` (see `focused`). */
  inScope: boolean;
  onBody: boolean;
  /** Inside the Monaco editor. */
  editor: boolean;
  /** A focus indicator is drawn: an outline or a box shadow. */
  marked: boolean;
}

/** Describes the focused element; `scope` is a CSS selector for "inside the thing under test". */
async function focused(page: Page, scope = '[data-sim]'): Promise<Focused> {
  return page.evaluate((scopeSelector) => {
    const a = document.activeElement as HTMLElement | null;
    if (!a || a === document.body || a === document.documentElement) {
      return { tag: 'body', type: '', name: '', sim: null, inScope: false, onBody: true, editor: false, marked: false };
    }
    const input = a as HTMLInputElement;
    const labelText = input.labels?.[0]?.textContent ?? null;
    const name = (a.getAttribute('aria-label') ?? labelText ?? a.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 80);
    const style = getComputedStyle(a);
    const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadowed = style.boxShadow !== 'none' && style.boxShadow !== '';
    // Monaco draws its own caret and border for its hidden textarea.
    const inMonaco = a.closest('.monaco-editor') !== null;
    return {
      tag: a.tagName.toLowerCase(),
      type: input.type ?? '',
      name,
      sim: a.closest<HTMLElement>('[data-sim]')?.dataset.sim ?? null,
      inScope: a.closest(scopeSelector) !== null,
      onBody: false,
      editor: inMonaco,
      marked: outlined || shadowed || inMonaco,
    };
  }, scope);
}

/** Fails if focus fell to <body> or the focused element shows no focus indicator. */
async function expectFocusKept(page: Page, scope?: string): Promise<Focused> {
  const f = await focused(page, scope);
  expect(f.onBody, 'focus was lost to <body>').toBe(false);
  expect(f.marked, `no visible focus indicator on <${f.tag}> "${f.name}"`).toBe(true);
  return f;
}

/**
 * Presses Tab (or Shift+Tab with `back`) until `predicate` holds for the focused element, checking
 * at every stop that focus is visible and not lost. Fails after `max` presses.
 */
async function tabUntil(page: Page, predicate: (f: Focused) => boolean, { max = 80, back = false, scope }: { max?: number; back?: boolean; scope?: string } = {}): Promise<Focused> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    // Past the last (or before the first) control of the document, focus goes to the browser's
    // own UI and the page reports <body>: that is leaving the page, not losing focus.
    let f = await focused(page, scope);
    // A date field moves focus into its inner parts a frame later; give the indicator a moment.
    if (!f.onBody && !f.marked) await expect.poll(async () => (f = await focused(page, scope)).marked, { timeout: 1_000 }).toBe(true);
    seen.push(`${f.tag}:${f.name.slice(0, 30)}`);
    if (predicate(f)) return f;
  }
  throw new Error(`not reached after ${max} presses of ${back ? 'Shift+Tab' : 'Tab'}; saw ${seen.slice(-12).join(' | ')}`);
}

/** Presses a key on the focused control; the re-render must keep focus (visibly) where it was. */
async function press(page: Page, key: string, scope?: string) {
  await page.keyboard.press(key);
  await expectFocusKept(page, scope);
}

const named = (pattern: RegExp) => (f: Focused) => pattern.test(f.name);
const leftSim = (f: Focused) => !f.inScope;

/** Scrolls to a lesson's simulator, waits for hydration, and puts the keyboard's starting point on its title. */
async function startAtSimulator(page: Page, lesson: string, id: string): Promise<Locator> {
  await page.goto(lesson);
  const section = page.locator(`[data-simulation="${id}"]`);
  await section.scrollIntoViewIfNeeded();
  await expect(page.locator(`[data-sim="${id}"]`)).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  // Clicking the title text (not a control) sets where the next Tab starts, as a reader's click would.
  await section.locator('.rl-practice-title').click();
  return page.locator(`[data-sim="${id}"]`);
}

/** The simulator's polite live region; every simulator has one that summarises its state. */
const liveRegion = (sim: Locator) => sim.locator('[aria-live="polite"]').first();

/** Waits until the live region's text differs from `before`, and returns it. */
async function announced(region: Locator, before: string): Promise<string> {
  await expect(region).not.toHaveText(before, { timeout: 5_000 });
  return (await region.textContent())!.trim();
}

test.describe.configure({ timeout: 90_000 });

test('burn rate: selects, number field, checkbox and buttons by keyboard', async ({ page }) => {
  const watch = guard(page);
  const sim = await startAtSimulator(page, '/lessons/sre-practices/', 'burn-rate');
  const live = liveRegion(sim);
  const table = sim.locator('table.rl-sim-table');
  const tableBefore = await table.innerText();

  await tabUntil(page, named(/^Scenario/));
  let before = (await live.textContent())!;
  await press(page, 'Home'); // total outage
  expect(await announced(live, before)).toContain('100% errors for 1h');
  expect(await table.innerText()).not.toBe(tableBefore);

  await tabUntil(page, named(/^SLO target/));
  before = (await live.textContent())!;
  await press(page, 'End');
  expect(await announced(live, before)).toMatch(/99\.99/);

  await tabUntil(page, named(/^Add Sloth/));
  await press(page, 'Space');
  await expect(sim.getByRole('checkbox', { name: /Sloth/ })).toBeChecked();
  await expect(sim.locator('.rl-sim-cli')).toContainText('--sloth');

  await tabUntil(page, named(/^New seed$/), { max: 5 });
  await press(page, 'Enter');
  await expect(page).toHaveURL(/br-seed=48271/);

  await tabUntil(page, named(/^Seed/), { back: true, max: 5 });
  await press(page, 'ArrowUp');
  await expect(page).toHaveURL(/br-seed=48272/);

  await tabUntil(page, named(/^Reset$/), { max: 5 });
  before = (await live.textContent())!;
  await press(page, 'Space');
  await expect(sim.getByRole('combobox', { name: 'Scenario' })).toHaveValue('flapping');
  expect(await announced(live, before)).toContain('in every 10m');

  await tabUntil(page, leftSim);
  // In the state the walk left it (a result shown, a debrief open), axe finds nothing of any impact.
  expect(await allAxeViolations(page)).toEqual([]);
  watch.check();
});

test('canary: policy and version selects, steps field, Next interval until the rollback is announced', async ({ page }) => {
  const watch = guard(page);
  const sim = await startAtSimulator(page, '/lessons/sre-practices/', 'canary');
  const live = sim.locator('.rl-sim-summary');
  await expect(live).toHaveAttribute('aria-live', 'polite');

  await tabUntil(page, named(/^Analysis policy/));
  await press(page, 'ArrowDown');
  await expect(sim.getByRole('combobox', { name: 'Analysis policy' })).toHaveValue('flagger');
  await expect(live).toContainText('Flagger');

  await tabUntil(page, named(/^The new version/));
  await press(page, 'ArrowDown'); // a version with more errors (2%)
  await expect(sim.getByLabel('Its 5xx ratio (%)')).toHaveValue('2');

  // The steps field: type a new plan and submit the form with Enter.
  await tabUntil(page, named(/^Steps/));
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('10:1m,50:1m');
  await press(page, 'Enter');
  await expect(page).toHaveURL(/cn-steps=10/);

  await tabUntil(page, named(/^Next interval$/));
  let before = (await live.textContent())!;
  await press(page, 'Enter');
  expect(await announced(live, before)).toMatch(/Minute 1, weight 10%/);
  for (let i = 0; i < 2; i++) {
    before = (await live.textContent())!;
    await page.keyboard.press('Enter');
    await announced(live, before);
  }
  await expect(sim.locator('[data-outcome]')).toHaveAttribute('data-outcome', 'rolled-back');
  // The live region says what happened and where, not just "done".
  await expect(live).toContainText(/rolled back/i);
  await expect(live).toContainText('10%');
  // "Next interval" is disabled now; focus must not have dropped to <body>.
  await expectFocusKept(page);

  await tabUntil(page, named(/^Reset$/), { max: 6 });
  before = (await live.textContent())!;
  await press(page, 'Enter');
  expect(await announced(live, before)).toMatch(/^Ready/);

  await tabUntil(page, leftSim, { max: 40 });
  // In the state the walk left it (a result shown, a debrief open), axe finds nothing of any impact.
  expect(await allAxeViolations(page)).toEqual([]);
  watch.check();
});

test('golden signals: fault form, Inject, Play and the time slider with arrows, Home and End', async ({ page }) => {
  const watch = guard(page);
  const sim = await startAtSimulator(page, '/lessons/observability/', 'golden-signals');
  const live = liveRegion(sim);

  await tabUntil(page, named(/^Fault/));
  await press(page, 'End'); // the last fault kind
  const kind = await sim.getByRole('combobox', { name: 'Fault' }).inputValue();
  await tabUntil(page, named(/^Starts at minute/));
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('5');
  await tabUntil(page, named(/^Inject$/));
  const faults = await sim.locator('.rl-sim-faults li').count();
  let before = (await live.textContent())!;
  await press(page, 'Enter');
  await expect(sim.locator('.rl-sim-faults li')).toHaveCount(faults + 1);
  expect(await announced(live, before)).toContain(`${faults + 1} fault`);
  expect(kind).not.toBe('latency-regression');

  await tabUntil(page, (f) => f.type === 'range');
  await press(page, 'End');
  await expect(sim.getByRole('slider')).toHaveValue('3600');
  // The end of the hour, once the announcement settles: it names the last alert change (the run
  // opens at minute 0, whose "no alert firing" must not be mistaken for it).
  await expect(live).toContainText(/At \d+:\d\d, \w+ became/);
  before = (await live.textContent())!;
  await press(page, 'Home');
  await expect(sim.getByRole('slider')).toHaveValue('0');
  expect(await announced(live, before)).toContain('no alert firing');
  // Holding an arrow key: one announcement where it stops, not one per step.
  const changes = await page.evaluate(() => {
    const region = document.querySelector('[data-sim="golden-signals"] [aria-live="polite"]')!;
    (window as unknown as { liveChanges: number }).liveChanges = 0;
    new MutationObserver(() => (window as unknown as { liveChanges: number }).liveChanges++).observe(region, { subtree: true, childList: true, characterData: true });
    return true;
  });
  expect(changes).toBe(true);
  for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowRight', { delay: 10 });
  await expect(sim.getByRole('slider')).toHaveValue(String(40 * 15));
  await page.waitForTimeout(800);
  expect(await page.evaluate(() => (window as unknown as { liveChanges: number }).liveChanges)).toBeLessThanOrEqual(2);

  await tabUntil(page, named(/^Play the hour$/), { back: true, max: 3 });
  await press(page, 'Enter');
  await expect(sim.getByRole('button', { name: 'Pause' })).toBeFocused();
  await press(page, 'Enter');

  await tabUntil(page, leftSim);
  // In the state the walk left it (a result shown, a debrief open), axe finds nothing of any impact.
  expect(await allAxeViolations(page)).toEqual([]);
  watch.check();
});

test('incident: scenario select, seed field, clock buttons and an action form; ticks are not announced, phases are', async ({ page }) => {
  const watch = guard(page);
  const sim = await startAtSimulator(page, '/lessons/incident-response/', 'incident');
  const live = sim.locator('[data-announcer]');
  await expect(live).toHaveAttribute('aria-live', 'polite');

  await tabUntil(page, named(/^Scenario/));
  await press(page, 'ArrowDown');
  await press(page, 'ArrowUp'); // back to the first scenario: database
  await tabUntil(page, named(/^Seed/));
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('42');
  await press(page, 'Enter');
  await expect(page).toHaveURL(/in-seed=42/);

  await tabUntil(page, named(/^\+1 min$/));
  const quiet = (await live.textContent())!;
  await press(page, 'Enter');
  await expect(sim).toHaveAttribute('data-minute', '1');
  // A clock tick alone changes the visible clock, not the announcement.
  await expect(sim.getByTestId('incident-status')).toContainText('Minute 1.');
  await page.waitForTimeout(600);
  await expect(live).toHaveText(quiet);

  await tabUntil(page, named(/^\+5 min$/), { max: 2 });
  await press(page, 'Enter');
  await press(page, 'Enter');
  await expect(sim).toHaveAttribute('data-phase', 'alerting');
  expect(await announced(live, quiet)).toMatch(/^Alerting/);

  // Acknowledge: type a name in the form's text field, then its button.
  await tabUntil(page, named(/^Your name/));
  await page.keyboard.type('sam');
  const before = (await live.textContent())!;
  await tabUntil(page, (f) => f.tag === 'button', { max: 3 });
  await press(page, 'Enter');
  await expect(sim).toHaveAttribute('data-phase', 'acknowledged');
  expect(await announced(live, before)).toMatch(/^Acknowledged/);

  await tabUntil(page, leftSim, { max: 120 });
  // In the state the walk left it (a result shown, a debrief open), axe finds nothing of any impact.
  expect(await allAxeViolations(page)).toEqual([]);
  watch.check();
});

test('runbook: chance sliders with arrows, Home and End, then Run and Step', async ({ page }) => {
  const watch = guard(page);
  const sim = await startAtSimulator(page, '/lessons/runbooks-automation/', 'runbook-automation');
  const live = liveRegion(sim);

  await tabUntil(page, named(/terminate_long_queries success chance/));
  let before = (await live.textContent())!;
  await press(page, 'Home');
  await expect(sim.getByRole('slider', { name: /terminate_long_queries/ })).toHaveValue('0');
  expect(await announced(live, before)).toContain('terminate_long_queries 0%');
  before = (await live.textContent())!;
  await press(page, 'ArrowUp');
  await expect(sim.getByRole('slider', { name: /terminate_long_queries/ })).toHaveValue('5');
  expect(await announced(live, before)).toContain('terminate_long_queries 5%');
  await press(page, 'Home');
  await expect(live).toContainText('terminate_long_queries 0%');

  await tabUntil(page, named(/^Run$/), { back: true });
  before = (await live.textContent())!;
  await press(page, 'Enter');
  await expect(sim).toHaveAttribute('data-outcome', 'rolled-back');
  expect(await announced(live, before)).toContain('rolled back');

  await tabUntil(page, named(/^Reset$/), { max: 6 });
  await press(page, 'Enter');
  await tabUntil(page, named(/^Step$/), { max: 6, back: true }).catch(() => tabUntil(page, named(/^Step$/), { max: 6 }));
  before = (await live.textContent())!;
  await press(page, 'Space');
  expect(await announced(live, before)).toMatch(/^Line 1 of \d+: check_connection_pool/);

  await tabUntil(page, named(/^terminate_long_queries success chance/));
  await press(page, 'End');
  await expect(sim.getByRole('slider', { name: /terminate_long_queries/ })).toHaveValue('100');

  await tabUntil(page, leftSim, { max: 120 });
  // In the state the walk left it (a result shown, a debrief open), axe finds nothing of any impact.
  expect(await allAxeViolations(page)).toEqual([]);
  watch.check();
});

test('toil: survey fields, the hourly cost and the xkcd selects by keyboard', async ({ page }) => {
  const watch = guard(page);
  const sim = await startAtSimulator(page, '/lessons/continuous-improvement/', 'toil-roi');
  const live = sim.locator('.rl-sim-summary');
  await expect(live).toHaveAttribute('aria-live', 'polite');

  await tabUntil(page, named(/^Manual deployments hours per week, alice/));
  let before = (await live.textContent())!;
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('2');
  expect(await announced(live, before)).not.toBe(before);
  await expect(sim.locator('table[data-table="toil"] tbody tr').filter({ hasText: 'alice@company.example' })).toContainText('42.5%');

  await tabUntil(page, named(/^A task from the survey/));
  await press(page, 'ArrowDown');
  await expect(sim.locator('.rl-toil-xkcd [aria-live="polite"]')).toContainText('Automating it away');
  await tabUntil(page, named(/^How often it runs/));
  await press(page, 'End');

  await tabUntil(page, leftSim, { max: 120 });
  // Put the learner's team back for other tests in this browser profile.
  await page.evaluate(() => localStorage.clear());
  // In the state the walk left it (a result shown, a debrief open), axe finds nothing of any impact.
  expect(await allAxeViolations(page)).toEqual([]);
  watch.check();
});

test('post-mortem: text fields, Ask why again and Add action item by keyboard', async ({ page }) => {
  const watch = guard(page);
  const sim = await startAtSimulator(page, '/lessons/post-mortems/', 'postmortem');
  const live = sim.locator('[data-notice]');
  await expect(live).toHaveAttribute('aria-live', 'polite');

  await tabUntil(page, named(/^New empty post-mortem$/), { max: 40 });
  const opened = (await live.textContent())!;
  await press(page, 'Enter');
  await expect(sim.getByLabel('Title', { exact: true })).toBeVisible();
  await announced(live, opened);
  await tabUntil(page, named(/^Title$/), { max: 120 });
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Checkout outage');
  await expect(sim.getByLabel('Title', { exact: true })).toHaveValue('Checkout outage');

  await tabUntil(page, named(/^Add action item$/), { max: 200 });
  const before = (await live.textContent())!;
  const items = await sim.getByLabel(/^Description of /).count();
  await press(page, 'Enter');
  expect(await announced(live, before)).toMatch(/^Added action item \d+/);
  await expect(sim.getByLabel(/^Description of /)).toHaveCount(items + 1);

  await tabUntil(page, leftSim, { max: 250 });
  // In the state the walk left it (a result shown, a debrief open), axe finds nothing of any impact.
  expect(await allAxeViolations(page)).toEqual([]);
  watch.check();
});

test('game day launcher in the lesson: its links are reachable and Tab moves on', async ({ page }) => {
  const watch = guard(page);
  const sim = await startAtSimulator(page, '/lessons/integration-challenge/', 'game-day');
  await tabUntil(page, named(/^facilitator console$/));
  await tabUntil(page, named(/^Open the facilitator console$/));
  await expect(sim.getByRole('link', { name: 'Open the facilitator console' })).toBeFocused();
  await tabUntil(page, leftSim, { max: 10 });
  // In the state the walk left it (a result shown, a debrief open), axe finds nothing of any impact.
  expect(await allAxeViolations(page)).toEqual([]);
  watch.check();
});

/** From the top of a full page: the skip link, then into the main content. */
async function startAtMain(page: Page, path: string, ready: string) {
  await page.goto(path);
  await expect(page.locator(ready)).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('Tab');
  const skip = await focused(page);
  expect(skip.name).toMatch(/Skip to content/i);
  await page.keyboard.press('Enter');
}

test('game day console: setup fields, start, an inject and the clock by keyboard; the team view follows and announces', async ({ page, context }) => {
  const watch = guard(page);
  await startAtMain(page, '/game-day/', '.gd-console[data-ready="true"]');
  const scope = '.gd-console';
  const live = page.locator('.gd-console .gd-live');

  await tabUntil(page, named(/^Scenario/), { scope });
  await tabUntil(page, named(/^Team name/), { scope });
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('Green');

  // The team view, opened by keyboard, in a second window.
  await tabUntil(page, named(/^Open the team view$/), { scope });
  const popup = context.waitForEvent('page');
  await page.keyboard.press('Enter');
  const team = await popup;
  await expect(team.locator('.gd-team')).toBeVisible({ timeout: 20_000 });
  const teamLive = team.locator('.gd-team .gd-live');

  await tabUntil(page, named(/^Start the game day$/), { scope, back: true });
  await press(page, 'Enter', scope);
  await expect(page.locator('.gd-status')).toContainText('Running');
  await expectFocusKept(page, scope);

  await tabUntil(page, named(/^Fire: /), { scope });
  const before = (await live.textContent())!;
  const teamBefore = (await teamLive.textContent())!;
  await press(page, 'Enter', scope);
  expect(await announced(live, before)).not.toBe('');
  expect(await announced(teamLive, teamBefore)).not.toBe('');

  await tabUntil(page, named(/^End the game day$/), { scope, back: true }).catch(() => tabUntil(page, named(/^End the game day$/), { scope }));
  await press(page, 'Enter', scope);
  await expect(page.locator('.gd-debrief')).toBeVisible();
  await expectFocusKept(page, scope);

  await tabUntil(page, (f) => !f.inScope, { scope, max: 150 });

  // The team view has no controls of its own; Tab passes through it and out without a trap.
  await team.bringToFront();
  await team.keyboard.press('Tab');
  await tabUntil(team, (f) => f.inScope, { scope: '.gd-team', max: 80 }).catch(() => undefined);
  await tabUntil(team, (f) => !f.inScope, { scope: '.gd-team', max: 80 });
  expect(await allAxeViolations(team)).toEqual([]);
  // In the state the walk left it (a result shown, a debrief open), axe finds nothing of any impact.
  expect(await allAxeViolations(page)).toEqual([]);
  watch.check();
});

test('drills: settings checkbox, start a session and answer a card by keyboard', async ({ page }) => {
  const watch = guard(page);
  await startAtMain(page, '/drills/', '.rl-drills');
  const scope = '.rl-drills';
  const live = page.locator('.rl-drills [aria-live="polite"]').first();
  await tabUntil(page, named(/^Start a session/), { scope, max: 60 });
  const before = (await live.textContent()) ?? '';
  await press(page, 'Enter', scope);
  // The first card takes the focus: the learner can answer at once.
  expect((await expectFocusKept(page, scope)).inScope).toBe(true);
  await expect(page.locator('.rl-drills form').first()).toBeVisible();
  await expect(live).not.toHaveText(before);
  await tabUntil(page, (f) => !f.inScope, { scope, max: 150 });
  // In the state the walk left it (a result shown, a debrief open), axe finds nothing of any impact.
  expect(await allAxeViolations(page)).toEqual([]);
  watch.check();
});

test('exercise workbench: hints, Run tests, into Monaco and out again with Ctrl+M', async ({ page }) => {
  const watch = guard(page);
  await startAtMain(page, '/exercises/histogram-quantile/', '.rl-workbench[data-ready="true"]');
  const scope = '.rl-workbench';
  await tabUntil(page, named(/^Show hint for task 1/), { scope, max: 60 });
  await press(page, 'Enter', scope);
  await tabUntil(page, named(/^Run tests/), { scope });
  const progress = page.locator('.rl-wb-progress');
  const before = (await progress.textContent()) ?? '';
  await page.keyboard.press('Enter');
  await expect(progress).not.toHaveText(before, { timeout: 30_000 });
  await tabUntil(page, (f) => f.editor, { scope, max: 60 });
  // The documented way out of the editor (shown on the page): Ctrl+M, then Tab moves on.
  await expect(page.locator('.rl-workbench')).toContainText('Ctrl+M');
  await page.keyboard.press('Control+M');
  await tabUntil(page, (f) => !f.editor, { scope, max: 5 });
  await tabUntil(page, (f) => !f.inScope, { scope, max: 80 });
  watch.check();
});

test('lesson quiz: start, answer a choice card with the arrow keys and Space, Check, Next', async ({ page }) => {
  const watch = guard(page);
  await page.goto('/lessons/foundation/');
  const quiz = page.locator('.rl-quiz-section');
  await quiz.scrollIntoViewIfNeeded();
  await expect(quiz.getByRole('button', { name: /Start the quiz/ })).toBeVisible({ timeout: 20_000 });
  await expect(quiz.locator('.rl-quiz')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  await quiz.locator('.rl-quiz > p').first().click({ position: { x: 2, y: 2 } });
  const scope = '.rl-quiz-section';
  await tabUntil(page, named(/^Start the quiz/), { scope, max: 20 });
  await press(page, 'Enter', scope);
  const live = quiz.locator('[aria-live="polite"]').first();
  // The first question takes the focus by itself: its first answer control.
  const first = await expectFocusKept(page, scope);
  expect(['radio', 'checkbox', 'text', 'textarea', 'li']).toContain(first.type || first.tag);
  if (first.type === 'radio') await press(page, 'ArrowDown', scope);
  else if (first.type === 'checkbox') await press(page, 'Space', scope);
  else await page.keyboard.type('x');
  const before = (await live.textContent()) ?? '';
  await tabUntil(page, named(/^Check/), { scope, max: 30 });
  await press(page, 'Enter', scope);
  expect(await announced(live, before)).toMatch(/correct|not yet|answer/i);
  await tabUntil(page, (f) => !f.inScope, { scope, max: 60 });
  // In the state the walk left it (a result shown, a debrief open), axe finds nothing of any impact.
  expect(await allAxeViolations(page)).toEqual([]);
  watch.check();
});
