/**
 * `rlab canary`: rolls a new version out through canary steps under one analysis policy and
 * prints every interval's measurements and decision, the outcome, and the cost against a big
 * bang; or the configured policy as Argo Rollouts / Flagger YAML.
 */
import { formatOptions, MAX_JSON_FILE_BYTES, parseArgs, readInput, UsageError, type Command, type Io, type OptionsSpec } from '../core/command';
import { clip, listProblems, quote } from '../core/input';
import { parseSeed, SEED_RULE } from '../core/seed';
import { formatDuration, formatWindow, parseDuration } from '../core/duration';
import { ConfigError, configToJson, MAX_ROLLOUT_STEPS, parseConfigJson, parseNewVersion, parseStepsText, readConfig, stepProblems } from './config';
import { argoRolloutYaml, flaggerCanaryYaml } from './export';
import { DEFAULT_CONFIG, policyNamed, POLICIES, runCanary, type CanaryConfig, type CanaryRun } from './model';

const OPTIONS = {
  config: { type: 'string', valueName: 'FILE', description: 'a JSON config (policy, steps, traffic, newVersion, per-policy settings)' },
  policy: { type: 'string', valueName: 'NAME', description: `analysis policy: ${POLICIES.join(', ')} (default ${DEFAULT_CONFIG.policy})` },
  fault: { type: 'string', valueName: 'FAULT', description: 'the new version: none, error-ratio:0.02 (or 2%), latency-shift:300 (ms)' },
  steps: { type: 'string', valueName: 'STEPS', description: 'canary steps WEIGHT:PAUSE,... (default 5:5m,25:5m,50:5m; then 100%)' },
  interval: { type: 'string', valueName: 'DURATION', description: 'analysis interval, a multiple of 10s (default 1m)' },
  rps: { type: 'string', valueName: 'N', description: 'requests per second across both versions (default 200)' },
  seed: { type: 'string', valueName: 'SEED', description: `${SEED_RULE}; the same seed gives the same traffic (default 1)` },
  json: { type: 'boolean', description: 'print JSON instead of a table' },
  export: { type: 'string', valueName: 'TOOL', description: 'print the configured policy as YAML instead: argo or flagger' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
} satisfies OptionsSpec;

const USAGE = `Usage: rlab canary [--config FILE] [--policy NAME] [--fault FAULT] [--steps STEPS] [--seed N] [--json | --export argo|flagger]

Rolls a new payment-API version out through canary steps (default 5% -> 25% -> 50% -> 100%,
5 minutes each) on seeded traffic (200 req/s, baseline 0.02% 5xx, SLO 99.95%), measuring both
versions every analysis interval, and lets one policy decide after each interval:
  simple   a widely copied rule: canary 5xx ratio > 2x the baseline's, or > 5x the error budget
           ('source', its old name here, is accepted too)
  argo     Argo Rollouts background analysis: successCondition/failureCondition, failureLimit,
           inconclusiveLimit (Inconclusive pauses for a person), consecutiveErrorLimit
  flagger  Flagger: request-success-rate and request-duration checks every interval, one weight up
           per passing interval, rollback when cumulative FailedChecks reach threshold
  kayenta  Kayenta judge once per step: Mann-Whitney U canary vs baseline at 98% confidence,
           score >= 75 passes, >= 50 pauses (Inconclusive), below fails
Prints each interval, the outcome (promoted, rolled back, paused) and what the new version cost
against a big bang (100% at once, caught after the first interval). Flags override the config file.

Options:
${formatOptions(OPTIONS)}

Exit status: 0 done, 2 bad arguments or config.

Examples:
  rlab canary --policy flagger --fault error-ratio:2%
  rlab canary --config simulations/canary/fixtures/argo-inconclusive.json --seed 3 --json
  rlab canary --policy kayenta --fault latency-shift:300 --steps 10:10m,50:10m
  rlab canary --export argo
`;

/** Runs `read`, turning its RangeError into a usage error about `--flag`. */
function asUsage<T>(flag: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(`--${flag}: ${clip(e.message, 300)}`);
    throw e;
  }
}

