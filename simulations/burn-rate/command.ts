/**
 * `rlab burn-rate`: replays a series (a CSV file or a built-in scenario) against burn-rate
 * alerts and prints when each fired and resolved, the budget spent and when it ran out.
 */
import { formatOptions, numberOption, parseArgs, readInput, UsageError, type Command, type Io, type OptionsSpec, type OptionValues } from '../core/command';
import { formatDuration, formatWindow, parseDuration } from '../core/duration';
import { clip, listProblems, MAX_LISTED_PROBLEMS, quote } from '../core/input';
import { parseSeed, SEED_RULE } from '../core/seed';
import {
  allowedDowntimeSeconds,
  errorBudget,
  evaluate,
  isScenarioName,
  MAX_PERIOD_SECONDS,
  MAX_SCENARIO_DAYS,
  MAX_SERIES_STEPS,
  MAX_STEP_SECONDS,
  MIN_PERIOD_SECONDS,
  MIN_STEP_SECONDS,
  parseSeriesCsv,
  roundSignificant,
  scenario,
  SCENARIO_NAMES,
  workbookApproaches,
  type Approach,
  type Evaluation,
  type EventWindow,
  type RuleResult,
  type Series,
  type SloSpec,
} from './model';

const OPTIONS = {
  slo: { type: 'string', valueName: 'PERCENT', description: 'SLO target in percent, e.g. 99.95 (default 99.9, as the lesson)' },
  period: { type: 'string', valueName: 'DURATION', description: 'SLO period from 1d to 365d, e.g. 28d (default 30d)' },
  input: { type: 'string', valueName: 'FILE', description: 'series CSV to replay (see below; at most 64 MB)' },
  step: { type: 'string', valueName: 'DURATION', description: 'evaluation step and CSV grid, 1s to 1d, e.g. 15s (default 1m)' },
  scenario: { type: 'string', valueName: 'NAME', description: 'run a built-in scenario instead of --input' },
  seed: { type: 'string', valueName: 'SEED', description: `scenario seed, ${SEED_RULE}; the same seed gives the same run (default 1)` },
  days: { type: 'string', valueName: 'DAYS', description: `scenario length, at most ${MAX_SCENARIO_DAYS} days (default: the scenario's own)` },
  approaches: { type: 'boolean', description: "all six of the Workbook's approaches, not only the multiwindow alerts" },
  sloth: { type: 'boolean', description: "add Sloth's 1d/2h ticket pair (3x on 30 days)" },
  json: { type: 'boolean', description: 'print JSON instead of a table' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
} satisfies OptionsSpec;

const USAGE = `Usage: rlab burn-rate [--slo PERCENT] [--period DURATION] (--input FILE | --scenario NAME) [options]

Replays traffic against SLO burn-rate alerts (Google SRE Workbook, "Alerting on SLOs") and
prints when each alert fired and resolved (seconds from the start of the series), the share of
the period's error budget spent, and when the budget ran out. By default the alerts are the
multiwindow, multi-burn-rate set: page 1h/5m (2% of the budget), page 6h/30m (5%) and
ticket 3d/6h (10%), with factors scaled to the period (14.4, 6, 1 on 30 days).

Options:
${formatOptions(OPTIONS)}

Input CSV, one of two headers:
  t_seconds,error_ratio       each ratio holds until the next row, at constant traffic
  t_seconds,requests,errors   counts for (previous t, t], summed into the step containing t

Scenarios: ${SCENARIO_NAMES.join(', ')}

A series holds at most ${MAX_SERIES_STEPS} steps (30 days at 1s); longer ones need a longer --step.

Exit status: 0 done, 1 the CSV has problems (the first ${MAX_LISTED_PROBLEMS} are listed with their line, then a
count), 2 bad arguments.

Examples:
  rlab burn-rate --scenario total-outage
  rlab burn-rate --slo 99.9 --period 30d --input series.csv --step 15s
  rlab burn-rate --slo 99.9 --scenario flapping --seed 7 --approaches
  rlab burn-rate --slo 99.95 --period 28d --scenario fast-burn --sloth --json
`;

/** The table shows this many firing intervals per alert; `--json` shows all. */
const MAX_TABLE_INTERVALS = 10;

/** The lesson's SLO, the default of `--slo`. */
const DEFAULT_SLO_PERCENT = '99.9';
/** Most bytes of a `--input` CSV (about 2.5 million rows). */
const MAX_CSV_BYTES = 64 * 1024 * 1024;

function parsePercent(text: string): number {
  const m = /^(\d{1,3}(?:\.\d{1,15})?)%?$/.exec(text.trim());
  const value = m ? Number(m[1]) : NaN;
  if (!(value > 0 && value < 100)) throw new UsageError(`--slo must be a percentage between 0 and 100 (exclusive), e.g. 99.9; got ${quote(text)}`);
  return roundSignificant(value / 100);
}

/** Reads a duration option within [min, max] seconds; the message names the range. */
function durationOption(option: string, text: string | undefined, fallback: number, min: number, max: number, example: string): number {
  if (text === undefined) return fallback;
  const seconds = parseDuration(text);
  if (seconds === null || !(seconds >= min && seconds <= max)) {
    throw new UsageError(`--${option} must be a duration from ${formatWindow(min)} to ${formatWindow(max)}, like ${example}; got ${quote(text)}`);
  }
  return seconds;
}

interface Source {
  series: Series;
  event: EventWindow | null;
  describe: Record<string, string | number>;
}

function loadSource(values: OptionValues<typeof OPTIONS>, slo: SloSpec, step: number, io: Io): Source | string[] {
  if (values.input !== undefined && values.scenario !== undefined) throw new UsageError('give either --input or --scenario, not both');
  if (values.input === undefined && values.scenario === undefined) throw new UsageError('give --input FILE or --scenario NAME');
  if (values.input !== undefined) {
    for (const option of ['seed', 'days'] as const) if (values[option] !== undefined) throw new UsageError(`--${option} only applies with --scenario`);
    const read = readInput(io, values.input, MAX_CSV_BYTES, '--input');
    if (!read.ok) throw new UsageError(read.error);
    const parsed = parseSeriesCsv(read.text, step);
    const file = clip(values.input);
    if (!parsed.ok) return listProblems(parsed.errors).map((e) => `${file}: ${e}`);
    return { series: parsed.series, event: null, describe: { input: file } };
  }
  const name = values.scenario!;
  if (!isScenarioName(name)) throw new UsageError(`unknown scenario ${quote(name)}; choose one of: ${SCENARIO_NAMES.join(', ')}`);
  let days: number | undefined;
  if (values.days !== undefined) days = numberOption('days', values.days, { min: 0, minExclusive: true, max: MAX_SCENARIO_DAYS });
  // One seed parser for the CLI and the page URL: `--seed 007` is the browser's seed 7.
  const seed = parseSeed(values.seed ?? '1');
  if (seed === null) throw new UsageError(`--seed must be ${SEED_RULE}; got ${quote(values.seed!)}`);
  try {
    const sc = scenario(name, { slo, seed, stepSeconds: step, ...(days === undefined ? {} : { days }) });
    return { series: sc.series, event: sc.event, describe: { scenario: name, seed, description: sc.description } };
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
}

const pct = (x: number) => `${roundSignificant(x * 100, 4)}%`;
const windows = (r: RuleResult, key: 'longSeconds' | 'shortSeconds') =>
  r.rule.pairs.map((p) => (p[key] === null ? '-' : formatWindow(p[key]!))).join(' or ');

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => '  ' + r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd()).join('\n');
}

