/**
 * The real peer: Prometheus itself (`promtool test rules`) runs the rules of `rules.ts` on the
 * simulator's traffic, and must fire exactly when the simulator says.
 *
 * For each case below: a built-in scenario generates traffic; the per-step counts become
 * cumulative `http_requests_total` counters (promtool series notation); the simulator's
 * `evaluate` runs the same page and ticket rules on the same counts; and every chosen
 * evaluation time becomes an `alert_rule_test` whose `exp_alerts` is what the simulator says is
 * firing then (an empty list when it is not). Nothing expected is written by hand.
 *
 * Why Prometheus and the simulator can agree exactly, not just approximately:
 *
 * 1. Grid. The simulator's sample at `t = k*S` covers `((k-1)*S, k*S]`. The counters are
 *    sampled at `t = 0, S, 2S, ...` (`interval: S`), value 0 at t = 0 and, at `k*S`, the sum of
 *    simulator samples 1..k. Rules are evaluated every S (`evaluation_interval: S`), i.e. at the
 *    simulator's sample times, and we only check times `k*S` with k >= 1.
 * 2. Window. In Prometheus 2.x (Debian's 2.42 included) a range selector `[W]` at time T holds
 *    the samples with `T - W <= t <= T`, both ends closed. W is a multiple of S, so it holds the
 *    samples at `T - W` and `T`, and the increase is `C(T) - C(T - W)`: exactly the simulator's
 *    sum over `(T - W, T]`.
 * 3. Extrapolation. `rate()` extrapolates by the gaps between the first/last sample and the
 *    range's edges. Here both gaps are 0 (samples sit on the edges), so the factor is exactly 1
 *    and `rate = increase / W` for every series. When T < W the first sample in range is the one
 *    at t = 0 with value 0, and Prometheus never extrapolates a counter below zero (the gap to
 *    the start is clamped to the "duration to zero", 0), so again `rate = increase / W`: the
 *    simulator's "the window holds only the samples there are". `rate()` needs two samples; at
 *    T >= S there are always at least two (t = 0 and T).
 * 4. Ratios. Prometheus divides `sum(e_j / W)` by `sum(n_j / W)`, the simulator `e / n`; both
 *    are within a few ulps of the exact quotient. Prometheus computes the threshold
 *    `(14.4 * 0.001)` in float64 (0.014400000000000001), the simulator rounds it to 12
 *    significant digits (0.0144). These differences can only decide a strict `>` when a ratio
 *    is within ~1e-12 (relative) of its threshold, i.e. exactly on it. Such knife-edge points
 *    (|ratio - threshold| <= 1e-9 * threshold) are left out and counted; the simulator's rule
 *    for them is documented in `alertThreshold`.
 * 5. Empty windows. The simulator's ratio is 0, Prometheus's is NaN (0 / 0): neither is above a
 *    positive threshold.
 * 6. Evaluation order. The alerts read the recording rules; `group_eval_order` makes promtool
 *    evaluate the recording group first at each time, so the alerts see this step's ratios (a
 *    real server evaluates groups independently and may read the previous step's).
 *
 * Prometheus 3 made range selectors left-open (`T - W < t <= T`): the window would hold one
 * sample fewer and `rate()` would extrapolate, so this exact agreement is a 2.x property.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatWindow } from '../core/duration';
import { alertThreshold, evaluate, scenario, slidingErrorRatio, type ScenarioName, type Series } from './model';
import { prometheusRuleSpec, rulesYaml, type RulesSpec } from './rules';
import { findPromtool } from './promtool-path';

const MINUTE = 60;
const HOUR = 3_600;
const DAY = 86_400;

const promtool = findPromtool();

/** One simulator run turned into a promtool test file. */
interface Case {
  id: string;
  scenario: ScenarioName;
  seed: string;
  sloPercent: number;
  periodDays: number;
  sloth: boolean;
  service: string;
  stepSeconds: number;
  days: number;
  eventStartSeconds: number;
}

/**
 * Short runs (events start a few hours in, not a day) so Prometheus evaluates a few thousand
 * steps per case. The windows still fill: every case is longer than its 3d window or its event.
 */
