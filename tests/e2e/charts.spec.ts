/**
 * Charts that keep up and axes that read. While a simulator plays (golden signals, the incident,
 * the game day at 1 min/s), each chart's last drawn point is at the clock, not minutes behind it
 * (an animation restarted on every tick never caught up). And no y-axis label is cut by the edge of
 * its chart ("3000" for 33000, "l00%" for 100%), at desktop and phone sizes.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { guard } from './site';

/** Animations on: the lag only shows when charts animate. */
test.beforeEach(async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'no-preference' });
});

async function openSim(page: Page, lesson: string, id: string): Promise<Locator> {
  await page.goto(lesson);
  await page.locator(`[data-simulation="${id}"]`).scrollIntoViewIfNeeded();
  const sim = page.locator(`[data-sim="${id}"]`);
  await expect(sim).toHaveAttribute('data-ready', 'true', { timeout: 45_000 });
  await expect(sim.locator('.recharts-surface').first()).toBeVisible();
  return sim;
}

/**
 * In one synchronous read: the latest minute (by `readLatest`), the clock (by `readClock`) and,
 * for every chart in `scope`, the minute of its drawn lines' last point, from the x axis's own
 * tick positions.
 */
async function readCharts(scope: Locator, readLatest: string, readClock: string): Promise<{ latest: number; clock: number; last: number[] }> {
  return scope.evaluate(
    (root, { readLatest, readClock }) => {
      const run = (source: string) => (new Function('root', source) as (r: Element) => number)(root);
      const latest = run(readLatest);
      const clock = run(readClock);
      const last: number[] = [];
      for (const svg of root.querySelectorAll('svg.recharts-surface')) {
        const ticks = [...svg.querySelectorAll('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value')].map((t) => ({
          value: Number(t.textContent),
          x: Number(t.getAttribute('x')),
        }));
        const first = ticks[0];
        const end = ticks[ticks.length - 1];
        if (!first || !end || end.value === first.value) continue;
        for (const path of svg.querySelectorAll('path.recharts-curve.recharts-line-curve')) {
          const points = [...(path.getAttribute('d') ?? '').matchAll(/(-?[\d.]+),(-?[\d.]+)/g)];
          const x = Number(points[points.length - 1]?.[1]);
          if (!Number.isFinite(x)) continue;
          last.push(first.value + ((x - first.x) / (end.x - first.x)) * (end.value - first.value));
        }
      }
      return { latest, clock, last };
    },
    { readLatest, readClock },
  );
}

/** The minute of the last row of the signals table (the table alternative to the charts). */
const LATEST_TABLE_MINUTE = "const rows = root.querySelectorAll(':is(.rl-incident-table, .gd-signal-table) tbody th[scope=row]'); return Number(rows[rows.length - 1].textContent);";
/** The incident's clock. */
const CLOCK_MINUTE = "return Number(root.getAttribute('data-minute'));";

/**
 * Samples a few times while the clock runs; every drawn line must end at the latest minute
 * (`readLatest`) each time, and that minute must be the clock's (`readClock`), or the minute just
 * before it where the model's signals end at the last whole minute.
 */
async function expectChartsAtClock(page: Page, scope: Locator, readLatest: string, tolerance: number, readClock = readLatest) {
  for (let sample = 0; sample < 4; sample++) {
    await page.waitForTimeout(900);
    const { latest, clock, last } = await readCharts(scope, readLatest, readClock);
    expect(last.length, 'drawn lines').toBeGreaterThan(0);
    expect(clock - latest, `the latest signal (minute ${latest}) is the clock's (${clock})`).toBeLessThanOrEqual(1);
    expect(clock - latest).toBeGreaterThanOrEqual(0);
    for (const minute of last) expect(Math.abs(minute - latest), `a line ends at minute ${minute.toFixed(2)} while the latest signal is at ${latest}`).toBeLessThanOrEqual(tolerance);
  }
}

test('golden signals: while the hour plays, every chart is drawn up to the clock', async ({ page }) => {
  const watch = guard(page);
  const sim = await openSim(page, '/lessons/observability/', 'golden-signals');
  // Play rewinds to minute 0 when the slider is at the end.
  await sim.getByRole('slider').focus();
  await page.keyboard.press('End');
  await sim.getByRole('button', { name: /^Play/ }).click();
  await expectChartsAtClock(page, sim, "return Number(root.querySelector('input[type=range]').value) / 60;", 0.3);
  watch.check();
});