function ruleRows(r: RuleResult, withEvent: boolean): string[][] {
  const head = [
    r.rule.severity,
    windows(r, 'longSeconds'),
    windows(r, 'shortSeconds'),
    r.rule.pairs.map((p) => String(p.factor)).join(' or '),
    r.rule.forSeconds ? formatWindow(r.rule.forSeconds) : '-',
  ];
  const detection = withEvent
    ? [
        r.missed ? 'missed' : formatDuration(r.detectionDelaySeconds!),
        r.resetSeconds === null ? '-' : formatDuration(r.resetSeconds),
      ]
    : [];
  const spent = r.budgetSpentAtDetection === null ? '-' : pct(r.budgetSpentAtDetection);
  if (r.intervals.length === 0) return [[...head, 'never', '', ...detection, spent]];
  const shown = r.intervals.slice(0, MAX_TABLE_INTERVALS).map((f, i) => {
    const left = i === 0 ? head : head.map(() => '');
    const right = i === 0 ? [...detection, spent] : [];
    return [...left, String(f.firedAt), f.resolvedAt === null ? 'still firing' : String(f.resolvedAt), ...right];
  });
  const hidden = r.intervals.length - shown.length;
  return hidden > 0 ? [...shown, [...head.map(() => ''), `... ${hidden} more (--json lists all)`]] : shown;
}