/** Builds the config from the file (if any) and the flags; throws UsageError naming the problem. */
export function configFromArgs(values: { config?: string; policy?: string; fault?: string; steps?: string; interval?: string; rps?: string; seed?: string }, io: Io): { config: CanaryConfig; seed: string } {
  let config = DEFAULT_CONFIG;
  let seed = '1';
  if (values.config !== undefined) {
    const read = readInput(io, values.config, MAX_JSON_FILE_BYTES, '--config');
    if (!read.ok) throw new UsageError(read.error);
    try {
      const parsed = parseConfigJson(read.text);
      config = parsed.config;
      if (parsed.seed !== null) seed = parsed.seed;
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      const problems = listProblems(e.problems);
      throw new UsageError(`${clip(values.config)}: ${problems.length === 1 ? problems[0] : `\n  ${problems.join('\n  ')}`}`);
    }
  }
  if (values.policy !== undefined) {
    const policy = policyNamed(values.policy);
    if (policy === undefined) throw new UsageError(`--policy must be one of ${POLICIES.join(', ')}; got ${quote(values.policy)}`);
    config = { ...config, policy };
  }
  if (values.fault !== undefined) config = { ...config, newVersion: asUsage('fault', () => parseNewVersion(values.fault!)) };
  if (values.interval !== undefined) {
    const seconds = parseDuration(values.interval);
    if (seconds === null || seconds < 10 || seconds > 3600 || seconds % 10 !== 0) throw new UsageError(`--interval must be a multiple of 10s from 10s to 1h; got ${quote(values.interval)}`);
    config = { ...config, intervalSeconds: seconds };
  }
  if (values.steps !== undefined) {
    // Counted before parsing: a million commas must not become a million messages.
    const count = values.steps.split(',').length;
    if (count > MAX_ROLLOUT_STEPS) throw new UsageError(`--steps must hold 1 to ${MAX_ROLLOUT_STEPS} steps; got ${count}`);
    config = { ...config, steps: asUsage('steps', () => parseStepsText(values.steps!)) };
  }
  const problems = stepProblems(config.steps, config.intervalSeconds, values.steps !== undefined ? '--steps' : 'steps');
  if (problems.length > 0) throw new UsageError(listProblems(problems).join('; '));
  if (values.rps !== undefined) {
    const rps = Number(values.rps);
    if (!/^\d+(\.\d+)?$/.test(values.rps) || !(rps > 0 && rps <= 100_000)) throw new UsageError(`--rps must be a number above 0 and at most 100000; got ${quote(values.rps)}`);
    config = { ...config, traffic: { ...config.traffic, requestsPerSecond: rps } };
  }
  if (values.seed !== undefined) {
    // The browser's seed parser: `--seed 007` is the page's seed 7, `abc` is refused.
    const parsed = parseSeed(values.seed);
    if (parsed === null) throw new UsageError(`--seed must be ${SEED_RULE}; got ${quote(values.seed)}`);
    seed = String(parsed);
  }
  // Re-validate the merged config with the file's rules (the flags may have changed what they depend on).
  const recheck = readConfig(configToJson(config));
  if (recheck.problems.length > 0) throw new UsageError(listProblems(recheck.problems).join('; '));
  return { config, seed };
}

const fixed = (x: number | null, digits: number) => (x === null || !Number.isFinite(x) ? '-' : x.toFixed(digits));
const percent = (x: number | null, digits = 3) => (x === null ? '-' : (x * 100).toFixed(digits));

/** Columns of numbers right-aligned, others left-aligned. */
function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const numeric = rows[0]!.map((_, c) => rows.slice(1).every((r) => /^-?[\d.]+$|^-$/.test(r[c] ?? '')));
  const pad = (cell: string, c: number) => (numeric[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!));
  return rows.map((r) => ('  ' + r.map(pad).join('  ')).trimEnd()).join('\n');
}