const CASES: Case[] = [
  { id: 'total-outage', scenario: 'total-outage', seed: '1', sloPercent: 99.9, periodDays: 30, sloth: false, service: 'payment-api', stepSeconds: MINUTE, days: 0.75, eventStartSeconds: 6 * HOUR },
  { id: 'fast-burn', scenario: 'fast-burn', seed: '2', sloPercent: 99.9, periodDays: 30, sloth: true, service: 'payment-api', stepSeconds: MINUTE, days: 1, eventStartSeconds: 6 * HOUR },
  { id: 'flapping', scenario: 'flapping', seed: '3', sloPercent: 99.95, periodDays: 28, sloth: true, service: 'checkout', stepSeconds: MINUTE, days: 0.5, eventStartSeconds: 3 * HOUR },
  { id: 'low-traffic', scenario: 'low-traffic', seed: '4', sloPercent: 99.9, periodDays: 30, sloth: true, service: 'search.v2', stepSeconds: MINUTE, days: 1.25, eventStartSeconds: 2 * HOUR },
  { id: 'slow-burn-5m', scenario: 'slow-burn', seed: '5', sloPercent: 99.9, periodDays: 30, sloth: true, service: 'ledger', stepSeconds: 5 * MINUTE, days: 3.75, eventStartSeconds: 6 * HOUR },
  { id: 'ticket-leak-5m', scenario: 'ticket-leak', seed: '6', sloPercent: 99.95, periodDays: 28, sloth: false, service: 'ledger', stepSeconds: 5 * MINUTE, days: 5.5, eventStartSeconds: 6 * HOUR },
];

/** Routine evaluation points: every this many seconds, plus the steps around every change. */
const EVERY_SECONDS = 10 * MINUTE;

/**
 * Promtool's expanding notation for a counter: runs with a constant increment become
 * `a+dxN` (N + 1 values a, a+d, ..., a+N*d); single values stay as they are.
 */
function seriesNotation(values: number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < values.length) {
    const a = values[i]!;
    if (i + 1 >= values.length) {
      parts.push(String(a));
      break;
    }
    const d = values[i + 1]! - a;
    let j = i + 1;
    while (j + 1 < values.length && values[j + 1]! - values[j]! === d) j++;
    const n = j - i;
    parts.push(n >= 2 ? `${a}+${d}x${n}` : String(a));
    i = n >= 2 ? j + 1 : i + 1;
  }
  return parts.join(' ');
}

/** The inverse, for testing the notation itself. */
function expandNotation(text: string): number[] {
  return text.split(' ').flatMap((part) => {
    const m = /^(-?\d+)\+(-?\d+)x(\d+)$/.exec(part);
    if (!m) return [Number(part)];
    const [a, d, n] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return Array.from({ length: n + 1 }, (_, k) => a + k * d);
  });
}

/**
 * Splits the simulator's counts over four series so the PromQL selectors are exercised:
 * 5xx errors as 500 and 503, good requests as 200 and 404 (a 4xx is not an error).
 */
function counterSeries(series: Series, service: string): { labels: string; values: number[] }[] {
  const split = {
    '200': (good: number) => good - Math.floor(good / 20),
    '404': (good: number) => Math.floor(good / 20),
    '500': (bad: number) => bad - Math.floor(bad / 3),
    '503': (bad: number) => Math.floor(bad / 3),
  } as const;
  return (Object.keys(split) as (keyof typeof split)[]).map((code) => {
    const values = [0];
    for (const s of series.samples) {
      const part = code.startsWith('5') ? split[code](s.errors) : split[code](s.requests - s.errors);
      values.push(values[values.length - 1]! + part);
    }
    return { labels: `http_requests_total{service="${service}",code="${code}"}`, values };
  });
}

interface Generated {
  c: Case;
  spec: RulesSpec;
  testYaml: string;
  /** Evaluation times checked (each checks every alert). */
  points: number;
  /** alert_rule_test entries. */
  entries: number;
  firingEntries: number;
  /** Points left out for one alert because a ratio sat on its threshold. */
  knifeEdges: number;
  /** Firing intervals per alert name, for the report and the negative control. */
  intervals: Record<string, { firedAt: number; resolvedAt: number | null }[]>;
}

const q = (s: string) => JSON.stringify(s);

function yamlMap(indent: string, entries: Record<string, string>): string[] {
  return Object.entries(entries).map(([k, v]) => `${indent}${k}: ${q(v)}`);
}

