/**
 * `rlab golden-signals`: runs the simulated payment API with the faults given, and prints each
 * alert transition and the golden signals minute by minute.
 */
import { formatOptions, parseArgs, UsageError, type Command, type Io, type OptionsSpec } from '../core/command';
import { quote } from '../core/input';
import { parseSeed, SEED_RULE } from '../core/seed';
import { formatWindow, parseDuration } from '../core/duration';
import {
  FAULT_KINDS,
  isFaultKind,
  MAX_FAULTS,
  PAYMENT_API,
  runGoldenSignals,
  validateFault,
  WINDOW_SECONDS,
  type Fault,
  type GoldenSignalsRun,
} from './model';

const OPTIONS = {
  seed: { type: 'string', valueName: 'SEED', description: `${SEED_RULE}; the same seed gives the same run (default 1)` },
  duration: { type: 'string', valueName: 'DURATION', description: 'simulated time, e.g. 30m or 2h (default 1h, at most 7d)' },
  fault: { type: 'string', valueName: 'KIND:START-END:VALUE', description: `inject a fault; repeat the option for several (at most ${MAX_FAULTS})`, multiple: true },
  json: { type: 'boolean', description: 'print JSON instead of a table' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
} satisfies OptionsSpec;

const MAX_DURATION_SECONDS = 7 * 86_400;

const USAGE = `Usage: rlab golden-signals [--seed N] [--duration 1h] [--fault KIND:START-END:VALUE ...] [--json]

Simulates the lesson's payment API (${PAYMENT_API.requestsPerSecond} requests/s, 2% 5xx, 3% 4xx), scraped every
${PAYMENT_API.stepSeconds} s, with the golden signals over a ${formatWindow(WINDOW_SECONDS)} window and three alert rules evaluated
every scrape: error ratio > 5% for 2m, p99 latency of successes > 0.5 s for 5m, CPU > 80% for 10m.
Prints each alert transition (pending, firing, resolved; "inactive" when a pending alert clears
before its "for" passed), then the signals once a minute. Times are seconds from the start.

Options:
${formatOptions(OPTIONS)}

Faults (START and END in seconds or durations like 10m; active from START up to END):
  error-burst:START-END:FRACTION       5xx fraction becomes FRACTION (0.2 or 20%)
  latency-regression:START-END:FACTOR  latency medians multiplied by FACTOR (at most 1000)
  cpu-saturation:START-END:POINTS      CPU raised by POINTS percentage points (-100 to 100)
  traffic-spike:START-END:FACTOR       requests/s multiplied by FACTOR (0 to 1000; 0: traffic stops); CPU follows

Exit status: 0 done, 2 bad arguments.

Examples:
  rlab golden-signals --fault error-burst:600-1200:0.2
  rlab golden-signals --seed 7 --duration 2h --fault latency-regression:10m-40m:5 --fault traffic-spike:1h-1h20m:3
  rlab golden-signals --fault cpu-saturation:600-900:45 --json
`;

/** Parses `KIND:START-END:VALUE`. */
export function parseFault(text: string): Fault {
  const m = /^([a-z-]+):([^:-]+)-([^:-]+):([^:]+)$/.exec(text.trim());
  if (!m) throw new UsageError(`--fault must look like KIND:START-END:VALUE, e.g. error-burst:600-1200:0.2; got ${quote(text)}`);
  const [, kind, startText, endText, valueText] = m as unknown as [string, string, string, string, string];
  if (!isFaultKind(kind)) throw new UsageError(`unknown fault kind ${quote(kind)} in ${quote(text)}; choose one of: ${FAULT_KINDS.join(', ')}`);
  const startSeconds = parseDuration(startText);
  const endSeconds = parseDuration(endText);
  if (startSeconds === null || endSeconds === null) throw new UsageError(`--fault start and end must be seconds or durations like 10m; got ${quote(`${startText}-${endText}`)} in ${quote(text)}`);
  const percent = kind === 'error-burst' && valueText.endsWith('%');
  const numberText = percent ? valueText.slice(0, -1) : valueText;
  if (!/^-?\d{1,16}(?:\.\d{1,16})?$/.test(numberText)) throw new UsageError(`--fault value must be a plain number like 0.2${kind === 'error-burst' ? ' or 20%' : ' or 3'}; got ${quote(valueText)} in ${quote(text)}`);
  const number = Number(numberText);
  const fault: Fault = { kind, startSeconds, endSeconds, value: percent ? number / 100 : number };
  try {
    validateFault(fault);
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(`${e.message} (in ${quote(text)})`);
    throw e;
  }
  return fault;
}

const fixed = (x: number, digits: number) => (Number.isFinite(x) ? x.toFixed(digits) : '-');
const ms = (seconds: number) => fixed(seconds * 1000, 0);

/** Columns of numbers right-aligned (with their heading), others left-aligned. */
function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const numeric = rows[0]!.map((_, c) => rows.slice(1).every((r) => /^-?[\d.]+$|^-$/.test(r[c] ?? '')));
  const pad = (cell: string, c: number) => (numeric[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!));
  return rows.map((r) => ('  ' + r.map(pad).join('  ')).trimEnd()).join('\n');
}