function printTable(io: Io, slo: SloSpec, step: number, source: Source, approaches: Approach[], ev: Evaluation): void {
  const { series, event } = source;
  const out: string[] = [];
  const period = formatWindow(slo.periodSeconds);
  out.push(
    `SLO ${pct(slo.target)} over ${period}: error budget ${ev.errorBudget}, ${formatDuration(allowedDowntimeSeconds(slo.target, slo.periodSeconds))} of full outage per ${period}`,
  );
  const n = series.samples.length;
  const span = n > 0 ? `${series.samples[0]!.t - step} s to ${series.samples[n - 1]!.t} s` : 'empty';
  if ('input' in source.describe) out.push(`Input ${source.describe.input}: ${n} samples of ${formatWindow(step)} (${span})`);
  else out.push(`Scenario ${source.describe.scenario} (seed ${source.describe.seed}): ${source.describe.description}; ${n} samples of ${formatWindow(step)}`);
  if (event) out.push(`Event from ${event.startSeconds} s to ${event.endSeconds} s`);
  const header = ['severity', 'long', 'short', 'factor', 'for', 'fired at (s)', 'resolved at (s)', ...(event ? ['detected after', 'reset after'] : []), event ? 'budget spent then' : 'budget spent at first firing'];
  let offset = 0;
  for (const a of approaches) {
    const results = ev.rules.slice(offset, offset + a.rules.length);
    offset += a.rules.length;
    out.push('', `Approach ${a.number}: ${a.label}`, table([header, ...results.flatMap((r) => ruleRows(r, event !== null))]));
  }
  out.push(
    '',
    `Budget spent: ${pct(ev.budgetSpent)} of the ${period} budget by the end of the series`,
    `Budget exhausted: ${ev.exhaustedAt === null ? 'never' : `at ${ev.exhaustedAt} s (${formatDuration(ev.exhaustedAt)})`}`,
  );
  io.stdout(out.join('\n') + '\n');
}

function printJson(io: Io, slo: SloSpec, step: number, source: Source, approaches: Approach[], ev: Evaluation): void {
  let offset = 0;
  const alerts = approaches.flatMap((a) => {
    const results = ev.rules.slice(offset, offset + a.rules.length);
    offset += a.rules.length;
    return results.map((r) => ({
      approach: { number: a.number, id: a.id, label: a.label },
      id: r.rule.id,
      label: r.rule.label,
      severity: r.rule.severity,
      forSeconds: r.rule.forSeconds ?? 0,
      conditions: r.rule.pairs,
      intervals: r.intervals,
      detectedAt: r.detectedAt,
      detectionDelaySeconds: r.detectionDelaySeconds,
      resetSeconds: r.resetSeconds,
      budgetSpentAtDetection: r.budgetSpentAtDetection,
      missed: r.missed,
      firingsOutsideEvent: r.firingsOutsideEvent,
    }));
  });
  const report = {
    slo: { targetPercent: roundSignificant(slo.target * 100), target: slo.target, periodSeconds: slo.periodSeconds },
    errorBudget: ev.errorBudget,
    allowedDowntimeSeconds: allowedDowntimeSeconds(slo.target, slo.periodSeconds),
    stepSeconds: step,
    samples: source.series.samples.length,
    source: source.describe,
    event: source.event,
    alerts,
    budget: { spent: ev.budgetSpent, exhaustedAt: ev.exhaustedAt },
  };
  io.stdout(JSON.stringify(report, null, 2) + '\n');
}

/** The `burn-rate` subcommand. */
export const burnRateCommand: Command = {
  name: 'burn-rate',
  summary: 'replay a series or scenario against SLO burn-rate alerts',
  run(argv, io) {
    const { values, positionals } = parseArgs(argv, OPTIONS);
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${quote(positionals[0]!)}`);
    const target = parsePercent(values.slo ?? DEFAULT_SLO_PERCENT);
    const slo: SloSpec = { target, periodSeconds: durationOption('period', values.period, 30 * 86_400, MIN_PERIOD_SECONDS, MAX_PERIOD_SECONDS, '30d or 28d') };
    if (errorBudget(target) <= 0) throw new UsageError(`--slo ${quote(values.slo!)} leaves no error budget`);
    const step = durationOption('step', values.step, 60, MIN_STEP_SECONDS, MAX_STEP_SECONDS, '15s or 1m');
    const source = loadSource(values, slo, step, io);
    if (Array.isArray(source)) {
      io.stderr(source.join('\n') + '\n');
      return 1;
    }
    const presets = { sloth: values.sloth === true };
    const all = workbookApproaches(slo, presets);
    const approaches = values.approaches ? all : all.filter((a) => a.id === 'multiwindow-multi-burn-rate');
    const ev = evaluate(source.series, slo, approaches.flatMap((a) => a.rules), { event: source.event });
    (values.json ? printJson : printTable)(io, slo, step, source, approaches, ev);
    return 0;
  },
};
