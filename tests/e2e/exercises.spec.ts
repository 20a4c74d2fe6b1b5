/**
 * Exercises in the browser: the histogram-quantile page with Monaco and the sandbox. The solution
 * passes, the starter fails, endless loops time out while the page stays responsive, hostile code
 * earns nothing and reaches nothing, drafts survive a reload, reset and the solution work, the
 * lesson shows a light card, and the page passes axe and works from the keyboard.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { guard, useTheme } from './site';
import { SANDBOX_CSP } from '../../src/lib/grading/browser-sandbox';

const root = join(import.meta.dirname, '..', '..');
const folder = join(root, 'exercises', 'histogram-quantile');
const solution = readFileSync(join(folder, 'solution.ts'), 'utf8');
const starter = readFileSync(join(folder, 'starter.ts'), 'utf8');
const visibleCount = [...readFileSync(join(folder, 'tests.visible.ts'), 'utf8').matchAll(/\{ id: '/g)].length;
const PAGE = '/exercises/histogram-quantile/';

/** Opens the exercise page and waits for the editor. */
async function openExercise(page: Page) {
  await page.goto(PAGE);
  await expect(page.locator('.rl-workbench[data-ready="true"]')).toBeVisible({ timeout: 30_000 });
}

/** Replaces the editor's content as a learner pasting would, and checks it arrived intact. */
async function setCode(page: Page, code: string) {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((text) => navigator.clipboard.writeText(text), code);
  // Click the line-number gutter: a click on the code could land on a hover widget.
  await page.locator('.rl-wb-editor').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await page.locator('.rl-wb-editor .monaco-editor .margin').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
  await expect.poll(() => page.evaluate(() => (window as any).rlabWorkbench.value() as string)).toBe(code);
}

/** Runs the tests with the button and waits for the summary. */
async function runTests(page: Page) {
  // The workbench counts finished runs in data-runs.
  const runs = Number(await page.locator('.rl-workbench').getAttribute('data-runs'));
  await page.getByRole('button', { name: /^Run tests/ }).click();
  await expect(page.locator('.rl-workbench')).toHaveAttribute('data-runs', String(runs + 1), { timeout: 30_000 });
  return page.locator('.rl-wb-summary');
}

