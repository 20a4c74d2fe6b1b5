/**
 * SLO burn-rate alerting, after the Google SRE Workbook, "Alerting on SLOs".
 *
 * Pure: no DOM, no Node APIs, no clock. Randomness comes in as a seed. Times are seconds
 * from the start of the series; a sample at `t` covers the interval `(t - step, t]`.
 */
import { formatWindow } from '../core/duration';
import { clip, MAX_LISTED_PROBLEMS, moreProblems } from '../core/input';
import { binomial, createRng, poisson } from '../core/rng';

const MINUTE = 60;
const HOUR = 3_600;
const DAY = 86_400;

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/** A service level objective. */
export interface SloSpec {
  /** Target as a fraction: 0.999 for 99.9%. */
  target: number;
  /** SLO period (the budget's window), e.g. 30 days = 2_592_000. */
  periodSeconds: number;
}

/** Traffic counted over one step: the sample at `t` covers `(t - stepSeconds, t]`. */
export interface Sample {
  t: number;
  requests: number;
  errors: number;
}

/** Evenly stepped traffic, `t` strictly increasing. */
export interface Series {
  stepSeconds: number;
  samples: Sample[];
}

/** Who gets told: a person now (`page`) or a queue (`ticket`). */
export type Severity = 'page' | 'ticket';

/**
 * One condition pair: the error ratio over the long window AND (if given) over the short
 * window must both be above `factor * B`.
 */
export interface ConditionPair {
  longSeconds: number;
  shortSeconds: number | null;
  factor: number;
}

/** An alerting rule: its pairs are OR-ed. */
export interface AlertRule {
  id: string;
  label: string;
  severity: Severity;
  pairs: ConditionPair[];
  /** Prometheus `for:`: the condition must hold at every evaluation this long before firing. */
  forSeconds?: number;
}

/** Prometheus alert states. */
export type AlertState = 'inactive' | 'pending' | 'firing';

/** One stretch of firing; `resolvedAt` is the first evaluation with the condition false. */
export interface FiringInterval {
  firedAt: number;
  resolvedAt: number | null;
}

/** When a scenario's bad event started and ended, in seconds. */
export interface EventWindow {
  startSeconds: number;
  endSeconds: number;
}

// ---------------------------------------------------------------------------------------------
// Workbook arithmetic
// ---------------------------------------------------------------------------------------------

/** Rounds to `digits` significant digits, to strip floating-point noise such as 13.440000000000001. */
export function roundSignificant(x: number, digits = 12): number {
  return x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(digits));
}

/**
 * Error budget ratio `B = 1 - target`. In binary floating point `1 - 0.999` is
 * 0.0010000000000000009, which would shift every threshold; rounding to 12 decimals gives
 * exactly the double nearest 0.001, the same number as the literal `0.001`.
 */
export function errorBudget(target: number): number {
  return Math.round((1 - target) * 1e12) / 1e12;
}

/** Burn rate: how many times faster than "exactly spend the budget over the period". */
export function burnRate(errorRatio: number, budget: number): number {
  return errorRatio / budget;
}

/**
 * Burn factor that spends `percentOfBudget` % of the period's budget within `windowSeconds`:
 * `(X / 100) * period / W` (2% in 1 h of 30 d -> 14.4). Rounded to 12 significant digits.
 */
export function burnFactor(percentOfBudget: number, periodSeconds: number, windowSeconds: number): number {
  return roundSignificant(((percentOfBudget / 100) * periodSeconds) / windowSeconds);
}

/** Seconds until the whole budget is gone at a constant burn rate (`Infinity` at burn 0). */
export function timeToExhaustion(periodSeconds: number, burn: number): number {
  return burn > 0 ? periodSeconds / burn : Infinity;
}

/** Fraction of the period's budget spent by burning at `burn` for `windowSeconds`. */
export function budgetSpent(burn: number, windowSeconds: number, periodSeconds: number): number {
  return (burn * windowSeconds) / periodSeconds;
}

/** Seconds of full outage the SLO allows per period: `B * period`. */
export function allowedDowntimeSeconds(target: number, periodSeconds: number): number {
  return roundSignificant(errorBudget(target) * periodSeconds);
}

/**
 * How long a window of `windowSeconds` at `threshold` keeps firing after an outage at error
 * ratio `errorRatio` (that lasted at least the window) stops: `W * (1 - t / e)`.
 * 0 when the outage never crossed the threshold.
 */
export function resetTimeSeconds(windowSeconds: number, threshold: number, errorRatio: number): number {
  return errorRatio > threshold ? windowSeconds * (1 - threshold / errorRatio) : 0;
}

/**
 * The error-ratio threshold of a condition, `factor * B`, rounded to 12 significant digits.
 * Conditions compare strictly (`ratio > threshold`), so a ratio exactly at the threshold does
 * not fire. The rounding makes that hold for the decimal numbers people write: 14.4 * 0.001 is
 * 0.014400000000000001 in floating point and 13.44 * 0.001 could land just below 0.01344; both
 * become the double nearest the decimal, which is also what `144 / 10000` gives.
 */
