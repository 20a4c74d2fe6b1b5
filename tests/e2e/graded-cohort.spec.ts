/**
 * The graded-cohort build: no reference solution, no hint or lesson code that quotes one, and no
 * hidden test in any built file, and the workbench says plainly that the solution is not available.
 *
 * `dist-course/` is that build (`npm run build:base`: `BASE_PATH=/course/ GRADED_COHORT=1`, beside
 * the main build in `npm run build:all`), so checking it costs CI no extra build. Every file of it
 * is searched (HTML, JS, JSON, the service worker and every file it precaches, Pagefind's index and
 * fragments unpacked) for every exercise's solution lines and strings, quoting hints and hidden
 * tests (`leak-scan.ts` says what and how). The self-paced build (`dist/`) is searched the same way
 * and must contain every solution needle (so the cohort scan cannot pass by looking for the wrong
 * thing) and no hidden test; both must contain every visible test's needles.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '../../scripts/static-server.mjs';
import { exerciseIds, findNeedles, hiddenTestNeedles, solutionNeedles, visibleTestNeedles, type Needle } from './leak-scan';
import { allAxeViolations, dist, guard } from './site';

const cohortDist = join(import.meta.dirname, '..', '..', 'dist-course');
const COHORT_BASE = '/course/';

/** Every needle of every exercise. */
async function allNeedles() {
  const ids = exerciseIds();
  const solution = ids.flatMap(solutionNeedles);
  const hidden = (await Promise.all(ids.map(hiddenTestNeedles))).flat();
  const visible = (await Promise.all(ids.map(visibleTestNeedles))).flat();
  return { ids, solution, hidden, visible };
}

/** "exercise · kind · text -> files", one line per needle, for a readable failure. */
const describe = (entries: [Needle, string[]][]) => entries.map(([n, files]) => `${n.exercise} · ${n.kind} · ${n.shown.slice(0, 100)}${files.length ? ` -> ${files.slice(0, 3).join(', ')}` : ''}`);

/** The files the service worker precaches (its manifest's URLs, relative to the build). */
function precached(dir: string): string[] {
  const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
  const manifest = JSON.parse(/const MANIFEST = (\{.*?\});/.exec(sw)![1]!) as { urls: string[] };
  return manifest.urls.map((url) => (url === '' || url.endsWith('/') ? `${url}index.html` : url));
}

/** Checks that a scan read every kind of file that could carry a solution. */
function expectEveryKindScanned(dir: string, files: string[], ids: string[]) {
  const scanned = new Set(files);
  for (const id of ids) expect(scanned.has(`exercises/${id}/index.html`), `exercises/${id}/index.html`).toBe(true);
  expect(files.filter((f) => f.startsWith('lessons/') && f.endsWith('.html')).length).toBeGreaterThan(5);
  expect(files.filter((f) => /^_astro\/.*\.js$/.test(f)).length).toBeGreaterThan(20);
  expect(files.filter((f) => f.endsWith('.pf_fragment')).length).toBeGreaterThan(5);
  expect(files.some((f) => f.endsWith('.pf_index'))).toBe(true);
  expect(scanned.has('sw.js')).toBe(true);
  const saved = precached(dir);
  expect(saved.length).toBeGreaterThan(50);
  expect(saved.filter((f) => !scanned.has(f))).toEqual([]);
}