/** The solution with an endless loop in one test (a plain loop) and one after an await (a microtask). */
const looping = solution
  .replace(/(export function histogramQuantile\([^)]*\)[^{]*\{)/, '$1\n  if (q > 1) { while (true) {} }')
  .replace(/(export function errorRatio\([^)]*\)[^{]*\{)/, '$1\n  if (after.total === before.total) { void Promise.resolve().then(() => { while (true) {} }); }');

test.describe('the histogram-quantile exercise', () => {
  test('the solution passes every visible test, with the score and no request to other hosts', async ({ page }) => {
    const g = guard(page);
    const started = Date.now();
    await openExercise(page);
    const editorMs = await page.evaluate(() => performance.getEntriesByName('rlab:editor-ready')[0]?.startTime ?? -1);
    await setCode(page, solution);
    const summary = await runTests(page);
    await expect(summary).toContainText(`${visibleCount} of ${visibleCount} tests passed`);
    await expect(summary).toContainText(`score ${visibleCount} / ${visibleCount} points`);
    await expect(summary).toBeFocused();
    await expect(page.locator('.rl-wb-test[data-status="passed"]')).toHaveCount(visibleCount);
    const runText = (await summary.textContent()) ?? '';
    const runMs = Number(/(\d+) ms/.exec(runText)?.[1]);
    // The list page and the page's own status line show the pass.
    await expect(page.locator('.rl-exercise-meta [data-exercise-status]')).toHaveText(`Passed: ${visibleCount} of ${visibleCount} visible tests`);
    await page.goto('/exercises/');
    await expect(page.locator('[data-exercise-status="histogram-quantile"]')).toHaveText(`Passed: ${visibleCount} of ${visibleCount} visible tests`);
    g.check();
    const out = join(root, 'test-results');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'exercise-run.json'), JSON.stringify({ editorReadyMs: editorMs, runMs, wallMs: Date.now() - started }, null, 2));
    console.log(`exercise page: editor ready ${Math.round(editorMs)} ms after navigation; ${visibleCount} visible tests ran in ${runMs} ms`);
  });

  test('the starter fails every test with "Not implemented"', async ({ page }) => {
    const g = guard(page);
    await openExercise(page);
    expect(await page.evaluate(() => (window as any).rlabWorkbench.value())).toBe(starter);
    const summary = await runTests(page);
    await expect(summary).toContainText(`0 of ${visibleCount} tests passed`);
    await expect(page.locator('.rl-wb-test[data-status="error"]')).toHaveCount(visibleCount);
    for (const message of await page.locator('.rl-wb-message').allTextContents()) expect(message).toMatch(/Not implemented/);
    g.check();
  });

  test('endless loops time out, the page stays responsive, and the next run works', async ({ page }) => {
    const g = guard(page);
    await openExercise(page);
    await setCode(page, looping);
    await page.getByRole('button', { name: /^Run tests/ }).click();
    await expect(page.locator('.rl-wb-progress')).toContainText(/Running test \d of \d/);
    // While a test loops in the sandbox, the page answers: a hint opens, script runs, Stop is enabled.
    const hint = page.locator('details.rl-hint').first();
    await hint.locator('summary').click();
    await expect(hint).toHaveAttribute('open', '');
    expect(await page.evaluate(() => 6 * 7)).toBe(42);
    await expect(page.getByRole('button', { name: 'Stop' })).toBeEnabled();
    await expect(page.getByRole('button', { name: /^Run tests/ })).toBeEnabled({ timeout: 30_000 });
    const summary = page.locator('.rl-wb-summary');
    await expect(summary).toContainText(`${visibleCount - 2} of ${visibleCount} tests passed`);
    for (const id of ['q-above-one', 'ratio-no-requests']) {
      const row = page.locator(`.rl-wb-test[data-test="${id}"]`);
      await expect(row).toHaveAttribute('data-status', 'timeout');
      await expect(row).toContainText('Timed out after 2000 ms');
    }
    await setCode(page, solution);
    await expect(await runTests(page)).toContainText(`${visibleCount} of ${visibleCount} tests passed`);
    g.check();
  });

  test('Stop ends a looping run at once', async ({ page }) => {
    await openExercise(page);
    await setCode(page, solution.replace(/(export function histogramQuantile\([^)]*\)[^{]*\{)/, '$1\n  while (true) {}'));
    await page.getByRole('button', { name: /^Run tests/ }).click();
    await expect(page.locator('.rl-wb-progress')).toContainText('Running test 1 of');
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(page.locator('.rl-wb-summary')).toContainText('stopped', { timeout: 1_000 });
    await expect(page.locator('.rl-wb-test[data-status="not-run"]').first()).toBeVisible();
    await expect(page.locator('iframe[sandbox]')).toHaveCount(0);
  });

  test('hostile code reaches no network, storage or page, and earns no pass', async ({ page }) => {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await openExercise(page);
    await page.evaluate(() => localStorage.setItem('rlab:canary', 'still here'));
    const port = new URL(page.url()).port;
    const spy = `
const seen: Record<string, string> = {};
const g = globalThis as any;
const attempt = (name: string, f: () => unknown) => { try { const v = f(); seen[name] = typeof v === 'object' && v !== null ? 'object' : String(v); } catch (e) { seen[name] = 'threw'; } };
attempt('fetch', () => g.fetch('http://127.0.0.1:${port}/hostile-fetch'));
attempt('fetchRelative', () => g.fetch('/'));
attempt('xhr', () => { const x = new g.XMLHttpRequest(); x.open('GET', 'http://127.0.0.1:${port}/hostile-xhr'); x.send(); return 'sent'; });
attempt('ws', () => new g.WebSocket('ws://127.0.0.1:${port}/hostile-ws'));
attempt('importScripts', () => g.importScripts('http://127.0.0.1:${port}/hostile-import.js'));
attempt('localStorage', () => g.localStorage.getItem('rlab:canary'));
attempt('clear', () => g.localStorage.clear());
attempt('parentDocument', () => g.parent.document.title);
attempt('indexedDB', () => g.indexedDB.open('x'));
attempt('caches', () => g.caches.keys());
attempt('protoFetch', () => Object.getPrototypeOf(Object.getPrototypeOf(g)).fetch);
// Forged reports: every visible test "passes", on the worker's own channel and on every port we can find.
for (const id of ['p99-lesson', 'p90-lesson', 'p50-first-bucket', 'q-above-one', 'no-traffic', 'ratio-simple', 'ratio-no-requests']) {
  attempt('post-' + id, () => g.postMessage({ type: 'result', id, ok: true, value: 0.8333333333333334 }));
  attempt('post2-' + id, () => g.postMessage({ channel: 'rlab-sandbox', kind: 'runner', message: { type: 'result', id, ok: true, value: { $: 'NaN' } } }));
}
export interface Bucket { le: number; rate: number }
export interface Scrape { total: number; errors: number }
export function histogramQuantile(q: number, buckets: readonly Bucket[]): number { return JSON.stringify(seen) as unknown as number; }
export function errorRatio(before: Scrape, after: Scrape): number { return -1; }
`;
    await setCode(page, spy);
    await runTests(page);
    await expect(page.locator('.rl-wb-summary')).toContainText(`0 of ${visibleCount} tests passed`);
    const message = (await page.locator('.rl-wb-test[data-test="p99-lesson"] .rl-wb-message').textContent()) ?? '';
    for (const name of ['fetch', 'fetchRelative', 'xhr', 'ws', 'importScripts', 'localStorage', 'clear', 'parentDocument', 'indexedDB', 'caches']) {
      expect(message, name).toContain(`\\"${name}\\":\\"threw\\"`);
    }
    expect(message).toContain('\\"protoFetch\\":\\"undefined\\"');

    // Tampering with built-ins while returning the right answers: nothing counts.
    const tamper = `${solution}
const realIs = Object.is;
Object.is = (a: unknown, b: unknown) => true;
const realStringify = JSON.stringify;
JSON.stringify = ((v: unknown) => realStringify({ type: 'result', ok: true })) as typeof JSON.stringify;
void realIs;`;
    await setCode(page, tamper);
    await runTests(page);
    await expect(page.locator('.rl-wb-summary')).toContainText(`0 of ${visibleCount} tests passed`);
    await expect(page.locator('.rl-wb-message').first()).toContainText('changed built-ins');
    expect(await page.evaluate(() => localStorage.getItem('rlab:canary'))).toBe('still here');
    expect(requests.filter((u) => /hostile/.test(u) || !/^(http:\/\/127\.0\.0\.1|blob:|data:)/.test(u))).toEqual([]);
  });

  test("the sandbox's CSP alone blocks the network for a blob worker in the opaque-origin frame", async ({ page }) => {
    await openExercise(page);
    const url = new URL('/csp-probe', page.url()).href;
    const said = await page.evaluate(
      ([csp, target]) =>
        new Promise<string[]>((resolve) => {
          const seen: string[] = [];
          const worker = `fetch(${JSON.stringify(target)}).then(() => postMessage('fetched'), (e) => postMessage('fetch blocked: ' + e.name))`;
          const frame = document.createElement('iframe');
          frame.setAttribute('sandbox', 'allow-scripts');
          frame.hidden = true;
          frame.srcdoc = `<meta http-equiv="Content-Security-Policy" content="${csp}"><script>
            try { localStorage.length; parent.postMessage('storage open', '*'); } catch (e) { parent.postMessage('storage blocked: ' + e.name, '*'); }
            try { parent.document.title; parent.postMessage('page open', '*'); } catch (e) { parent.postMessage('page blocked: ' + e.name, '*'); }
            const w = new Worker(URL.createObjectURL(new Blob([${JSON.stringify(worker)}])));
            w.onmessage = (m) => parent.postMessage(m.data, '*');
          <\/script>`;
          addEventListener('message', (e) => {
            if (e.source !== frame.contentWindow) return;
            seen.push(String(e.data));
            if (seen.length === 3) resolve(seen.sort());
          });
          document.body.append(frame);
        }),
      [SANDBOX_CSP, url] as const,
    );
    expect(said).toEqual(['fetch blocked: TypeError', 'page blocked: SecurityError', 'storage blocked: SecurityError']);
  });

  test('the draft survives a reload, and Reset brings back the starter', async ({ page }) => {
    await openExercise(page);
    const draft = `${starter}\n// my notes: rank = q * total\n`;
    await setCode(page, draft);
    await page.waitForTimeout(700); // the draft is saved 400 ms after the last keystroke
    await page.reload();
    await expect(page.locator('.rl-workbench[data-ready="true"]')).toBeVisible({ timeout: 30_000 });
    expect(await page.evaluate(() => (window as any).rlabWorkbench.value())).toBe(draft);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Reset to starter' }).click();
    await expect.poll(() => page.evaluate(() => (window as any).rlabWorkbench.value())).toBe(starter);
    await page.waitForTimeout(200);
    await page.reload();
    await expect(page.locator('.rl-workbench[data-ready="true"]')).toBeVisible({ timeout: 30_000 });
    expect(await page.evaluate(() => (window as any).rlabWorkbench.value())).toBe(starter);
  });

  test('a damaged saved draft is backed up and reported, not lost', async ({ page }) => {
    await page.addInitScript(() => {
      if (!sessionStorage.getItem('seeded')) {
        sessionStorage.setItem('seeded', '1');
        localStorage.setItem('rlab:exercise-drafts', '{"version":1,"data":{"histogram-quantile":{"code":42}}');
      }
    });
    await openExercise(page);
    await expect(page.locator('.rl-notice')).toContainText('exercise-drafts');
    const backups = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('rlab:backup:exercise-drafts:')));
    expect(backups).toHaveLength(1);
    expect(await page.evaluate(() => (window as any).rlabWorkbench.value())).toBe(starter);
  });

  test('the solution appears after three failed runs (and on request before)', async ({ page }) => {
    await openExercise(page);
    const panel = page.locator('#rl-wb-solution');
    await expect(panel.locator('pre')).toHaveCount(0);
    for (let i = 1; i <= 3; i++) {
      await expect(await runTests(page)).toContainText(`0 of ${visibleCount}`);
      if (i < 3) await expect(panel.locator('pre')).toHaveCount(0);
    }
    await expect(panel.locator('pre')).toContainText('export function histogramQuantile');
    await expect(panel).toContainText('Shown after 3 runs');
  });

  test('the solution can be requested early, with a confirmation', async ({ page }) => {
    await openExercise(page);
    page.once('dialog', (d) => void d.dismiss());
    await page.getByRole('button', { name: 'Show solution' }).click();
    await expect(page.locator('#rl-wb-solution pre')).toHaveCount(0);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Show solution' }).click();
    await expect(page.locator('#rl-wb-solution pre')).toContainText('export function errorRatio');
  });

  test('TypeScript errors show in the editor and in the list', async ({ page }) => {
    await openExercise(page);
    await setCode(page, `${starter}\nconst wrong: number = 'text';\n`);
    await expect(page.locator('.rl-wb-diag').first()).toContainText(/not assignable to type 'number'/, { timeout: 20_000 });
    await expect(page.locator('.rl-wb-editor .squiggly-error').first()).toBeAttached();
  });

  test('keyboard: hints, Run and the results are reachable; Ctrl+M lets Tab leave the editor; Ctrl+Enter runs', async ({ page }) => {
    await openExercise(page);
    const seen: string[] = [];
    await page.locator('body').focus();
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const d = await page.evaluate(() => {
        const a = document.activeElement as HTMLElement | null;
        return a ? `${a.tagName.toLowerCase()}|${a.textContent?.trim().slice(0, 40) ?? ''}|${a.closest('.monaco-editor') ? 'editor' : ''}` : '';
      });
      seen.push(d);
      if (d.endsWith('|editor')) break;
    }
    expect(seen.some((s) => s.startsWith('summary|Show hint for task 1'))).toBe(true);
    expect(seen.some((s) => s.startsWith('button|Run tests'))).toBe(true);
    expect(seen.at(-1)).toMatch(/\|editor$/);
    // In the editor, Ctrl+Enter runs; Ctrl+M makes Tab move focus on to the results.
    await page.keyboard.press('Control+Enter');
    await expect(page.locator('.rl-wb-summary')).toBeFocused({ timeout: 30_000 });
    await page.locator('.rl-wb-editor .monaco-editor textarea').focus();
    await page.keyboard.press('Control+M');
    let reached = false;
    for (let i = 0; i < 10 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.classList.contains('rl-wb-test-list') ?? false);
    }
    expect(reached).toBe(true);
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`axe finds no serious violations (${theme} theme, Monaco's own DOM excluded)`, async ({ page }) => {
      await useTheme(page, theme);
      await openExercise(page);
      await runTests(page);
      await page.locator('details.rl-hint').first().locator('summary').click();
      const results = await new AxeBuilder({ page }).exclude('.monaco-editor').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
      const serious = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      expect(serious).toEqual([]);
      // Monaco follows the page's theme (its root gets the base theme's class).
      expect(await page.locator('.rl-wb-editor .monaco-editor').getAttribute('class')).toContain(theme === 'light' ? ' vs' : 'vs-dark');
      // Monaco's own DOM passes too, with the contrast fixes of our themes.
      const inside = (await new AxeBuilder({ page }).include('.monaco-editor').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()).violations;
      expect(inside.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
    });
  }

  test('at 375 px the page does not scroll sideways, also once the solution shows', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await openExercise(page);
    await runTests(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    // The solution's long lines scroll inside its box; they used to widen the whole page.
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Show solution' }).click();
    await expect(page.locator('#rl-wb-solution pre')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });
});