function printTable(io: Io, run: GoldenSignalsRun, seed: number, durationSeconds: number): void {
  const out: string[] = [`Payment API, seed ${seed}, ${formatWindow(durationSeconds)} in steps of ${run.config.stepSeconds} s, signals over ${formatWindow(WINDOW_SECONDS)}`];
  out.push(run.faults.length === 0 ? 'Faults: none' : `Faults: ${run.faults.map((f) => `${f.kind} ${f.value} from ${f.startSeconds} s to ${f.endSeconds} s`).join('; ')}`);
  out.push('', 'Alert events:');
  if (run.events.length === 0) out.push('  none');
  else out.push(table([['at (s)', 'rule', 'state'], ...run.events.map((e) => [String(e.at), e.rule, e.state])]));
  const header = ['min', 'rps', 'errors %', 'p50 ms', 'p90 ms', 'p99 ms', '5xx p99 ms', 'cpu %', ...run.rules.map((r) => r.name)];
  const rows = run.signals.flatMap((s, i) => {
    if (s.t % 60 !== 0) return [];
    return [[
      String(s.t / 60),
      fixed(s.trafficRps, 1),
      fixed(s.errorRatio * 100, 2),
      ms(s.latencyP50),
      ms(s.latencyP90),
      ms(s.latencyP99),
      ms(s.errorLatencyP99),
      fixed(s.cpuPercent, 1),
      ...run.alertStates.map((states) => (states[i] === 'inactive' ? '-' : states[i]!)),
    ]];
  });
  out.push('', 'Signals per minute (- is no data, or an inactive alert):', table([header, ...rows]));
  io.stdout(out.join('\n') + '\n');
}

function printJson(io: Io, run: GoldenSignalsRun, seed: number, durationSeconds: number): void {
  const report = {
    seed,
    durationSeconds,
    stepSeconds: run.config.stepSeconds,
    windowSeconds: WINDOW_SECONDS,
    config: { ...run.config, buckets: run.config.buckets.map((le) => (le === Infinity ? '+Inf' : String(le))) },
    faults: run.faults,
    rules: run.rules,
    events: run.events,
    // NaN (no data) becomes null.
    signals: run.signals.map((s, i) => ({ ...s, alerts: Object.fromEntries(run.rules.map((r, k) => [r.name, run.alertStates[k]![i]])) })),
  };
  io.stdout(JSON.stringify(report, null, 2) + '\n');
}

/** The `golden-signals` subcommand. */
export const goldenSignalsCommand: Command = {
  name: 'golden-signals',
  summary: 'break a simulated payment API and watch the golden signals and alerts',
  run(argv, io) {
    const { values, positionals } = parseArgs(argv, OPTIONS);
    const faultTexts = values.fault ?? [];
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${quote(positionals[0]!)}`);
    // The browser's seed parser: `--seed 007` replays the page's seed 7; `abc` is refused.
    const seed = parseSeed(values.seed ?? '1');
    if (seed === null) throw new UsageError(`--seed must be ${SEED_RULE}; got ${quote(values.seed!)}`);
    if (faultTexts.length > MAX_FAULTS) throw new UsageError(`at most ${MAX_FAULTS} --fault options; got ${faultTexts.length}`);
    let durationSeconds = 3600;
    if (values.duration !== undefined) {
      const d = parseDuration(values.duration);
      if (d === null || d < PAYMENT_API.stepSeconds || d > MAX_DURATION_SECONDS) {
        throw new UsageError(`--duration must be a duration from ${PAYMENT_API.stepSeconds}s to 7d, e.g. 1h; got ${quote(values.duration)}`);
      }
      durationSeconds = d;
    }
    const faults = faultTexts.map(parseFault);
    const late = faults.find((f) => f.startSeconds >= durationSeconds);
    if (late) throw new UsageError(`a fault starts at ${late.startSeconds} s, after the run ends (--duration ${formatWindow(durationSeconds)}); it would never happen`);
    const run = runGoldenSignals(PAYMENT_API, faults, { seed, durationSeconds });
    (values.json ? printJson : printTable)(io, run, seed, durationSeconds);
    return 0;
  },
};