/** "ROLLED BACK at 2m (step 1, weight 5%): reason". */
export function outcomeLine(run: CanaryRun): string {
  const o = run.outcome;
  const word = o.result === 'promoted' ? 'PROMOTED' : o.result === 'rolled-back' ? 'ROLLED BACK' : 'PAUSED';
  return `${word} after ${formatDuration(o.atSeconds)} (step ${o.stepIndex + 1}, canary weight ${o.weight}%): ${o.reason}.`;
}

function printTable(io: Io, run: CanaryRun): void {
  const c = run.config;
  const nv = c.newVersion.fault === 'none' ? 'as good as the current one' : c.newVersion.fault === 'error-ratio' ? `${fixed(c.newVersion.value * 100, 2)}% 5xx` : `+${c.newVersion.value} ms latency`;
  const out = [
    `Canary rollout of payment-api, policy ${c.policy}, seed ${run.seed}: new version ${nv}`,
    `Traffic ${c.traffic.requestsPerSecond} req/s, baseline ${fixed(c.traffic.baselineErrorRatio * 100, 3)}% 5xx, SLO ${c.traffic.sloPercent}%, analysis every ${formatWindow(c.intervalSeconds)}`,
    `Steps: ${c.steps.map((s) => `${s.weight}% for ${formatWindow(s.pauseSeconds)}`).join(' -> ')} -> 100%` + (c.policy === 'flagger' ? ' (Flagger: one weight up per passing interval)' : ''),
    '',
    table([
      ['#', 'end', 'weight %', 'canary req', 'canary 5xx %', 'base 5xx %', 'canary p99 ms', 'base p99 ms', 'verdict', 'action', 'analysis'],
      ...run.intervals.map((r) => [
        String(r.index + 1),
        formatWindow(r.endSeconds),
        String(r.weight),
        String(r.canary.requests),
        percent(r.canary.errorRatio),
        percent(r.baseline.errorRatio),
        fixed(r.canary.p99Ms, 0),
        fixed(r.baseline.p99Ms, 0),
        r.verdict,
        r.action,
        r.summary,
      ]),
    ]),
    '',
    `Outcome: ${outcomeLine(run)}`,
    '',
    'What the new version cost (expected failures above the current version, share of the 30-day budget):',
    `  canary:   ${run.cost.canary.requests} requests served, ${fixed(run.cost.canary.excessErrors, 1)} excess failures, ${fixed(run.cost.canary.budgetFraction * 100, 4)}% of the budget` +
      (run.cost.canary.slowedRequests ? `, ${run.cost.canary.slowedRequests} slowed requests` : ''),
    `  big bang: ${run.cost.bigBang.requests} requests served, ${fixed(run.cost.bigBang.excessErrors, 1)} excess failures, ${fixed(run.cost.bigBang.budgetFraction * 100, 4)}% of the budget` +
      (run.cost.bigBang.slowedRequests ? `, ${run.cost.bigBang.slowedRequests} slowed requests` : ''),
    `  ${run.cost.definition}`,
  ];
  io.stdout(out.join('\n') + '\n');
}

function printJson(io: Io, run: CanaryRun): void {
  const report = { seed: run.seed, config: configToJson(run.config), outcome: run.outcome, cost: run.cost, budgetRequests: run.budgetRequests, intervals: run.intervals };
  io.stdout(JSON.stringify(report, null, 2) + '\n');
}

/** The `canary` subcommand. */
export const canaryCommand: Command = {
  name: 'canary',
  summary: 'roll a new version out behind a canary; a simple rule, Argo, Flagger or Kayenta analysis decides',
  run(argv, io) {
    const { values, positionals } = parseArgs(argv, OPTIONS);
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${quote(positionals[0]!)}`);
    if (values.export !== undefined && !['argo', 'flagger'].includes(values.export)) throw new UsageError(`--export must be argo or flagger; got ${quote(values.export)}`);
    if (values.export !== undefined && values.json) throw new UsageError('--export and --json cannot be used together');
    const { config, seed } = configFromArgs(values, io);
    if (values.export !== undefined) {
      io.stdout(values.export === 'argo' ? argoRolloutYaml(config) : flaggerCanaryYaml(config));
      return 0;
    }
    const run = runCanary(config, seed);
    (values.json ? printJson : printTable)(io, run);
    return 0;
  },
};
