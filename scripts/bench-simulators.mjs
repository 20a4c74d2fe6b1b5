// @ts-check
/**
 * The simulators' headless cases for `npm run bench`: each model's full evaluation, timed as the
 * median of several runs and reported against the 16 ms a drag may take (one frame at 60 Hz), the
 * budget their issues set. Needs `tsx` registered by the caller (the models are TypeScript).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Median wall time in ms of `fn`, after one warm-up call. */
export function medianMs(/** @type {() => unknown} */ fn, runs = 7) {
  fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)] ?? 0;
}

/**
 * @typedef {{ what: string; ms: number; budgetMs: number; ratioToBudget: number }} SimulatorCase
 */

/** @param {string} root the project folder */
export async function benchSimulators(root) {
  const BUDGET_MS = 16;
  /** @type {SimulatorCase[]} */
  const cases = [];
  const add = (/** @type {string} */ what, /** @type {number} */ ms) =>
    cases.push({ what, ms: round(ms), budgetMs: BUDGET_MS, ratioToBudget: round(ms / BUDGET_MS) });

  const { benchBurnRate } = await import('../simulations/burn-rate/bench.ts');
  const all = benchBurnRate({ rules: 'all' });
  add(`burn-rate: ${all.samples.toLocaleString('en')} samples (90 days at 1 min), all six approaches`, all.ms);
  const six = benchBurnRate({ rules: 'multiwindow' });
  add('burn-rate: same samples, multiwindow only', six.ms);

  const { runGoldenSignals, PAYMENT_API } = await import('../simulations/golden-signals/model.ts');
  add(
    'golden signals: one hour with an error burst',
    medianMs(() => runGoldenSignals(PAYMENT_API, [{ kind: 'error-burst', startSeconds: 600, endSeconds: 1200, value: 0.2 }], { seed: 1, durationSeconds: 3600 })),
  );

  const { runCanary, DEFAULT_CONFIG } = await import('../simulations/canary/model.ts');
  /** @type {import('../simulations/canary/model.ts').CanaryConfig} */
  const bad = { ...DEFAULT_CONFIG, newVersion: { fault: 'error-ratio', value: 0.02 } };
  add('canary: rollout of a 2%-error version (Argo policy)', medianMs(() => runCanary(bad, 1)));

  const { analyzeTeam, SOURCE_TEAM } = await import('../simulations/toil-roi/model.ts');
  add("toil and ROI: the source's three-person team", medianMs(() => analyzeTeam(SOURCE_TEAM)));

  const { executeRunbook } = await import('../simulations/runbook-automation/model.ts');
  const { CONNECTION_POOL_RUNBOOK } = await import('../simulations/runbook-automation/connection-pool.ts');
  add('runbook automation: the connection-pool runbook', medianMs(() => executeRunbook(CONNECTION_POOL_RUNBOOK, { seed: 1 })));

  const { stateAt } = await import('../simulations/incident/engine.ts');
  const { builtInScenarios } = await import('../simulations/incident/scenarios.ts');
  const run = JSON.parse(readFileSync(join(root, 'simulations/incident/fixtures/database-outage.good.json'), 'utf8'));
  const scenario = builtInScenarios[run.scenario];
  if (!scenario) throw new Error(`bench: no scenario ${run.scenario}`);
  add('incident: replay of a 240-minute run (stateAt)', medianMs(() => stateAt(scenario, run.seed, run.actions, 240)));
  return cases;
}

/** Rounds to three significant decimals for small numbers, two otherwise. */
function round(/** @type {number} */ n) {
  const digits = Math.abs(n) < 0.1 ? 4 : Math.abs(n) < 1 ? 3 : 2;
  return Number(n.toFixed(digits));
}