export function alertThreshold(factor: number, budget: number): number {
  return roundSignificant(factor * budget);
}

// ---------------------------------------------------------------------------------------------
// Sliding windows
// ---------------------------------------------------------------------------------------------

/** Sample times and prefix sums of requests and errors (`sum[i]` = total of samples before i). */
interface Prepared {
  n: number;
  step: number;
  t: Float64Array;
  requests: Float64Array;
  errors: Float64Array;
}

function prepare(series: Series): Prepared {
  const { samples, stepSeconds } = series;
  if (!(stepSeconds > 0)) throw new RangeError(`stepSeconds must be positive, got ${stepSeconds}`);
  const n = samples.length;
  const t = new Float64Array(n);
  const requests = new Float64Array(n + 1);
  const errors = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const s = samples[i]!;
    if (i > 0 && !(s.t > t[i - 1]!)) throw new RangeError(`sample ${i}: t=${s.t} is not after t=${t[i - 1]}`);
    if (!(s.requests >= 0 && s.errors >= 0 && s.errors <= s.requests)) {
      throw new RangeError(`sample ${i}: need 0 <= errors <= requests, got ${s.errors} errors of ${s.requests}`);
    }
    t[i] = s.t;
    // Counts are integers in practice, so these sums and their differences are exact below 2^53.
    requests[i + 1] = requests[i]! + s.requests;
    errors[i + 1] = errors[i]! + s.errors;
  }
  return { n, step: stepSeconds, t, requests, errors };
}

/** Two pointers over the prefix sums: O(n) for one window length. */
function windowRatios(p: Prepared, windowSeconds: number): Float64Array {
  if (!(windowSeconds > 0)) throw new RangeError(`window must be positive, got ${windowSeconds}`);
  const { n, t, requests, errors } = p;
  const out = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < n; i++) {
    const from = t[i]! - windowSeconds;
    while (t[j]! <= from) j++;
    const req = requests[i + 1]! - requests[j]!;
    out[i] = req > 0 ? (errors[i + 1]! - errors[j]!) / req : 0;
  }
  return out;
}

/**
 * Error ratio over the trailing window at every sample: errors / requests of the samples with
 * `t` in `(t_i - W, t_i]`. A window with no requests has ratio 0 (nothing failed). Near the
 * start of the series the window holds only the samples there are.
 */
export function slidingErrorRatio(series: Series, windowSeconds: number): Float64Array {
  return windowRatios(prepare(series), windowSeconds);
}

// ---------------------------------------------------------------------------------------------
// Rule presets: the Workbook's six approaches
// ---------------------------------------------------------------------------------------------

/** Ids of the Workbook's six approaches, in its order. */
export type ApproachId =
  | 'target-error-rate'
  | 'longer-window'
  | 'alert-duration'
  | 'burn-rate'
  | 'multiple-burn-rates'
  | 'multiwindow-multi-burn-rate';

/** One of the Workbook's approaches, as the rules that implement it. */
export interface Approach {
  id: ApproachId;
  /** 1 to 6, the Workbook's numbering. */
  number: number;
  label: string;
  rules: AlertRule[];
}

/** Options for the presets. */
export interface PresetOptions {
  /** Add Sloth's ticket pair 1d/2h (10% of the budget in a day: 3x on 30 days). */
  sloth?: boolean;
}

function assertSlo(slo: SloSpec): void {
  if (!(slo.target > 0 && slo.target < 1)) throw new RangeError(`SLO target must be a fraction in (0, 1), got ${slo.target}`);
  if (!(slo.periodSeconds > 0)) throw new RangeError(`SLO period must be positive, got ${slo.periodSeconds}`);
}

function windowsName(pair: ConditionPair): string {
  return pair.shortSeconds === null ? formatWindow(pair.longSeconds) : `${formatWindow(pair.longSeconds)}/${formatWindow(pair.shortSeconds)}`;
}

function rule(approach: ApproachId, severity: Severity, pair: ConditionPair, forSeconds?: number): AlertRule {
  const windows = windowsName(pair);
  const forText = forSeconds ? ` for ${formatWindow(forSeconds)}` : '';
  return {
    id: `${approach}:${windows.replace('/', '-')}`,
    label: `${severity} when the ${windows} error ratio${pair.shortSeconds === null ? ' is' : 's are'} above ${pair.factor}x budget${forText}`,
    severity,
    pairs: [pair],
    ...(forSeconds ? { forSeconds } : {}),
  };
}

/** A pair whose factor spends `percent` % of the period's budget within the long window. */
function budgetPair(slo: SloSpec, longSeconds: number, shortSeconds: number | null, percent: number): ConditionPair {
  return { longSeconds, shortSeconds, factor: burnFactor(percent, slo.periodSeconds, longSeconds) };
}