test('the lesson shows the exercise card and never loads Monaco', async ({ page }) => {
  const g = guard(page);
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  await page.goto('/lessons/observability/');
  const card = page.locator('[data-exercise-card="histogram-quantile"]');
  await expect(card).toContainText('histogram_quantile and the error ratio');
  await expect(card.getByRole('link', { name: /Open the exercise/ })).toHaveAttribute('href', PAGE);
  await expect(card.locator('[data-exercise-status]')).toHaveText('Not started');
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 600) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 20));
    }
  });
  await page.waitForLoadState('networkidle');
  expect(urls.filter((u) => /monaco|ts\.worker|editor\.worker/i.test(u))).toEqual([]);
  await card.getByRole('link', { name: /Open the exercise/ }).click();
  await expect(page).toHaveURL(new RegExp(`${PAGE}$`));
  g.check();
});

test('weight of the exercise page (gzipped), for the report', async ({ page }) => {
  const sizes: Promise<{ url: string; size: number; type: string }>[] = [];
  page.on('response', (res) => sizes.push(res.body().then((b) => ({ url: res.url(), size: gzipSync(b).length, type: res.request().resourceType() }), () => ({ url: res.url(), size: 0, type: 'other' }))));
  await openExercise(page);
  await page.waitForLoadState('networkidle');
  const all = await Promise.all(sizes);
  const kb = (pick: (r: { url: string; type: string }) => boolean) => Math.round(all.filter(pick).reduce((s, r) => s + r.size, 0) / 1024);
  const figures = { totalKb: kb(() => true), scriptKb: kb((r) => r.type === 'script'), workerKb: kb((r) => /worker/i.test(r.url)), cssKb: kb((r) => r.type === 'stylesheet') };
  mkdirSync(join(root, 'test-results'), { recursive: true });
  writeFileSync(join(root, 'test-results', 'exercise-weight.json'), JSON.stringify(figures, null, 2));
  console.log(`exercise page weight (gz): ${JSON.stringify(figures)}`);
  expect(figures.totalKb).toBeGreaterThan(0);
});

// Hidden tests and solutions in the built files, for every exercise and both builds: graded-cohort.spec.ts.