test('incident: while the clock plays at 1 min/s, the charts are drawn up to the minute', async ({ page }) => {
  test.setTimeout(90_000);
  const watch = guard(page);
  const sim = await openSim(page, '/lessons/incident-response/', 'incident');
  await sim.getByRole('button', { name: /^Play/ }).click();
  await expect(sim).toHaveAttribute('data-minute', /^([3-9]|\d\d+)$/, { timeout: 20_000 });
  // The model's signals end at the last whole minute before the clock; its table lists the latest.
  await expectChartsAtClock(page, sim, LATEST_TABLE_MINUTE, 0.3, CLOCK_MINUTE);
  watch.check();
});

test('game day at 1 min/s: the console charts are drawn up to the clock', async ({ page }) => {
  test.setTimeout(90_000);
  const watch = guard(page);
  await page.goto('/game-day/');
  const console_ = page.locator('.gd-console[data-ready="true"]');
  await expect(console_).toBeVisible({ timeout: 45_000 });
  await console_.getByLabel('Clock speed').selectOption('1s');
  await console_.getByRole('button', { name: 'Start the game day' }).click();
  await expect(console_.locator('.recharts-surface').first()).toBeVisible();
  await expect(console_.locator('.gd-clock')).toHaveText(/T\+0:(0[3-9]|[1-5]\d)/, { timeout: 20_000 });
  const readClock = "const m = /T\\+(\\d+):(\\d+)/.exec(root.querySelector('.gd-clock').textContent); return Number(m[1]) * 60 + Number(m[2]);";
  await expectChartsAtClock(page, console_, LATEST_TABLE_MINUTE, 0.3, readClock);
  watch.check();
});

/** Y tick labels whose box leaves their chart's svg (cut off when drawn). */
async function clippedYLabels(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) => {
    const cut: string[] = [];
    for (const svg of root.querySelectorAll('svg.recharts-surface')) {
      const box = svg.getBoundingClientRect();
      for (const text of svg.querySelectorAll('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')) {
        const r = text.getBoundingClientRect();
        if (r.width === 0) continue;
        if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) {
          cut.push(`"${text.textContent}" (${Math.round(r.left - box.left)}..${Math.round(r.right - box.left)} px of ${Math.round(box.width)})`);
        }
      }
    }
    return cut;
  });
}

/** Y tick labels per chart, to check they exist at all (a test of nothing passes nothing). */
const yLabels = (scope: Locator) => scope.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents();

const clipCases: { name: string; open: (page: Page) => Promise<Locator> }[] = [
  {
    name: 'golden signals at the end of the hour',
    open: async (page) => {
      const sim = await openSim(page, '/lessons/observability/', 'golden-signals');
      await sim.getByRole('slider').focus();
      await page.keyboard.press('End');
      return sim;
    },
  },
  {
    name: 'incident after 45 minutes',
    open: async (page) => {
      const sim = await openSim(page, '/lessons/incident-response/', 'incident');
      for (let i = 0; i < 3; i++) await sim.getByRole('button', { name: '+15 min' }).click();
      return sim;
    },
  },
  { name: 'burn rate', open: (page) => openSim(page, '/lessons/sre-practices/', 'burn-rate') },
  {
    name: 'canary to its outcome',
    open: async (page) => {
      const sim = await openSim(page, '/lessons/sre-practices/', 'canary');
      const next = sim.getByRole('button', { name: 'Next interval' });
      for (let i = 0; i < 12 && (await next.isEnabled()) && (await next.getAttribute('aria-disabled')) !== 'true'; i++) await next.click();
      return sim;
    },
  },
  { name: 'toil and ROI', open: (page) => openSim(page, '/lessons/continuous-improvement/', 'toil-roi') },
];

for (const size of [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
]) {
  test.describe(`${size.name}: no y-axis label is cut`, () => {
    test.beforeEach(async ({ page }) => {
      await page.setViewportSize({ width: size.width, height: size.height });
    });
    for (const c of clipCases) {
      test(c.name, async ({ page }) => {
        const sim = await c.open(page);
        await page.waitForTimeout(1_800); // any animation of the last change
        expect((await yLabels(sim)).length).toBeGreaterThan(2);
        expect(await clippedYLabels(sim)).toEqual([]);
      });
    }
    test('game day console after 20 minutes', async ({ page }) => {
      await page.goto('/game-day/');
      const console_ = page.locator('.gd-console[data-ready="true"]');
      await expect(console_).toBeVisible({ timeout: 45_000 });
      await console_.getByLabel('Clock speed').selectOption('1s');
      await console_.getByRole('button', { name: 'Start the game day' }).click();
      await expect(console_.locator('.gd-clock')).toHaveText(/T\+0:(1[5-9]|[2-5]\d)/, { timeout: 40_000 });
      expect((await yLabels(console_)).length).toBeGreaterThan(2);
      expect(await clippedYLabels(console_)).toEqual([]);
    });
  });
}
