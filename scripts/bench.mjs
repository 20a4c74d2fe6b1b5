// @ts-check
/**
 * `npm run bench`: build time and page weight per page type.
 * Builds the site (timed), then reports the gzipped JS/CSS each page type ships before
 * interaction and what it may load lazily. Results go to stdout and `.bench/results.json`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { register } from 'tsx/esm/api';
import { listPages, weighPage } from './page-weight.mjs';

register();

const root = join(import.meta.dirname, '..');
const dist = join(root, 'dist');
const skipBuild = process.argv.includes('--no-build');

let buildSeconds = null;
if (!skipBuild) {
  const start = process.hrtime.bigint();
  execFileSync(join(root, 'node_modules', '.bin', 'astro'), ['build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  buildSeconds = Number(process.hrtime.bigint() - start) / 1e9;
}

/** @param {string} page */
const typeOf = (page) => {
  if (page === 'index.html') return 'home';
  if (page === '404.html') return '404';
  if (page.startsWith('lessons/')) return weighPage(dist, page).islands > 0 ? 'lesson with simulators' : 'lesson';
  return 'other';
};

const rows = listPages(dist).map((page) => ({ type: typeOf(page), ...weighPage(dist, page) }));
const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`\nbuild: ${buildSeconds === null ? 'skipped (--no-build)' : `${buildSeconds.toFixed(1)} s`}, ${rows.length} pages\n`);
console.log('page'.padEnd(48), 'JS on load'.padStart(11), 'lazy (max)'.padStart(11), 'CSS'.padStart(10), 'HTML'.padStart(10));
for (const r of rows) {
  console.log(r.page.padEnd(48), kb(r.jsGzip).padStart(11), kb(r.lazyJsGzip).padStart(11), kb(r.cssGzip).padStart(10), kb(r.htmlGzip).padStart(10));
}
/** @type {Record<string, typeof rows>} */
const byType = {};
for (const r of rows) (byType[r.type] ??= []).push(r);
console.log('\nper page type (max over pages, gzipped):');
for (const [type, list] of Object.entries(byType)) {
  const max = (/** @type {'jsGzip'|'lazyJsGzip'|'cssGzip'} */ k) => Math.max(...(list ?? []).map((r) => r[k]));
  console.log(`  ${type.padEnd(24)} JS on load ${kb(max('jsGzip'))}, lazy JS ${kb(max('lazyJsGzip'))}, CSS ${kb(max('cssGzip'))}`);
}
// Simulator models, headless: median ms per full evaluation (the issue's budget: 16 ms per drag).
const { benchBurnRate } = await import('../simulations/burn-rate/bench.ts');
const { runGoldenSignals, PAYMENT_API } = await import('../simulations/golden-signals/model.ts');
const median = (/** @type {() => void} */ fn, runs = 7) => {
  fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return Math.round((times[Math.floor(runs / 2)] ?? 0) * 1000) / 1000;
};
const burnAll = benchBurnRate({ rules: 'all' });
const burnSix = benchBurnRate({ rules: 'multiwindow' });
const goldenMs = median(() =>
  runGoldenSignals(PAYMENT_API, [{ kind: 'error-burst', startSeconds: 600, endSeconds: 1200, value: 0.2 }], { seed: 1, durationSeconds: 3600 }),
);
const { runCanary, DEFAULT_CONFIG: canaryDefaults } = await import('../simulations/canary/model.ts');
/** @type {import('../simulations/canary/model.ts').CanaryConfig} */
const canaryBad = { ...canaryDefaults, newVersion: { fault: 'error-ratio', value: 0.02 } };
const canaryMs = median(() => runCanary(canaryBad, 1));
const { analyzeTeam, SOURCE_TEAM } = await import('../simulations/toil-roi/model.ts');
const toilMs = median(() => analyzeTeam(SOURCE_TEAM));
const { executeRunbook } = await import('../simulations/runbook-automation/model.ts');
const { CONNECTION_POOL_RUNBOOK } = await import('../simulations/runbook-automation/connection-pool.ts');
const runbookMs = median(() => executeRunbook(CONNECTION_POOL_RUNBOOK, { seed: 1 }));
const simulators = {
  burnRateAllApproaches: { ...burnAll, budgetMs: 16, ratioToBudget: Math.round((burnAll.ms / 16) * 100) / 100 },
  burnRateMultiwindow: { ...burnSix, budgetMs: 16, ratioToBudget: Math.round((burnSix.ms / 16) * 100) / 100 },
  goldenSignalsOneHour: { samples: 240, ms: goldenMs, budgetMs: 16, ratioToBudget: Math.round((goldenMs / 16) * 100) / 100 },
  canaryRolloutArgo2pct: { samples: 1, ms: canaryMs, budgetMs: 16, ratioToBudget: Math.round((canaryMs / 16) * 1000) / 1000 },
  toilSourceTeam: { samples: 1, ms: toilMs, budgetMs: 16, ratioToBudget: Math.round((toilMs / 16) * 10000) / 10000 },
  runbookConnectionPool: { samples: 1, ms: runbookMs, budgetMs: 16, ratioToBudget: Math.round((runbookMs / 16) * 10000) / 10000 },
};
console.log('\nsimulator models (median ms, and as a ratio of the 16 ms budget):');
for (const [name, r] of Object.entries(simulators)) console.log(`  ${name.padEnd(24)} ${String(r.samples).padStart(7)} samples  ${String(r.ms).padStart(6)} ms  x${r.ratioToBudget}`);

// A browser interaction: change the burn-rate scenario (up to 7 days at 1-minute steps, all six
// approaches) and wait for the next paint showing the new run. Budget: 100 ms.
const { benchInteraction } = await import('./bench-interaction.mjs');
const interaction = await benchInteraction(root);
if ('skipped' in interaction) console.log(`\nbrowser interaction: skipped (${interaction.skipped})`);
else console.log(`\nbrowser interaction: burn-rate scenario change to next paint, median ${interaction.burnRateScenarioChangeMs} ms (x${Math.round((interaction.burnRateScenarioChangeMs / 100) * 100) / 100} of the 100 ms budget)`);

mkdirSync(join(root, '.bench'), { recursive: true });
writeFileSync(join(root, '.bench', 'results.json'), JSON.stringify({ buildSeconds, pages: rows, simulators, interaction }, null, 2));