test.describe('what each build ships', () => {
  test.describe.configure({ timeout: 120_000 });

  test('the graded-cohort build (dist-course/) has no solution, no hint or lesson code quoting one, and no hidden test', async () => {
    if (!existsSync(join(cohortDist, 'index.html'))) throw new Error(`${cohortDist} has no build: run \`npm run build:base\` first (BASE_PATH=/course/ GRADED_COHORT=1)`);
    const { ids, solution, hidden, visible } = await allNeedles();
    expect(ids.length).toBeGreaterThanOrEqual(12);
    const { found, files } = findNeedles(cohortDist, [...solution, ...hidden, ...visible]);
    expectEveryKindScanned(cohortDist, files, ids);
    const leaks = [...found].filter(([n, where]) => !n.kind.startsWith('visible') && where.length > 0);
    expect(describe(leaks)).toEqual([]);
    // The control: what the site does ship was found, so the scan reads the formats it ships in.
    expect(describe([...found].filter(([n, where]) => n.kind.startsWith('visible') && where.length === 0))).toEqual([]);
  });

  test('the self-paced build (dist/) has every solution (the scan finds what it looks for) and no hidden test', async () => {
    const { ids, solution, hidden, visible } = await allNeedles();
    const { found, files } = findNeedles(dist, [...solution, ...hidden, ...visible]);
    expectEveryKindScanned(dist, files, ids);
    // Every needle of every kind exists, and each is found on its exercise's page.
    for (const kind of ['solution line', 'solution string', 'quoting hint'] as const) expect(solution.filter((n) => n.kind === kind).length, kind).toBeGreaterThan(0);
    const missing = [...found].filter(([n, where]) => !n.kind.startsWith('hidden') && !where.includes(`exercises/${n.exercise}/index.html`));
    expect(describe(missing)).toEqual([]);
    expect(hidden.length).toBeGreaterThan(ids.length * 3);
    expect(describe([...found].filter(([n, where]) => n.kind.startsWith('hidden') && where.length > 0))).toEqual([]);
  });
});

test.describe('the workbench in the graded-cohort build', () => {
  let server: Awaited<ReturnType<typeof serveStatic>>;
  test.beforeAll(async () => {
    server = await serveStatic({ dir: cohortDist, base: COHORT_BASE, port: 0, gzip: false });
  });
  test.afterAll(async () => server?.close());

  test('after three failed runs it says the solution is not available in this course, with no button for it', async ({ page }) => {
    test.setTimeout(120_000);
    const watch = guard(page);
    await page.goto(new URL(`${COHORT_BASE}exercises/histogram-quantile/`, server.url).href);
    const workbench = page.locator('.rl-workbench');
    await expect(workbench).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
    const panel = page.locator('#rl-wb-solution');
    await expect(panel).toContainText('Not available in this course');
    for (let i = 1; i <= 3; i++) {
      await page.getByRole('button', { name: /^Run tests/ }).click();
      await expect(workbench).toHaveAttribute('data-runs', String(i), { timeout: 30_000 });
      await expect(page.locator('.rl-wb-summary')).toContainText(/^0 of \d+ tests passed/);
    }
    await expect(panel).toContainText('Not available in this course: your exercises are graded');
    await expect(panel.locator('pre')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /solution/i })).toHaveCount(0);
    // Task 1 lost a hint that quotes the solution; the task says so, and keeps the others.
    const hint = page.locator('.rl-hint').first();
    await hint.locator('summary').click();
    await expect(hint).toContainText('One hint for this task quotes the reference solution, so it is not shown in this course.');
    await expect(hint).toContainText('Check yourself on p50');
    const results = await new AxeBuilder({ page }).exclude('.monaco-editor').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    expect(results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
    watch.check();
  });

  test("a lesson's code that is an exercise's solution is replaced by a note that links to the exercise", async ({ page }) => {
    const watch = guard(page);
    await page.goto(new URL(`${COHORT_BASE}lessons/post-mortems/`, server.url).href);
    const note = page.locator('.rl-withheld').filter({ hasText: 'A code example is left out here' }).first();
    await expect(note).toBeVisible();
    const link = note.getByRole('link');
    await expect(link).toHaveAttribute('href', /^\/course\/exercises\/[a-z-]+\/$/);
    expect(await allAxeViolations(page)).toEqual([]);
    // The exercise it names is a built page (check-links follows every link of the build too).
    const href = (await link.getAttribute('href'))!;
    expect(existsSync(join(cohortDist, href.slice(COHORT_BASE.length), 'index.html'))).toBe(true);
    watch.check();
  });
});