/** Builds the promtool test file for a case, with expectations from the simulator. */
function generate(c: Case, options: { ruleFile: string; tamper?: boolean } = { ruleFile: 'rules.yml' }): Generated {
  const spec = prometheusRuleSpec({ sloPercent: c.sloPercent, periodSeconds: c.periodDays * DAY, service: c.service, sloth: c.sloth });
  const sc = scenario(c.scenario, { slo: spec.slo, seed: c.seed, stepSeconds: c.stepSeconds, days: c.days, eventStartSeconds: c.eventStartSeconds });
  const { series } = sc;
  const step = c.stepSeconds;
  series.samples.forEach((s, i) => {
    if (s.t !== (i + 1) * step) throw new Error(`${c.id}: sample ${i} at ${s.t}, expected ${(i + 1) * step}`);
  });
  const ev = evaluate(series, spec.slo, spec.alerts.map((a) => a.rule), { states: true });
  const n = series.samples.length;

  // Which sample indices to check: every EVERY_SECONDS, the last one, and the steps right
  // before, at and after every firing and resolution.
  const chosen = new Set<number>([n - 1]);
  for (let i = 0; i < n; i++) if (series.samples[i]!.t % EVERY_SECONDS === 0) chosen.add(i);
  for (const r of ev.rules) {
    for (const f of r.intervals) {
      for (const at of [f.firedAt, f.resolvedAt]) {
        if (at === null) continue;
        const i = at / step - 1;
        for (const k of [i - 1, i, i + 1]) if (k >= 0 && k < n) chosen.add(k);
      }
    }
  }
  const indices = [...chosen].sort((a, b) => a - b);

  // Knife edges: a ratio within 1e-9 (relative) of its threshold at a chosen time.
  const ratioCache = new Map<number, Float64Array>();
  const ratio = (w: number) => ratioCache.get(w) ?? ratioCache.set(w, slidingErrorRatio(series, w)).get(w)!;
  const onEdge = (alertIndex: number, i: number) =>
    spec.alerts[alertIndex]!.rule.pairs.some((p) => {
      const threshold = alertThreshold(p.factor, spec.errorBudget);
      return [p.longSeconds, p.shortSeconds].some((w) => w !== null && Math.abs(ratio(w)[i]! - threshold) <= 1e-9 * threshold);
    });

  // The negative control claims the page alert fires one step before the simulator says.
  const pageIndex = spec.alerts.findIndex((a) => a.rule.severity === 'page');
  const tamperAt = options.tamper ? ev.rules[pageIndex]!.intervals[0]!.firedAt / step - 2 : -1;

  const lines: string[] = [
    `# Generated by simulations/burn-rate/promtool.test.ts from the simulator's ${c.scenario} scenario (seed ${c.seed}).`,
    `rule_files:`,
    `  - ${q(options.ruleFile)}`,
    `evaluation_interval: ${formatWindow(step)}`,
    `group_eval_order:`,
    `  - ${q(spec.recordingGroup)}`,
    `  - ${q(spec.alertGroup)}`,
    `tests:`,
    `  - interval: ${formatWindow(step)}`,
    `    input_series:`,
  ];
  for (const s of counterSeries(series, c.service)) {
    lines.push(`      - series: ${q(s.labels)}`, `        values: ${q(seriesNotation(s.values))}`);
  }
  lines.push(`    alert_rule_test:`);
  let entries = 0;
  let firingEntries = 0;
  let knifeEdges = 0;
  for (const i of indices) {
    if (options.tamper && i > tamperAt + 1) break;
    spec.alerts.forEach((a, k) => {
      if (onEdge(k, i)) {
        knifeEdges++;
        return;
      }
      const firing = ev.rules[k]!.states![i] === 'firing' || (k === pageIndex && i === tamperAt);
      entries++;
      lines.push(`      - eval_time: ${series.samples[i]!.t}s`, `        alertname: ${a.alert}`);
      if (!firing) {
        lines.push(`        exp_alerts: []`);
        return;
      }
      firingEntries++;
      lines.push(
        `        exp_alerts:`,
        `          - exp_labels:`,
        ...yamlMap('              ', { sloth_service: c.service, ...a.labels }),
        `            exp_annotations:`,
        ...yamlMap('              ', a.annotations),
      );
    });
  }
  const intervals = Object.fromEntries(spec.alerts.map((a, k) => [a.alert, ev.rules[k]!.intervals]));
  return { c, spec, testYaml: lines.join('\n') + '\n', points: indices.length, entries, firingEntries, knifeEdges, intervals };
}