/**
 * The multiwindow, multi-burn-rate rules (Workbook table 5-8), one rule per pair:
 * page 1h/5m at 2% of the budget (14.4x on 30 d), page 6h/30m at 5% (6x), ticket 3d/6h at
 * 10% (1x); with `sloth`, also ticket 1d/2h at 10% (3x). The factors follow the period, so on
 * 28 days they are Sloth's 13.44, 5.6, 2.8 and 0.9333.
 */
export function multiwindowRules(slo: SloSpec, options: PresetOptions = {}): AlertRule[] {
  assertSlo(slo);
  const id: ApproachId = 'multiwindow-multi-burn-rate';
  const rules = [
    rule(id, 'page', budgetPair(slo, HOUR, 5 * MINUTE, 2)),
    rule(id, 'page', budgetPair(slo, 6 * HOUR, 30 * MINUTE, 5)),
    rule(id, 'ticket', budgetPair(slo, 3 * DAY, 6 * HOUR, 10)),
  ];
  if (options.sloth) rules.push(rule(id, 'ticket', budgetPair(slo, DAY, 2 * HOUR, 10)));
  return rules;
}

/**
 * The Workbook's six approaches. (1) to (3) compare the error ratio with the budget itself
 * (factor 1) whatever the period; (4) to (6) are defined as shares of the budget, so their
 * factors scale with the period (36x, 14.4x, 6x, 1x on 30 days).
 */
export function workbookApproaches(slo: SloSpec, options: PresetOptions = {}): Approach[] {
  assertSlo(slo);
  const one = (longSeconds: number): ConditionPair => ({ longSeconds, shortSeconds: null, factor: 1 });
  return [
    { id: 'target-error-rate', number: 1, label: 'Target error rate over 10m', rules: [rule('target-error-rate', 'page', one(10 * MINUTE))] },
    { id: 'longer-window', number: 2, label: 'Longer window: 36h', rules: [rule('longer-window', 'page', one(36 * HOUR))] },
    { id: 'alert-duration', number: 3, label: 'Alert duration: 1m window, for 1h', rules: [rule('alert-duration', 'page', one(MINUTE), HOUR)] },
    { id: 'burn-rate', number: 4, label: 'Burn rate: 1h at 5% of the budget', rules: [rule('burn-rate', 'page', budgetPair(slo, HOUR, null, 5))] },
    {
      id: 'multiple-burn-rates',
      number: 5,
      label: 'Multiple burn rates',
      rules: [
        rule('multiple-burn-rates', 'page', budgetPair(slo, HOUR, null, 2)),
        rule('multiple-burn-rates', 'page', budgetPair(slo, 6 * HOUR, null, 5)),
        rule('multiple-burn-rates', 'ticket', budgetPair(slo, 3 * DAY, null, 10)),
      ],
    },
    { id: 'multiwindow-multi-burn-rate', number: 6, label: 'Multiwindow, multi-burn-rate', rules: multiwindowRules(slo, options) },
  ];
}

/**
 * Merges rules of the same severity into one rule whose pairs are OR-ed: the shape the
 * Workbook's YAML and Sloth use (one page alert, one ticket alert).
 */
