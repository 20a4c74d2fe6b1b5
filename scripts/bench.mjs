// @ts-check
/**
 * `npm run bench`: every figure the course promises, in one run, against the committed budgets
 * in `tests/budgets.json`.
 *
 * 1. Build time.
 * 2. Per page type (home, lessons, exercise, drills, game day), in Chromium on a phone viewport
 *    against a gzip static server: JS and CSS before interaction, total transfer, and the same
 *    after scrolling through the page without touching it.
 * 3. Lighthouse scores (performance, accessibility, best practices, SEO) in mobile emulation.
 * 4. The simulators' headless cases against their 16 ms budget, the grader against vitest (200
 *    submissions), and a browser interaction against its 100 ms budget.
 *
 * Options: `--no-build` (use dist/ as it is), `--no-lighthouse`, `--runs N` (Lighthouse runs per
 * page, median kept; default 3), `--grader-count N` and `--grader-baseline N` (submissions graded,
 * and how many of them vitest runs before extrapolating), `--no-grader`.
 * Results go to stdout and `.bench/results.json`. Timings are reported, not enforced; byte
 * budgets are also enforced by tests/e2e/budget.spec.ts.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { register } from 'tsx/esm/api';
import { kb, weighInBrowser } from './browser-weight.mjs';
import { benchSimulators } from './bench-simulators.mjs';
import { CHROMIUM_FLAGS, chromiumPath } from './chromium.mjs';
import { CATEGORIES, runLighthouse } from './lighthouse.mjs';
import { listPages, monacoFiles, weighPage } from './page-weight.mjs';
import { serveStatic } from './static-server.mjs';

register();

const root = join(import.meta.dirname, '..');
const dist = join(root, process.env.ASTRO_OUT_DIR ?? 'dist');
const args = process.argv.slice(2);
const flag = (/** @type {string} */ name) => args.includes(name);
const option = (/** @type {string} */ name, /** @type {number} */ fallback) => {
  const i = args.indexOf(name);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} needs a number, got ${args[i + 1]}`);
  return value;
};
const lighthouseRuns = option('--runs', 3);
/** @type {{ $comment: string; pageTypes: Record<string, PageTypeBudget> }} */
const budgets = JSON.parse(readFileSync(join(root, 'tests', 'budgets.json'), 'utf8'));
/**
 * @typedef {{ path: string; bytes: Record<string, number>; lighthouse: Record<string, number> }} PageTypeBudget
 */

/** @type {string[]} */
const overBudget = [];
const results = /** @type {Record<string, unknown>} */ ({});
const progress = (/** @type {string} */ message) => process.stderr.write(`  … ${message}\n`);

// 1. Build.
let buildSeconds = null;
if (!flag('--no-build')) {
  progress('astro build');
  const start = process.hrtime.bigint();
  execFileSync(join(root, 'node_modules', '.bin', 'astro'), ['build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  buildSeconds = Number(process.hrtime.bigint() - start) / 1e9;
}
if (!existsSync(join(dist, 'index.html'))) throw new Error(`No build in ${dist}: run without --no-build.`);
const pages = listPages(dist);
console.log(`\nbuild: ${buildSeconds === null ? 'skipped (--no-build)' : `${buildSeconds.toFixed(1)} s`}, ${pages.length} pages`);
results.buildSeconds = buildSeconds;

// Simulator models first, while this process is fresh: after the browser and Lighthouse work the
// burn-rate case measured 27.7 ms here against 13-15 ms alone.
progress('simulator models');
const simulators = await benchSimulators(root);
console.log('\nsimulator models, headless (median ms, ratio to the 16 ms budget):');
for (const s of simulators) {
  if (s.ms > s.budgetMs) overBudget.push(`simulator: ${s.what} ${s.ms} ms`);
  console.log(`  ${s.what.padEnd(72)} ${String(s.ms).padStart(8)} ms  x${s.ratioToBudget}`);
}
results.simulators = simulators;

// Monaco and mermaid only where they are used (static import graph of every page).
const heavy = pages.map((page) => weighPage(dist, page));
results.staticPages = heavy;

// 2. Page types in the browser, first visit, phone viewport, gzip server.
const server = await serveStatic({ dir: dist });
const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: CHROMIUM_FLAGS,
});
/** @type {Record<string, { onLoad: import('./browser-weight.mjs').Weight; afterScroll: import('./browser-weight.mjs').Weight }>} */
const weights = {};
try {
  for (const [type, budget] of Object.entries(budgets.pageTypes)) {
    progress(`weighing ${type} (${budget.path})`);
    const url = new URL(budget.path.replace(/^\//, ''), server.url).href;
    weights[type] = {
      onLoad: await weighInBrowser(browser, url, { scroll: false }),
      afterScroll: await weighInBrowser(browser, url, { scroll: true }),
    };
  }
} finally {
  await browser.close();
}
results.pageTypes = weights;

const measuredBytes = (/** @type {string} */ type) => {
  const w = weights[type];
  if (!w) return {};
  return {
    jsOnLoadKB: w.onLoad.js,
    cssKB: w.onLoad.css,
    transferOnLoadKB: w.onLoad.total,
    jsAfterScrollKB: w.afterScroll.js,
    transferAfterScrollKB: w.afterScroll.total,
  };
};
const cell = (/** @type {number} */ value, /** @type {number | undefined} */ budget, /** @type {string} */ label) => {
  const over = budget !== undefined && value > budget;
  if (over) overBudget.push(label);
  return `${kb(value)}${budget === undefined ? '' : ` / ${kb(budget)}`}${over ? ' OVER' : ''}`;
};
console.log('\nper page type, first visit on a phone viewport, gzipped (measured / budget):');
console.log(
  `${'page type'.padEnd(26)} ${'JS before interaction'.padEnd(26)} ${'CSS'.padEnd(22)} ${'transfer on load'.padEnd(24)} ${'JS after scrolling'.padEnd(26)} transfer after scrolling`,
);
for (const [type, budget] of Object.entries(budgets.pageTypes)) {
  const m = /** @type {Record<string, number>} */ (measuredBytes(type));
  // Budgets are in KB (1,024 bytes); measurements in bytes.
  const b = Object.fromEntries(Object.entries(budget.bytes).map(([k, v]) => [k, v * 1024]));
  console.log(
    [
      type.padEnd(26),
      cell(m.jsOnLoadKB ?? 0, b.jsOnLoadKB, `${type}: JS before interaction`).padEnd(26),
      cell(m.cssKB ?? 0, b.cssKB, `${type}: CSS`).padEnd(22),
      cell(m.transferOnLoadKB ?? 0, b.transferOnLoadKB, `${type}: transfer on load`).padEnd(24),
      cell(m.jsAfterScrollKB ?? 0, b.jsAfterScrollKB, `${type}: JS after scrolling`).padEnd(26),
      cell(m.transferAfterScrollKB ?? 0, b.transferAfterScrollKB, `${type}: transfer after scrolling`),
    ].join(' '),
  );
}
const monaco = monacoFiles(dist);
const usesMonaco = heavy.filter((p) => [...p.eagerFiles, ...p.lazyFiles].some((f) => monaco.has(f.split('/').pop() ?? ''))).map((p) => p.page);
const usesMermaid = heavy.filter((p) => [...p.eagerFiles, ...p.lazyFiles].some((f) => /mermaid/i.test(f))).map((p) => p.page);
console.log(`\nMonaco can load on ${usesMonaco.length} pages (${summarise(usesMonaco)}); mermaid on ${usesMermaid.length} (${summarise(usesMermaid)}).`);
results.loadsOnlyWhereUsed = { monaco: usesMonaco, mermaid: usesMermaid };

// 3. Lighthouse, mobile emulation.
if (!flag('--no-lighthouse')) {
  const urls = Object.fromEntries(Object.entries(budgets.pageTypes).map(([type, b]) => [type, new URL(b.path.replace(/^\//, ''), server.url).href]));
  const scores = await runLighthouse(Object.values(urls), { runs: lighthouseRuns, onProgress: progress });
  console.log(`\nLighthouse, mobile emulation, median of ${lighthouseRuns} (score / target):`);
  console.log(`${'page type'.padEnd(26)} ${CATEGORIES.map((c) => c.padEnd(16)).join(' ')} FCP, LCP, TBT, CLS`);
  /** @type {Record<string, unknown>} */
  const lh = {};
  for (const [type, url] of Object.entries(urls)) {
    const r = scores[url];
    if (!r) continue;
    lh[type] = r;
    const targets = budgets.pageTypes[type]?.lighthouse ?? {};
    const row = CATEGORIES.map((c) => {
      const target = targets[c];
      const below = target !== undefined && r[c] < target;
      if (below) overBudget.push(`${type}: Lighthouse ${c} ${r[c]} < ${target}`);
      return `${r[c]}${target === undefined ? '' : ` / ${target}`}${below ? ' LOW' : ''}`.padEnd(16);
    });
    console.log(`${type.padEnd(26)} ${row.join(' ')} ${r.fcpMs} ms, ${r.lcpMs} ms, ${r.tbtMs} ms, ${r.cls}${r.failing.length ? `  (not passing: ${r.failing.join(', ')})` : ''}`);
  }
  results.lighthouse = lh;
}
await server.close();

// 4. Grader and browser interaction.

if (!flag('--no-grader')) {
  const graderBench = join(root, 'exercises', 'grader', 'bench.ts');
  if (existsSync(graderBench)) {
    const { benchGrader } = await import('../exercises/grader/bench.ts');
    const grader = await benchGrader({
      count: option('--grader-count', 200),
      baselineSample: option('--grader-baseline', 200),
      onProgress: progress,
    });
    results.grader = grader;
    console.log('\ngrader:', formatGrader(grader));
  } else console.log('\ngrader: no exercises/grader/bench.ts');
}

const { benchInteraction } = await import('./bench-interaction.mjs');
const interaction = await benchInteraction(root);
if ('skipped' in interaction) console.log(`\nbrowser interaction: skipped (${interaction.skipped})`);
else {
  const ratio = Math.round((interaction.burnRateScenarioChangeMs / 100) * 100) / 100;
  if (ratio > 1) overBudget.push(`browser interaction ${interaction.burnRateScenarioChangeMs} ms`);
  console.log(`\nbrowser interaction: burn-rate scenario change to next paint, median ${interaction.burnRateScenarioChangeMs} ms (x${ratio} of the 100 ms budget)`);
}
results.interaction = interaction;

console.log(overBudget.length === 0 ? '\nEvery figure is within its budget.' : `\nOver budget (${overBudget.length}):\n  ${overBudget.join('\n  ')}`);
results.overBudget = overBudget;
mkdirSync(join(root, '.bench'), { recursive: true });
writeFileSync(join(root, '.bench', 'results.json'), JSON.stringify(results, null, 2));

/** A short list of pages for a report line. */
function summarise(/** @type {string[]} */ list) {
  if (list.length <= 4) return list.join(', ') || 'none';
  return `${list.slice(0, 3).join(', ')} and ${list.length - 3} more`;
}

/** One line for the grader's result, whatever fields its bench returns. */
function formatGrader(/** @type {any} */ g) {
  if (!g || typeof g !== 'object') return String(g);
  const parts = [];
  if (g.submissions !== undefined) parts.push(`${g.submissions} submissions`);
  if (g.graderMs !== undefined) parts.push(`rlab grade ${(g.graderMs / 1000).toFixed(1)} s in all (${Math.round(g.graderMsPerSubmission)} ms each)`);
  if (g.baselineMs !== undefined)
    parts.push(`vitest once per submission ${(g.baselineMs / 1000).toFixed(1)} s in all${g.baselineExtrapolated ? ' (extrapolated)' : ''} (${Math.round(g.baselineMsPerSubmission)} ms each)`);
  if (g.ratio !== undefined) parts.push(`ratio x${Number(g.ratio).toFixed(2)} per submission (vitest / rlab grade)`);
  if (g.agreement) parts.push(`${g.agreement.agreed} of ${g.agreement.compared} scores agree`);
  return parts.length ? parts.join(', ') : JSON.stringify(g);
}