function run(cmd: string, args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Writes a case's rule file and test file into a fresh directory; returns the directory. */
function writeCase(g: Generated, name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `rlab-promtool-${name}-`));
  dirs.push(dir);
  writeFileSync(join(dir, 'rules.yml'), rulesYaml(g.spec));
  writeFileSync(join(dir, 'test.yml'), g.testYaml);
  return dir;
}

describe('promtool series notation', () => {
  it('round-trips counters, compressing constant increments', () => {
    const values = [0, 10, 20, 30, 31, 33, 33, 33, 33, 40, 41];
    const text = seriesNotation(values);
    expect(text).toBe('0+10x3 31 33+0x3 40 41');
    expect(expandNotation(text)).toEqual(values);
    for (const c of CASES.slice(0, 2)) {
      const g = generate(c);
      const sc = scenario(c.scenario, { slo: g.spec.slo, seed: c.seed, stepSeconds: c.stepSeconds, days: c.days, eventStartSeconds: c.eventStartSeconds });
      for (const s of counterSeries(sc.series, c.service)) expect(expandNotation(seriesNotation(s.values))).toEqual(s.values);
    }
  });
});

describe.sequential('Prometheus (promtool test rules) agrees with the simulator', () => {
  const generated = CASES.map((c) => generate(c));

  it('the generated cases are not trivial: both alerts fire and resolve, at edges the tests check', () => {
    const fired = (alert: string) => generated.filter((g) => (g.intervals[alert] ?? []).some((f) => f.resolvedAt !== null)).length;
    expect(fired('ErrorBudgetBurnPage')).toBeGreaterThanOrEqual(3);
    expect(fired('ErrorBudgetBurnTicket')).toBeGreaterThanOrEqual(2);
    // Some alert resolves and fires again (low traffic pages once per single failure).
    expect(generated.some((g) => Object.values(g.intervals).some((iv) => iv.length >= 2))).toBe(true);
    for (const g of generated) expect(g.firingEntries).toBeGreaterThan(0);
  });

  it.skipIf(!promtool)(`promtool passes every generated case${promtool ? '' : ' (skipped: promtool not installed; apt-get install prometheus)'}`, async () => {
    const results = await Promise.all(
      generated.map(async (g) => {
        const dir = writeCase(g, g.c.id);
        return { g, ...(await run(promtool!, ['test', 'rules', 'test.yml'], dir)) };
      }),
    );
    for (const { g, code, output } of results) {
      expect(output, `${g.c.id}: promtool output`).toContain('SUCCESS');
      expect(code, `${g.c.id}: ${output.slice(0, 4000)}`).toBe(0);
    }
    const sum = (f: (g: Generated) => number) => generated.reduce((s, g) => s + f(g), 0);
    const lines = generated.map(
      (g) =>
        `  ${g.c.id.padEnd(15)} ${g.c.sloPercent}%/${g.c.periodDays}d${g.c.sloth ? ' sloth' : ''}, step ${formatWindow(g.c.stepSeconds)}: ` +
        `${g.points} times, ${g.entries} alert checks (${g.firingEntries} firing), knife edges skipped ${g.knifeEdges}; ` +
        Object.entries(g.intervals).map(([a, iv]) => `${a} ${iv.map((f) => `${f.firedAt}-${f.resolvedAt ?? 'end'}`).join(',') || 'never'}`).join('; '),
    );
    console.log(
      `promtool agreed with the simulator on ${sum((g) => g.entries)} alert_rule_test cases ` +
        `(${sum((g) => g.firingEntries)} firing) at ${sum((g) => g.points)} evaluation times in ${generated.length} scenarios; ` +
        `knife edges skipped: ${sum((g) => g.knifeEdges)}\n${lines.join('\n')}`,
    );
    expect(sum((g) => g.knifeEdges)).toBeLessThanOrEqual(sum((g) => g.entries) / 100);
  });

  it.skipIf(!promtool)('negative control: promtool rejects an expectation one step off the simulator', async () => {
    const g = generate(CASES[0]!, { ruleFile: 'rules.yml', tamper: true });
    const dir = writeCase(g, 'tampered');
    const { code, output } = await run(promtool!, ['test', 'rules', 'test.yml'], dir);
    expect(code).not.toBe(0);
    expect(output).toContain('ErrorBudgetBurnPage');
  });
});