export function groupBySeverity(rules: AlertRule[], idPrefix: string): AlertRule[] {
  const groups = new Map<Severity, AlertRule[]>();
  for (const r of rules) groups.set(r.severity, [...(groups.get(r.severity) ?? []), r]);
  return [...groups].map(([severity, members]) => {
    const forSeconds = members[0]!.forSeconds;
    if (members.some((m) => m.forSeconds !== forSeconds)) throw new RangeError(`${severity} rules differ in forSeconds; they cannot be grouped`);
    return {
      id: `${idPrefix}:${severity}`,
      label: `${severity} when any of ${members.map((m) => m.pairs.map(windowsName).join(', ')).join(', ')} fires`,
      severity,
      pairs: members.flatMap((m) => m.pairs),
      ...(forSeconds ? { forSeconds } : {}),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------

const INACTIVE = 0;
const PENDING = 1;
const FIRING = 2;
const STATE_NAMES: readonly AlertState[] = ['inactive', 'pending', 'firing'];

/** What one rule did over the series. */
export interface RuleResult {
  rule: AlertRule;
  intervals: FiringInterval[];
  /** Per-sample state, only when `evaluate(..., { states: true })`. */
  states?: AlertState[];
  /** First time the rule was firing during the event (without an event: first firing). */
  detectedAt: number | null;
  /** `detectedAt - event start`; null without an event or when missed. */
  detectionDelaySeconds: number | null;
  /**
   * Seconds from the event's end until the last firing that overlapped the event resolved.
   * Negative if it stopped before the event ended; null if missed, still firing at the end of
   * the series, or no event.
   */
  resetSeconds: number | null;
  /** Fraction of the period's budget spent by `detectedAt` (see `Evaluation.budgetRemaining`). */
  budgetSpentAtDetection: number | null;
  /** Never firing during the event; null without an event. */
  missed: boolean | null;
  /** Firing intervals that do not overlap the event (false alarms or too late); null without an event. */
  firingsOutsideEvent: number | null;
}

/** The result of `evaluate`. */
export interface Evaluation {
  errorBudget: number;
  rules: RuleResult[];
  /**
   * Remaining fraction of the period's budget after each sample: 1 - errors / allowed errors.
   * Errors are counted over the trailing SLO period (or the whole series while it is shorter);
   * allowed errors = B * the requests expected in a full period, which is the requests in that
   * trailing window scaled by period / covered time. So at constant traffic a one-hour total
   * outage spends 1 h / (B * period) of the budget however long the series has run.
   * A window without requests has spent nothing (1).
   */
  budgetRemaining: Float64Array;
  /** 1 - budgetRemaining at the last sample. */
  budgetSpent: number;
  /** First sample time with no budget left (remaining <= 0), or null. */
  exhaustedAt: number | null;
}

/** Options for `evaluate`. */
export interface EvaluateOptions {
  /** The bad event, for detection delay, reset time and misses. */
  event?: EventWindow | null;
  /** Also return each rule's per-sample states. */
  states?: boolean;
}

interface CompiledPair {
  long: Float64Array;
  longThreshold: number;
  short: Float64Array | null;
  shortThreshold: number;
}

function runRule(p: Prepared, pairs: CompiledPair[], forSeconds: number): { codes: Uint8Array; intervals: FiringInterval[] } {
  const { n, t } = p;
  const codes = new Uint8Array(n);
  const intervals: FiringInterval[] = [];
  // Where any pair's condition holds, one tight loop per pair (this is the model's hot path:
  // samples x pairs, millions of checks over 90 days).
  const holdsAt = new Uint8Array(n);
  for (const c of pairs) {
    const { long, short, longThreshold, shortThreshold } = c;
    if (short === null) {
      for (let i = 0; i < n; i++) if (long[i]! > longThreshold) holdsAt[i] = 1;
    } else {
      for (let i = 0; i < n; i++) if (long[i]! > longThreshold && short[i]! > shortThreshold) holdsAt[i] = 1;
    }
  }
  let state = INACTIVE;
  let activeAt = 0;
  for (let i = 0; i < n; i++) {
    const holds = holdsAt[i] === 1;
    const now = t[i]!;
    if (!holds) {
      if (state === FIRING) intervals[intervals.length - 1]!.resolvedAt = now;
      state = INACTIVE;
    } else {
      if (state === INACTIVE) {
        state = PENDING;
        activeAt = now;
      }
      if (state === PENDING && now - activeAt >= forSeconds) {
        state = FIRING;
        intervals.push({ firedAt: now, resolvedAt: null });
      }
    }
    codes[i] = state;
  }
  return { codes, intervals };
}

function budgetRemaining(p: Prepared, slo: SloSpec, budget: number): Float64Array {
  const { n, t, step, requests, errors } = p;
  const period = slo.periodSeconds;
  const start = n > 0 ? t[0]! - step : 0;
  const out = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < n; i++) {
    const from = t[i]! - period;
    while (t[j]! <= from) j++;
    const req = requests[i + 1]! - requests[j]!;
    const covered = Math.min(period, t[i]! - start);
    const allowed = (budget * req * period) / covered;
    out[i] = allowed > 0 ? 1 - (errors[i + 1]! - errors[j]!) / allowed : 1;
  }
  return out;
}

/**
 * Evaluates the rules at every sample (Prometheus semantics: a condition that holds makes the
 * alert pending, and firing once it has held at every evaluation for `forSeconds`; a condition
 * that fails resolves it). Window ratios are computed once per window length and shared.
 */
export function evaluate(series: Series, slo: SloSpec, rules: AlertRule[], options: EvaluateOptions = {}): Evaluation {
  assertSlo(slo);
  const p = prepare(series);
  const budget = errorBudget(slo.target);
  const cache = new Map<number, Float64Array>();
  const ratios = (w: number): Float64Array => {
    let r = cache.get(w);
    if (!r) cache.set(w, (r = windowRatios(p, w)));
    return r;
  };
  const remaining = budgetRemaining(p, slo, budget);
  const event = options.event ?? null;
  const { n, t, step } = p;
  // Samples that overlap the event: (t - step, t] meets (start, end].
  let first = -1;
  let last = -1;
  if (event) {
    for (let i = 0; i < n; i++) {
      if (t[i]! > event.startSeconds && t[i]! - step < event.endSeconds) {
        if (first < 0) first = i;
        last = i;
      }
    }
  }

  const results = rules.map((r): RuleResult => {
    const compiled = r.pairs.map((pair) => ({
      long: ratios(pair.longSeconds),
      longThreshold: alertThreshold(pair.factor, budget),
      short: pair.shortSeconds === null ? null : ratios(pair.shortSeconds),
      shortThreshold: alertThreshold(pair.factor, budget),
    }));
    const { codes, intervals } = runRule(p, compiled, r.forSeconds ?? 0);
    const base = {
      rule: r,
      intervals,
      ...(options.states ? { states: Array.from(codes, (c) => STATE_NAMES[c]!) } : {}),
    };
    if (!event) {
      const firstFiring = intervals[0];
      const at = firstFiring ? firstFiring.firedAt : null;
      const index = at === null ? -1 : t.indexOf(at);
      return {
        ...base,
        detectedAt: at,
        detectionDelaySeconds: null,
        resetSeconds: null,
        budgetSpentAtDetection: index >= 0 ? 1 - remaining[index]! : null,
        missed: null,
        firingsOutsideEvent: null,
      };
    }
    let detected = -1;
    for (let i = first; first >= 0 && i <= last; i++) {
      if (codes[i] === FIRING) {
        detected = i;
        break;
      }
    }
    const overlaps = (f: FiringInterval) =>
      first >= 0 && f.firedAt <= t[last]! && (f.resolvedAt === null || f.resolvedAt > t[first]!);
    const during = intervals.filter(overlaps);
    const lastDuring = during[during.length - 1];
    return {
      ...base,
      detectedAt: detected >= 0 ? t[detected]! : null,
      detectionDelaySeconds: detected >= 0 ? t[detected]! - event.startSeconds : null,
      resetSeconds: lastDuring && lastDuring.resolvedAt !== null ? lastDuring.resolvedAt - event.endSeconds : null,
      budgetSpentAtDetection: detected >= 0 ? 1 - remaining[detected]! : null,
      missed: detected < 0,
      firingsOutsideEvent: intervals.length - during.length,
    };
  });

  let exhaustedAt: number | null = null;
  for (let i = 0; i < n; i++) {
    if (remaining[i]! <= 0) {
      exhaustedAt = t[i]!;
      break;
    }
  }
  return {
    errorBudget: budget,
    rules: results,
    budgetRemaining: remaining,
    budgetSpent: n > 0 ? 1 - remaining[n - 1]! : 0,
    exhaustedAt,
  };
}

// ---------------------------------------------------------------------------------------------
// Scenarios
// ---------------------------------------------------------------------------------------------

/** Names of the built-in scenarios. */
export const SCENARIO_NAMES = ['total-outage', 'fast-burn', 'slow-burn', 'flapping', 'low-traffic', 'ticket-leak'] as const;
/** A built-in scenario's name. */
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** Inputs of `scenario`. */
export interface ScenarioOptions {
  slo: SloSpec;
  seed: string | number;
  /** Length of the series; each scenario has a default long enough for its event. */
  days?: number;
  /** Default 60. */
  stepSeconds?: number;
  /** Mean traffic; default 10 req/s (low-traffic: 10 req/h). */
  requestsPerSecond?: number;
  /** When the event starts; default one day in, so the long windows have history. */
  eventStartSeconds?: number;
}

/** A generated series and the event it contains. */
export interface Scenario {
  name: ScenarioName;
  description: string;
  slo: SloSpec;
  seed: string | number;
  series: Series;
  event: EventWindow;
}

/** A stretch with its own error ratio; outside every stretch the baseline ratio applies. */
interface Stretch {
  start: number;
  end: number;
  ratio: number;
}

interface ScenarioShape {
  describe(budget: number): string;
  days: number;
  requestsPerSecond: number;
  /** Background error ratio as a burn rate (0.1: a tenth of the budget per period). */
  baselineBurn: number;
  stretches(start: number, budget: number): Stretch[];
  /** Times of single failed requests (low-traffic). */
  failures?(start: number): number[];
}

const percent = (x: number) => `${roundSignificant(x * 100, 6)}%`;
const burnRatio = (burn: number, budget: number) => Math.min(1, burn * budget);

const SHAPES: Record<ScenarioName, ScenarioShape> = {
  'total-outage': {
    describe: () => '100% errors for 1h',
    days: 2,
    requestsPerSecond: 10,
    baselineBurn: 0.1,
    stretches: (start) => [{ start, end: start + HOUR, ratio: 1 }],
  },
  'fast-burn': {
    describe: (b) => `burn 20x (${percent(burnRatio(20, b))} errors) for 3h`,
    days: 2,
    requestsPerSecond: 10,
    baselineBurn: 0.1,
    stretches: (start, b) => [{ start, end: start + 3 * HOUR, ratio: burnRatio(20, b) }],
  },
  'slow-burn': {
    describe: (b) => `burn 2x (${percent(burnRatio(2, b))} errors) for 3d`,
    days: 5,
    requestsPerSecond: 10,
    baselineBurn: 0.1,
    stretches: (start, b) => [{ start, end: start + 3 * DAY, ratio: burnRatio(2, b) }],
  },
  flapping: {
    // The Workbook's example: 5 minutes of 100% errors in every 10; three cycles spend about
    // 35% of a 30-day budget (15 of 43.2 minutes) and never satisfy a 1m window's `for`.
    describe: () => '100% errors for 5m in every 10m, three times',
    days: 2,
    requestsPerSecond: 10,
    baselineBurn: 0.1,
    stretches: (start) => [0, 1, 2].map((k) => ({ start: start + k * 10 * MINUTE, end: start + k * 10 * MINUTE + 5 * MINUTE, ratio: 1 })),
  },
  'low-traffic': {
    describe: () => 'about 10 requests per hour; a single failed request every 6h, four times',
    days: 3,
    requestsPerSecond: 10 / HOUR,
    baselineBurn: 0,
    stretches: () => [],
    failures: (start) => [0, 1, 2, 3].map((k) => start + k * 6 * HOUR),
  },
  'ticket-leak': {
    describe: (b) => `burn 1.2x (${percent(burnRatio(1.2, b))} errors) for 5d`,
    days: 7,
    requestsPerSecond: 10,
    baselineBurn: 0.1,
    stretches: (start, b) => [{ start, end: start + 5 * DAY, ratio: burnRatio(1.2, b) }],
  },
};

/** True if `name` is a built-in scenario. */
export function isScenarioName(name: string): name is ScenarioName {
  return (SCENARIO_NAMES as readonly string[]).includes(name);
}

/** One line on what a scenario does, for the given SLO. */
export function describeScenario(name: ScenarioName, slo: SloSpec): string {
  return SHAPES[name].describe(errorBudget(slo.target));
}

/**
 * Generates a scenario's traffic. Each step draws its requests from a Poisson distribution
 * and its errors from a binomial one, with the error ratio of the stretches it overlaps
 * (time-weighted), so the same seed and options always give the same series.
 */
export function scenario(name: ScenarioName, options: ScenarioOptions): Scenario {
  const shape = SHAPES[name];
  if (!shape) throw new RangeError(`unknown scenario "${name}"; known: ${SCENARIO_NAMES.join(', ')}`);
  const { slo, seed } = options;
  assertSlo(slo);
  const step = options.stepSeconds ?? 60;
  const days = options.days ?? shape.days;
  const rps = options.requestsPerSecond ?? shape.requestsPerSecond;
  const start = options.eventStartSeconds ?? DAY;
  if (!(step > 0) || !Number.isFinite(step)) throw new RangeError(`stepSeconds must be positive, got ${step}`);
  if (!(rps >= 0) || !Number.isFinite(rps)) throw new RangeError(`requestsPerSecond must not be negative, got ${rps}`);
  if (!(start >= 0) || !Number.isFinite(start)) throw new RangeError(`eventStartSeconds must not be negative, got ${start}`);
  if (!(days > 0 && days <= MAX_SCENARIO_DAYS)) throw new RangeError(`a scenario lasts more than 0 and at most ${MAX_SCENARIO_DAYS} days; got ${days}`);
  // Checked before anything is allocated: a tiny step would otherwise exhaust the memory.
  const steps = Math.floor((days * DAY) / step);
  if (steps > MAX_SERIES_STEPS) {
    throw new RangeError(`${days} days in steps of ${formatWindow(step)} make ${steps} steps; at most ${MAX_SERIES_STEPS} (use a longer step or fewer days)`);
  }
  const budget = errorBudget(slo.target);
  const baseline = burnRatio(shape.baselineBurn, budget);
  const stretches = shape.stretches(start, budget);
  const failures = shape.failures?.(start) ?? [];
  const n = steps;
  // The event must fit: its stretches end, or its last failure's sample ends, within the series.
  const needEnd = Math.max(...stretches.map((s) => s.end), ...failures.map((x) => (Math.floor(x / step) + 1) * step));
  if (needEnd > n * step) {
    throw new RangeError(`scenario "${name}" needs at least ${Math.ceil(needEnd / DAY)} days (its event ends at ${needEnd} s); got ${days}`);
  }
  const rng = createRng(seed);

  const samples: Sample[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const t = (i + 1) * step;
    let p = baseline;
    for (const s of stretches) {
      const overlap = Math.min(t, s.end) - Math.max(t - step, s.start);
      if (overlap > 0) p += (overlap / step) * (s.ratio - baseline);
    }
    const requests = poisson(rng, rps * step);
    samples[i] = { t, requests, errors: binomial(rng, requests, p) };
  }
  // A failure at time x lands in the first sample that ends after x.
  for (const x of failures) {
    const s = samples[Math.floor(x / step)]!;
    s.requests = Math.max(1, s.requests);
    s.errors = Math.min(s.requests, s.errors + 1);
  }
  const event: EventWindow = failures.length
    ? { startSeconds: start, endSeconds: needEnd }
    : { startSeconds: Math.min(...stretches.map((s) => s.start)), endSeconds: needEnd };
  return { name, description: describeScenario(name, slo), slo, seed, series: { stepSeconds: step, samples }, event };
}

// ---------------------------------------------------------------------------------------------
// CSV input
// ---------------------------------------------------------------------------------------------

/** Requests per step in an `error_ratio` file: large enough that ratios keep 9 decimals. */
export const RATIO_REQUESTS_PER_STEP = 1_000_000_000;
/**
 * Most steps in a series, from a CSV or a scenario: 30 days at 1 s (about 5 s and 250 MB to
 * evaluate). Checked before the series is built.
 */
export const MAX_SERIES_STEPS = 3_000_000;
/** Largest grid a CSV may span (the same as any series). */
export const MAX_CSV_STEPS = MAX_SERIES_STEPS;
/** Shortest and longest SLO period accepted on the command line: a day to a year. */
export const MIN_PERIOD_SECONDS = DAY;
export const MAX_PERIOD_SECONDS = 365 * DAY;
/** Shortest and longest evaluation step: a second (Prometheus's finest scrape) to a day. */
export const MIN_STEP_SECONDS = 1;
export const MAX_STEP_SECONDS = DAY;
/** Longest scenario, in days. */
export const MAX_SCENARIO_DAYS = 365;
/** Largest `t_seconds` in a CSV: 10^11 s (Unix times fit; the year 5138 does not). */
export const MAX_CSV_SECONDS = 1e11;
/**
 * Most requests (or errors) in one CSV row: sums over a full series then stay below 2^53, so
 * every window's count is exact.
 */
export const MAX_CSV_REQUESTS = 1e9;

/** `parseSeriesCsv`'s answer: the series, or every problem found, each with its line. */
export type ParseResult = { ok: true; series: Series } | { ok: false; errors: string[] };

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const HEADERS = {
  ratio: ['t_seconds', 'error_ratio'],
  counts: ['t_seconds', 'requests', 'errors'],
} as const;

/**
 * Reads a series from CSV, onto a grid of `stepSeconds` aligned at t = 0 (sample `k * step`
 * covers `((k - 1) * step, k * step]`). Two layouts:
 *
 * - `t_seconds,error_ratio`: constant traffic; each ratio holds from its `t` until the next
 *   row (the last for one step). Every full step gets `RATIO_REQUESTS_PER_STEP` requests and
 *   `round(ratio * requests)` errors, time-weighted when a change falls inside a step, so
 *   window ratios are quotients of exact integers.
 * - `t_seconds,requests,errors`: counts for `(previous t, t]`; each row is added to the step
 *   that contains its `t` (the first row's counts go to its own step). Steps without rows
 *   have no traffic.
 *
 * Blank lines are skipped. Every problem is reported with its line number (the first
 * `MAX_LISTED_PROBLEMS`, then a count of the rest); values are bounded (`MAX_CSV_SECONDS`,
 * `MAX_CSV_REQUESTS`, `MAX_CSV_STEPS`).
 */
export function parseSeriesCsv(text: string, stepSeconds: number): ParseResult {
  if (!(stepSeconds > 0) || !Number.isFinite(stepSeconds)) throw new RangeError(`stepSeconds must be positive, got ${stepSeconds}`);
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex < 0) {
    return { ok: false, errors: [`empty file: expected a header line "${HEADERS.ratio.join(',')}" or "${HEADERS.counts.join(',')}"`] };
  }
  const headerLine = headerIndex + 1;
  const header = lines[headerIndex]!.split(',').map((c) => c.trim().toLowerCase()).join(',');
  const kind = header === HEADERS.ratio.join(',') ? 'ratio' : header === HEADERS.counts.join(',') ? 'counts' : null;
  if (!kind) {
    return {
      ok: false,
      errors: [`line ${headerLine}: unknown header "${clip(lines[headerIndex]!.trim())}"; expected "${HEADERS.ratio.join(',')}" or "${HEADERS.counts.join(',')}"`],
    };
  }
  const columns = HEADERS[kind];
  // The first problems are listed, the rest counted: a million bad lines make 21 lines of output.
  const errors: string[] = [];
  let unlisted = 0;
  const report = (message: string) => {
    if (errors.length < MAX_LISTED_PROBLEMS) errors.push(message);
    else unlisted += 1;
  };
  const rows: { line: number; values: number[] }[] = [];
  let previous: { t: number; line: number } | null = null;

  for (let k = headerIndex + 1; k < lines.length; k++) {
    const raw = lines[k]!;
    if (raw.trim() === '') continue;
    const line = k + 1;
    const cells = raw.split(',').map((c) => c.trim());
    if (cells.length !== columns.length) {
      report(`line ${line}: expected ${columns.length} values (${columns.join(',')}), got ${cells.length}`);
      continue;
    }
    let ok = true;
    const values = cells.map((cell, c) => {
      const name = columns[c]!;
      if (!NUMBER.test(cell)) {
        report(`line ${line}: ${name} "${clip(cell)}" is not a number`);
        ok = false;
        return NaN;
      }
      const v = Number(cell);
      if (!Number.isFinite(v)) {
        report(`line ${line}: ${name} ${clip(cell)} is too large to be a number`);
        ok = false;
      } else if (name === 't_seconds' && Math.abs(v) > MAX_CSV_SECONDS) {
        report(`line ${line}: t_seconds ${clip(cell)} is beyond ${MAX_CSV_SECONDS} s (about 3,000 years); times are seconds from the start of the series, or Unix times`);
        ok = false;
      } else if ((name === 'requests' || name === 'errors') && v > MAX_CSV_REQUESTS) {
        report(`line ${line}: ${name} ${clip(cell)} is more than ${MAX_CSV_REQUESTS} in one row; use a shorter row interval`);
        ok = false;
      } else if (name === 'error_ratio') {
        if (v < 0 || v > 1) {
          report(`line ${line}: error_ratio ${clip(cell)} is outside [0, 1]`);
          ok = false;
        }
      } else if (v < 0) {
        report(`line ${line}: ${name} must not be negative, got ${clip(cell)}`);
        ok = false;
      }
      return v;
    });
    const t = values[0]!;
    if (!Number.isNaN(t)) {
      if (previous && !(t > previous.t)) {
        report(`line ${line}: t_seconds ${clip(cells[0]!)} is not after ${previous.t} (line ${previous.line}); times must increase`);
        ok = false;
      } else {
        previous = { t, line };
      }
    }
    if (kind === 'counts' && ok && values[2]! > values[1]!) {
      report(`line ${line}: errors (${clip(cells[2]!)}) exceed requests (${clip(cells[1]!)})`);
      ok = false;
    }
    if (ok) rows.push({ line, values });
  }
  if (rows.length === 0 && errors.length === 0) report(`line ${headerLine}: no data rows after the header`);
  if (unlisted > 0) errors.push(moreProblems(unlisted));
  if (errors.length > 0) return { ok: false, errors };

  const firstRow = rows[0]!;
  const lastRow = rows[rows.length - 1]!;
  if (kind === 'ratio') {
    // Cell c covers (c * step, (c + 1) * step] and becomes the sample at (c + 1) * step.
    const end = lastRow.values[0]! + stepSeconds;
    const c0 = Math.floor(firstRow.values[0]! / stepSeconds);
    const cells = Math.ceil(end / stepSeconds) - c0;
    if (cells > MAX_CSV_STEPS) return { ok: false, errors: [tooLong(lastRow.line, cells)] };
    const covered = new Float64Array(cells);
    const bad = new Float64Array(cells);
    rows.forEach((row, r) => {
      const [from, ratio] = row.values as [number, number];
      const to = r + 1 < rows.length ? rows[r + 1]!.values[0]! : end;
      for (let c = Math.floor(from / stepSeconds); c * stepSeconds < to; c++) {
        const overlap = Math.min(to, (c + 1) * stepSeconds) - Math.max(from, c * stepSeconds);
        if (overlap <= 0) continue;
        covered[c - c0] = covered[c - c0]! + overlap / stepSeconds;
        bad[c - c0] = bad[c - c0]! + (ratio * overlap) / stepSeconds;
      }
    });
    const samples: Sample[] = [];
    for (let i = 0; i < cells; i++) {
      samples.push({
        t: (c0 + i + 1) * stepSeconds,
        requests: Math.round(covered[i]! * RATIO_REQUESTS_PER_STEP),
        errors: Math.round(bad[i]! * RATIO_REQUESTS_PER_STEP),
      });
    }
    return { ok: true, series: { stepSeconds, samples } };
  }

  // Counts: the row at t goes to the sample ceil(t / step) * step, which covers t.
  const c0 = Math.ceil(firstRow.values[0]! / stepSeconds);
  const cells = Math.ceil(lastRow.values[0]! / stepSeconds) - c0 + 1;
  if (cells > MAX_CSV_STEPS) return { ok: false, errors: [tooLong(lastRow.line, cells)] };
  const samples: Sample[] = Array.from({ length: cells }, (_, i) => ({ t: (c0 + i) * stepSeconds, requests: 0, errors: 0 }));
  for (const { values } of rows) {
    const s = samples[Math.ceil(values[0]! / stepSeconds) - c0]!;
    s.requests += values[1]!;
    s.errors += values[2]!;
  }
  return { ok: true, series: { stepSeconds, samples } };
}

function tooLong(line: number, cells: number): string {
  return `line ${line}: the series spans ${cells} steps, more than ${MAX_CSV_STEPS}; use a longer step`;
}
