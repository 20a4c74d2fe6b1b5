/**
 * With `prefers-reduced-motion: reduce`, nothing moves: after an interaction no CSS animation or
 * transition is running on any simulator page, and charts draw their final state in one frame.
 * Without it, charts animate on a discrete change (so the chart check can fail), but never for a
 * moving clock (tests/e2e/charts.spec.ts checks that playing charts keep up with it).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { guard } from './site';

interface SimCase {
  id: string;
  lesson: string;
  /** One interaction that changes what the charts show. */
  interact: (sim: Locator, page: Page) => Promise<void>;
  /** The view draws recharts charts. */
  charts: boolean;
}

const pressOn = async (page: Page, control: Locator, key: string) => {
  await control.focus();
  await page.keyboard.press(key);
};

const cases: SimCase[] = [
  { id: 'burn-rate', lesson: '/lessons/sre-practices/', charts: true, interact: (sim, page) => pressOn(page, sim.getByRole('combobox', { name: 'Scenario' }), 'Home') },
  { id: 'canary', lesson: '/lessons/sre-practices/', charts: true, interact: (sim, page) => pressOn(page, sim.getByRole('button', { name: 'Next interval' }), 'Enter') },
  { id: 'golden-signals', lesson: '/lessons/observability/', charts: true, interact: (sim, page) => pressOn(page, sim.getByRole('slider'), 'End') },
  { id: 'incident', lesson: '/lessons/incident-response/', charts: true, interact: (sim, page) => pressOn(page, sim.getByRole('button', { name: '+15 min' }), 'Enter') },
  {
    id: 'toil-roi',
    lesson: '/lessons/continuous-improvement/',
    charts: true,
    interact: async (sim, page) => {
      await pressOn(page, sim.getByLabel('Manual deployments hours per week, alice@company.example'), 'ControlOrMeta+A');
      await page.keyboard.type('2');
    },
  },
  { id: 'runbook-automation', lesson: '/lessons/runbooks-automation/', charts: false, interact: (sim, page) => pressOn(page, sim.getByRole('button', { name: 'Run', exact: true }), 'Enter') },
  {
    id: 'postmortem',
    lesson: '/lessons/post-mortems/',
    charts: false,
    interact: (sim, page) => pressOn(page, sim.getByRole('button', { name: 'New empty post-mortem' }), 'Enter'),
  },
];

async function reach(page: Page, c: SimCase): Promise<Locator> {
  await page.goto(c.lesson);
  await page.locator(`[data-simulation="${c.id}"]`).scrollIntoViewIfNeeded();
  const sim = page.locator(`[data-sim="${c.id}"]`);
  await expect(sim).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  return sim;
}

/**
 * Records, on every animation frame for `ms`, the drawn shape of the charts in `scope` (path data
 * and dash arrays of lines, bars and areas), while `act` runs; returns how many distinct shapes were drawn.
 */
async function chartFramesDuring(page: Page, scope: string, act: () => Promise<void>, ms = 900): Promise<number> {
  await page.evaluate(
    ({ scope, ms }) => {
      const w = window as unknown as { chartShapes: Set<string> };
      w.chartShapes = new Set();
      const end = performance.now() + ms;
      const sample = () => {
        const shapes = [...document.querySelectorAll(`${scope} .recharts-surface :is(path.recharts-curve, .recharts-rectangle, path.recharts-rectangle)`)]
          .map((p) => `${p.getAttribute('d')}|${p.getAttribute('stroke-dasharray') ?? ''}|${p.getAttribute('height') ?? ''}`)
          .join(';');
        w.chartShapes.add(shapes);
        if (performance.now() < end) requestAnimationFrame(sample);
      };
      requestAnimationFrame(sample);
    },
    { scope, ms },
  );
  await act();
  await page.waitForTimeout(ms + 100);
  return page.evaluate(() => (window as unknown as { chartShapes: Set<string> }).chartShapes.size);
}

/** CSS animations and transitions still running that last longer than a frame. */
const runningMotion = (page: Page) =>
  page.evaluate(() =>
    document
      .getAnimations()
      .filter((a) => a.playState === 'running')
      .map((a) => ({ name: (a as CSSAnimation).animationName ?? (a as CSSTransition).transitionProperty ?? a.id, duration: Number(a.effect?.getTiming().duration ?? 0) }))
      .filter((a) => a.duration > 1),
  );

test.describe('prefers-reduced-motion: reduce', () => {
  test.beforeEach(async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
  });

  for (const c of cases) {
    test(`${c.id}: no running animation after a change${c.charts ? ', charts drawn at once' : ''}`, async ({ page }) => {
      const watch = guard(page);
      const sim = await reach(page, c);
      if (c.charts) await expect(sim.locator('.recharts-surface').first()).toBeVisible();
      const frames = await chartFramesDuring(page, `[data-sim="${c.id}"]`, () => c.interact(sim, page));
      expect(await runningMotion(page)).toEqual([]);
      // Before and after the change: at most two distinct drawings, never the frames in between.
      if (c.charts) expect(frames).toBeLessThanOrEqual(2);
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior)).not.toBe('smooth');
      watch.check();
    });
  }

  test('game day console: the clock runs and the charts update without animating', async ({ page }) => {
    const watch = guard(page);
    await page.goto('/game-day/');
    await expect(page.locator('.gd-console[data-ready="true"]')).toBeVisible({ timeout: 20_000 });
    const start = page.getByRole('button', { name: 'Start the game day' });
    const frames = await chartFramesDuring(page, '.gd-console', () => pressOn(page, start, 'Enter'), 700);
    expect(await runningMotion(page)).toEqual([]);
    expect(frames).toBeLessThanOrEqual(3); // at most one clock tick lands in the window
    watch.check();
  });
});

test('without reduced motion, charts animate to their new state', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  const c = cases[0]!;
  const sim = await reach(page, c);
  await expect(sim.locator('.recharts-surface').first()).toBeVisible();
  await page.waitForTimeout(1_800); // let the first draw finish
  const frames = await chartFramesDuring(page, `[data-sim="${c.id}"]`, () => c.interact(sim, page));
  expect(frames).toBeGreaterThan(3);
});

test('without reduced motion, a new fault animates the golden signals but the moving clock does not', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  const c = cases.find((x) => x.id === 'golden-signals')!;
  const sim = await reach(page, c);
  await expect(sim.locator('.recharts-surface').first()).toBeVisible();
  // The simulator opens at minute 0, before the outcome: show the whole hour first (a clock move).
  const slider = sim.getByRole('slider');
  await pressOn(page, slider, 'End');
  await page.waitForTimeout(1_800); // let the first draw finish
  const inject = sim.getByRole('button', { name: 'Inject', exact: true });
  expect(await chartFramesDuring(page, `[data-sim="${c.id}"]`, () => pressOn(page, inject, 'Enter'))).toBeGreaterThan(3);
  await page.waitForTimeout(1_800);
  // The time slider moves the clock: each step is drawn at once (before and after only).
  expect(await chartFramesDuring(page, `[data-sim="${c.id}"]`, () => pressOn(page, slider, 'Home'))).toBeLessThanOrEqual(2);
});
