/**
 * The golden-signals simulator, pure: a payment API scraped every 15 s by a simulated
 * Prometheus, PromQL-like `rate` and `histogram_quantile` over the scraped samples, the four
 * golden signals over a 5-minute window, and alert rules that go inactive -> pending -> firing.
 *
 * No DOM, React or Node APIs; randomness comes from a seeded RNG (`core/rng`), time is the
 * simulated clock of the samples. Same seed and inputs, same run.
 */
import { binomial, createRng, normal, poisson, type Rng } from '../core/rng';

// ---------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------

/** Prometheus client libraries' default histogram bounds in seconds (`DefBuckets`), then +Inf. */
export const DEFAULT_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, Infinity];

/** The scrape and rule-evaluation interval of the simulated Prometheus, in seconds. */
export const STEP_SECONDS = 15;

/** The `[5m]` range of every signal's `rate`. */
export const WINDOW_SECONDS = 300;

/** Status classes of `http_requests_total`. */
export const STATUS_CLASSES = ['2xx', '4xx', '5xx'] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

/**
 * The two latency histograms: `success` is every non-5xx request (`status!~"5.."`), `error` the
 * 5xx ones. Kept apart because fast failures pull a mixed p99 down and slow ones push it up.
 */
export const LATENCY_CLASSES = ['success', 'error'] as const;
export type LatencyClass = (typeof LATENCY_CLASSES)[number];

/** A lognormal latency: half the requests are faster than `median`; `sigma` is the spread of ln(seconds). */
export interface Lognormal {
  /** Median in seconds (> 0). */
  medianSeconds: number;
  /** Standard deviation of the natural log of the latency (>= 0). */
  sigma: number;
}

/** The CPU gauge: `baseline + perRps * requests per second + N(0, noise)`, clamped to [0, 100]. */
export interface CpuModel {
  /** Percent used with no traffic. */
  baselinePercent: number;
  /** Percentage points added per request per second. */
  percentPerRps: number;
  /** Standard deviation of the per-scrape noise, in percentage points. */
  noisePercent: number;
}

/** The healthy service. */
export interface TrafficConfig {
  /** Mean requests per second (arrivals are Poisson). */
  requestsPerSecond: number;
  /** Fractions of 2xx, 4xx and 5xx responses; they must add up to 1. */
  statusMix: Record<StatusClass, number>;
  /** Latency of successful (non-5xx) and of failed (5xx) requests. */
  latency: Record<LatencyClass, Lognormal>;
  cpu: CpuModel;
  /** Upper bounds `le` of the latency histogram, increasing, ending with Infinity. */
  buckets: readonly number[];
  /** Scrape and evaluation interval in seconds. */
  stepSeconds: number;
}

/**
 * The payment API of the lesson: the source's mix (95% 2xx, 3% 4xx, 2% 5xx), fast successes
 * (median 40 ms, p99 about 130 ms), slow failures (median 0.5 s, like timeouts), and a CPU
 * around 50% at 60 requests per second.
 */
export const PAYMENT_API: TrafficConfig = {
  requestsPerSecond: 60,
  statusMix: { '2xx': 0.95, '4xx': 0.03, '5xx': 0.02 },
  latency: {
    success: { medianSeconds: 0.04, sigma: 0.5 },
    error: { medianSeconds: 0.5, sigma: 0.8 },
  },
  cpu: { baselinePercent: 20, percentPerRps: 0.5, noisePercent: 3 },
  buckets: DEFAULT_BUCKETS,
  stepSeconds: STEP_SECONDS,
};

/** Throws a RangeError saying what is wrong with a config. */
export function validateConfig(config: TrafficConfig): void {
  const fail = (message: string) => {
    throw new RangeError(message);
  };
  if (!(config.requestsPerSecond >= 0 && Number.isFinite(config.requestsPerSecond))) fail(`requestsPerSecond must be a number >= 0; got ${config.requestsPerSecond}`);
  for (const c of STATUS_CLASSES) {
    const f = config.statusMix[c];
    if (!(f >= 0 && f <= 1)) fail(`statusMix['${c}'] must be a fraction in [0, 1]; got ${f}`);
  }
  const sum = STATUS_CLASSES.reduce((s, c) => s + config.statusMix[c], 0);
  if (Math.abs(sum - 1) > 1e-9) fail(`statusMix fractions must add up to 1; got ${sum}`);
  for (const c of LATENCY_CLASSES) {
    const l = config.latency[c];
    if (!(l.medianSeconds > 0 && Number.isFinite(l.medianSeconds))) fail(`latency.${c}.medianSeconds must be > 0; got ${l.medianSeconds}`);
    if (!(l.sigma >= 0 && Number.isFinite(l.sigma))) fail(`latency.${c}.sigma must be >= 0; got ${l.sigma}`);
  }
  if (!(config.cpu.noisePercent >= 0)) fail(`cpu.noisePercent must be >= 0; got ${config.cpu.noisePercent}`);
  const b = config.buckets;
  if (b.length < 2 || b[b.length - 1] !== Infinity) fail('buckets must have at least two bounds and end with Infinity (+Inf)');
  for (let i = 1; i < b.length; i++) if (!(b[i]! > b[i - 1]!)) fail(`bucket bounds must increase; got ${b[i - 1]} then ${b[i]}`);
  if (!(b[0]! > 0)) fail(`the first bucket bound must be > 0; got ${b[0]}`);
  if (!(Number.isInteger(config.stepSeconds) && config.stepSeconds > 0)) fail(`stepSeconds must be a whole number > 0; got ${config.stepSeconds}`);
}

// ---------------------------------------------------------------------------------------------
// Faults
// ---------------------------------------------------------------------------------------------

export const FAULT_KINDS = ['error-burst', 'latency-regression', 'cpu-saturation', 'traffic-spike'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * A fault active from `startSeconds` (inclusive) to `endSeconds` (exclusive). `value` means:
 * - `error-burst`: the 5xx fraction becomes `value` (0..1); 4xx keeps its fraction, 2xx gets the rest;
 * - `latency-regression`: both latency medians are multiplied by `value` (> 0);
 * - `cpu-saturation`: `value` percentage points are added to the CPU gauge (before the 100% cap);
 * - `traffic-spike`: requests per second are multiplied by `value` (>= 0; 0 is a traffic drop),
 *   and CPU follows the traffic.
 * Overlapping faults: error bursts take the highest fraction, multipliers multiply, CPU points add.
 */
export interface Fault {
  kind: FaultKind;
  startSeconds: number;
  endSeconds: number;
  value: number;
}

export function isFaultKind(text: string): text is FaultKind {
  return (FAULT_KINDS as readonly string[]).includes(text);
}

/** Throws a RangeError saying what is wrong with a fault. */
export function validateFault(f: Fault): void {
  if (!isFaultKind(f.kind)) throw new RangeError(`unknown fault kind "${String(f.kind).slice(0, 80)}"; choose one of: ${FAULT_KINDS.join(', ')}`);
  if (!(f.startSeconds >= 0 && f.endSeconds > f.startSeconds && Number.isFinite(f.endSeconds))) {
    throw new RangeError(`${f.kind}: needs 0 <= start < end; got ${f.startSeconds} to ${f.endSeconds}`);
  }
  if (f.endSeconds > MAX_FAULT_END_SECONDS) throw new RangeError(`${f.kind}: must end by ${MAX_FAULT_END_SECONDS} s (7 days); got ${f.endSeconds}`);
  const ok =
    f.kind === 'error-burst' ? f.value >= 0 && f.value <= 1
    : f.kind === 'latency-regression' ? f.value > 0 && f.value <= MAX_FAULT_FACTOR
    : f.kind === 'traffic-spike' ? f.value >= 0 && f.value <= MAX_FAULT_FACTOR
    : f.value >= -100 && f.value <= 100;
  if (!ok) {
    const expected = {
      'error-burst': 'a 5xx fraction in [0, 1]',
      'latency-regression': `a multiplier above 0 and at most ${MAX_FAULT_FACTOR}`,
      'traffic-spike': `a multiplier from 0 to ${MAX_FAULT_FACTOR}`,
      'cpu-saturation': 'percentage points from -100 to 100',
    }[f.kind];
    throw new RangeError(`${f.kind}: value must be ${expected}; got ${f.value}`);
  }
}

/** Most faults in one run (keeps links short and the chart readable). */
export const MAX_FAULTS = 8;

/** Largest latency or traffic multiplier a fault may apply (beyond it the charts say nothing more). */
export const MAX_FAULT_FACTOR = 1000;
/** Faults end within the longest run the CLI simulates (7 days). */
export const MAX_FAULT_END_SECONDS = 7 * 86_400;

/** What the service looks like during the step that starts at `t` (faults applied). */
interface Conditions {
  rps: number;
  mix: Record<StatusClass, number>;
  latencyFactor: number;
  cpuPoints: number;
}

function conditionsAt(config: TrafficConfig, faults: readonly Fault[], t: number): Conditions {
  let rps = config.requestsPerSecond;
  let burst: number | null = null;
  let latencyFactor = 1;
  let cpuPoints = 0;
  for (const f of faults) {
    if (t < f.startSeconds || t >= f.endSeconds) continue;
    if (f.kind === 'error-burst') burst = Math.max(burst ?? 0, f.value);
    else if (f.kind === 'latency-regression') latencyFactor *= f.value;
    else if (f.kind === 'cpu-saturation') cpuPoints += f.value;
    else rps *= f.value;
  }
  let mix = config.statusMix;
  if (burst !== null) {
    const clientErrors = Math.min(mix['4xx'], 1 - burst);
    mix = { '2xx': Math.max(0, 1 - burst - clientErrors), '4xx': clientErrors, '5xx': burst };
  }
  return { rps, mix, latencyFactor, cpuPoints };
}

// ---------------------------------------------------------------------------------------------
// Simulation: what Prometheus scrapes
// ---------------------------------------------------------------------------------------------

/** One scrape. Counters are cumulative since t = 0 and never reset. */
export interface Sample {
  /** Seconds since the start; samples are at 0, step, 2 step, ... */
  t: number;
  /** `http_requests_total` by status class. */
  requests: Record<StatusClass, number>;
  /**
   * `http_request_duration_seconds_bucket` per latency class: cumulative count of requests that
   * took at most `config.buckets[i]` seconds (so the last entry, +Inf, is the `_count`).
   */
  buckets: Record<LatencyClass, number[]>;
  /** The CPU gauge in percent at this scrape (NaN at t = 0, before the first interval). */
  cpuPercent: number;
}

export interface SimulateOptions {
  seed: string | number;
  /** Length of the run; rounded down to whole steps. */
  durationSeconds: number;
}

/** Standard normal CDF (Abramowitz and Stegun 7.1.26, absolute error below 1.5e-7). */
function standardNormalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** P(latency <= le) for a lognormal latency. */
export function lognormalCdf(le: number, l: Lognormal): number {
  if (le === Infinity) return 1;
  if (!(le > 0)) return 0;
  if (l.sigma === 0) return le >= l.medianSeconds ? 1 : 0;
  return standardNormalCdf((Math.log(le) - Math.log(l.medianSeconds)) / l.sigma);
}

/** Spreads `n` requests over the buckets (a multinomial draw, as chained binomials); returns per-bucket counts. */
function drawBucketCounts(rng: Rng, n: number, bounds: readonly number[], l: Lognormal): number[] {
  const counts: number[] = [];
  let remaining = n;
  let below = 0; // P(latency <= previous bound)
  for (const le of bounds) {
    const cdf = lognormalCdf(le, l);
    const p = cdf - below;
    const rest = 1 - below;
    const k = le === Infinity ? remaining : rest > 0 ? binomial(rng, remaining, Math.min(1, Math.max(0, p / rest))) : 0;
    counts.push(k);
    remaining -= k;
    below = cdf;
  }
  return counts;
}

/**
 * Runs the service for `durationSeconds` and scrapes it every `config.stepSeconds`. Sample `i`
 * is at `t = i * step` and includes the requests of (t - step, t]; a fault affects a step when
 * the step's start lies in [start, end).
 */
export function simulate(config: TrafficConfig, faults: readonly Fault[], options: SimulateOptions): Sample[] {
  validateConfig(config);
  faults.forEach(validateFault);
  if (!(options.durationSeconds >= 0 && Number.isFinite(options.durationSeconds))) throw new RangeError(`durationSeconds must be >= 0; got ${options.durationSeconds}`);
  const rng = createRng(options.seed);
  const step = config.stepSeconds;
  const steps = Math.floor(options.durationSeconds / step);
  const nb = config.buckets.length;
  const requests: Record<StatusClass, number> = { '2xx': 0, '4xx': 0, '5xx': 0 };
  const buckets: Record<LatencyClass, number[]> = { success: new Array<number>(nb).fill(0), error: new Array<number>(nb).fill(0) };
  const snapshot = (t: number, cpuPercent: number): Sample => ({
    t,
    requests: { ...requests },
    buckets: { success: [...buckets.success], error: [...buckets.error] },
    cpuPercent,
  });
  const samples: Sample[] = [snapshot(0, NaN)];
  for (let i = 1; i <= steps; i++) {
    const c = conditionsAt(config, faults, (i - 1) * step);
    const n = poisson(rng, c.rps * step);
    const n5 = binomial(rng, n, c.mix['5xx']);
    const n4 = c.mix['5xx'] >= 1 ? 0 : binomial(rng, n - n5, c.mix['4xx'] / (1 - c.mix['5xx']));
    requests['5xx'] += n5;
    requests['4xx'] += n4;
    requests['2xx'] += n - n5 - n4;
    for (const [cls, count] of [['success', n - n5], ['error', n5]] as const) {
      const l = config.latency[cls];
      const perBucket = drawBucketCounts(rng, count, config.buckets, { medianSeconds: l.medianSeconds * c.latencyFactor, sigma: l.sigma });
      let cumulative = 0;
      perBucket.forEach((k, b) => {
        cumulative += k;
        buckets[cls][b]! += cumulative;
      });
    }
    const cpu = config.cpu.baselinePercent + config.cpu.percentPerRps * (n / step) + normal(rng, 0, config.cpu.noisePercent) + c.cpuPoints;
    samples.push(snapshot(i * step, Math.min(100, Math.max(0, cpu))));
  }
  return samples;
}

// ---------------------------------------------------------------------------------------------
// PromQL-like helpers
// ---------------------------------------------------------------------------------------------

/** One point of a counter series. */
export interface Point {
  t: number;
  value: number;
}

/**
 * `rate(counter[W])` at `series[atIndex]`: the increase over the window divided by its length.
 * Simpler than Prometheus: it takes the last sample at or before `t - W` as the start and does
 * not extrapolate to the window's edges. A drop in the counter counts as a reset (the new value
 * is the increase since it), like Prometheus. Before a whole window exists it uses the first
 * sample and divides by the time actually covered; NaN when there is no earlier sample.
 */
export function rate(series: readonly Point[], windowSeconds: number, atIndex: number): number {
  const end = series[atIndex];
  if (!end || atIndex === 0) return NaN;
  let start = atIndex;
  while (start > 0 && series[start]!.t > end.t - windowSeconds) start -= 1;
  const span = end.t - series[start]!.t;
  if (!(span > 0)) return NaN;
  let increase = 0;
  for (let i = start + 1; i <= atIndex; i++) {
    const prev = series[i - 1]!.value;
    const cur = series[i]!.value;
    increase += cur >= prev ? cur - prev : cur;
  }
  return increase / span;
}

/** One cumulative bucket: how many observations (or how many per second) were at most `le`. */
export interface Bucket {
  /** Upper bound; Infinity for +Inf. */
  le: number;
  /** Cumulative count or rate. */
  count: number;
}

/**
 * PromQL's `histogram_quantile(q, buckets)` for classic histograms, step for step:
 * NaN for NaN q, -Inf for q < 0, +Inf for q > 1; buckets sorted by `le`, equal bounds merged,
 * counts forced to be monotonic; NaN without a +Inf bucket, with fewer than two buckets, or with
 * no observations. The rank `q * total` is found in the first bucket whose count reaches it; in
 * the +Inf bucket the answer is the highest finite bound; otherwise linear interpolation inside
 * the bucket, whose lower bound is the previous bound (0 for the first bucket, or the first
 * bound itself if that is <= 0).
 */
export function histogramQuantile(q: number, buckets: readonly Bucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  const merged: Bucket[] = [];
  for (const b of sorted) {
    const last = merged[merged.length - 1];
    if (last && last.le === b.le) last.count += b.count;
    else merged.push({ le: b.le, count: b.count });
  }
  if (merged.length === 0 || merged[merged.length - 1]!.le !== Infinity) return NaN;
  for (let i = 1; i < merged.length; i++) merged[i]!.count = Math.max(merged[i]!.count, merged[i - 1]!.count);
  if (merged.length < 2) return NaN;
  const total = merged[merged.length - 1]!.count;
  if (!(total > 0)) return NaN;
  const rank = q * total;
  let b = 0;
  while (b < merged.length - 1 && merged[b]!.count < rank) b += 1;
  if (b === merged.length - 1) return merged[merged.length - 2]!.le;
  if (b === 0 && merged[0]!.le <= 0) return merged[0]!.le;
  const upper = merged[b]!.le;
  const lower = b === 0 ? 0 : merged[b - 1]!.le;
  const below = b === 0 ? 0 : merged[b - 1]!.count;
  return lower + (upper - lower) * ((rank - below) / (merged[b]!.count - below));
}

// ---------------------------------------------------------------------------------------------
// The four golden signals
// ---------------------------------------------------------------------------------------------

/** The golden signals at one evaluation. NaN means "no data" (e.g. no traffic), never 0. */
export interface SignalPoint {
  t: number;
  /** Traffic: `sum(rate(http_requests_total[5m]))`, requests per second. */
  trafficRps: number;
  /** Errors: 5xx rate / all requests rate, a fraction (0.05 = 5%). */
  errorRatio: number;
  /** Latency of successful (non-5xx) requests, seconds. */
  latencyP50: number;
  latencyP90: number;
  latencyP99: number;
  /** p99 latency of 5xx responses, seconds, watched on its own. */
  errorLatencyP99: number;
  /** Saturation: the CPU gauge in percent, as scraped (the source's rule uses it directly). */
  cpuPercent: number;
}

/** The signal names an alert rule can compare with a threshold. */
export type SignalName = Exclude<keyof SignalPoint, 't'>;

const counterSeries = (samples: readonly Sample[], value: (s: Sample) => number): Point[] => samples.map((s) => ({ t: s.t, value: value(s) }));

/** The golden signals at every sample, each `rate` over `windowSeconds` (default 5 m). */
export function goldenSignals(samples: readonly Sample[], buckets: readonly number[], windowSeconds = WINDOW_SECONDS): SignalPoint[] {
  const errors = counterSeries(samples, (s) => s.requests['5xx']);
  const total = counterSeries(samples, (s) => s.requests['2xx'] + s.requests['4xx'] + s.requests['5xx']);
  const bucketSeries = (cls: LatencyClass) => buckets.map((_, b) => counterSeries(samples, (s) => s.buckets[cls][b]!));
  const success = bucketSeries('success');
  const failed = bucketSeries('error');
  const bucketRates = (series: Point[][], i: number): Bucket[] => series.map((p, b) => ({ le: buckets[b]!, count: rate(p, windowSeconds, i) }));
  return samples.map((s, i) => {
    const traffic = rate(total, windowSeconds, i);
    const ok = i === 0 ? [] : bucketRates(success, i);
    const bad = i === 0 ? [] : bucketRates(failed, i);
    return {
      t: s.t,
      trafficRps: traffic,
      errorRatio: traffic > 0 ? rate(errors, windowSeconds, i) / traffic : NaN,
      latencyP50: histogramQuantile(0.5, ok),
      latencyP90: histogramQuantile(0.9, ok),
      latencyP99: histogramQuantile(0.99, ok),
      errorLatencyP99: histogramQuantile(0.99, bad),
      cpuPercent: s.cpuPercent,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Alert rules
// ---------------------------------------------------------------------------------------------

export type AlertState = 'inactive' | 'pending' | 'firing';

/** `expr: <signal> > threshold` with `for: forSeconds`. */
export interface AlertRule {
  /** The alert name, e.g. HighErrorRate. */
  name: string;
  signal: SignalName;
  /** The rule is true when the signal is strictly greater (NaN, i.e. no data, is never true). */
  threshold: number;
  forSeconds: number;
  severity: 'critical' | 'warning';
  /** For people, e.g. `error ratio > 5% for 2m`. */
  description: string;
}

/** The lesson's three rules. */
export const PRESET_RULES: readonly AlertRule[] = [
  { name: 'HighErrorRate', signal: 'errorRatio', threshold: 0.05, forSeconds: 120, severity: 'critical', description: 'error ratio > 5% for 2m' },
  { name: 'HighLatency', signal: 'latencyP99', threshold: 0.5, forSeconds: 300, severity: 'warning', description: 'p99 latency of successful requests > 0.5 s for 5m' },
  { name: 'HighResourceUsage', signal: 'cpuPercent', threshold: 80, forSeconds: 600, severity: 'warning', description: 'CPU > 80% for 10m' },
];

/**
 * A transition: `pending` (became true), `firing` (true for `for`), `resolved` (firing, then
 * false), or `inactive` (pending, then false before `for` passed; Prometheus drops it silently).
 */
export interface AlertEvent {
  rule: string;
  state: 'pending' | 'firing' | 'resolved' | 'inactive';
  /** Seconds since the start. */
  at: number;
}

/** A rule's state between evaluations. */
export interface RuleStatus {
  state: AlertState;
  /** When the condition became true: the start of the `for` clock. */
  activeSince: number | null;
}

export const INACTIVE: RuleStatus = { state: 'inactive', activeSince: null };

/** One evaluation at `now`, as Prometheus does it: any false evaluation resets the `for` clock. */
export function evaluateRule(previous: RuleStatus, conditionTrue: boolean, forSeconds: number, now: number): RuleStatus {
  if (!conditionTrue) return INACTIVE;
  const activeSince = previous.state === 'inactive' || previous.activeSince === null ? now : previous.activeSince;
  return { state: now - activeSince >= forSeconds ? 'firing' : 'pending', activeSince };
}

/** Per-rule states at every signal point, and the transitions in time order. */
export interface AlertTimeline {
  /** `states[r][i]` is rule `r`'s state after the evaluation at `signals[i].t`. */
  states: AlertState[][];
  events: AlertEvent[];
}

/** Evaluates every rule at every signal point. */
export function evaluateAlerts(signals: readonly SignalPoint[], rules: readonly AlertRule[]): AlertTimeline {
  const states: AlertState[][] = rules.map(() => []);
  const events: AlertEvent[] = [];
  const status: RuleStatus[] = rules.map(() => INACTIVE);
  for (const point of signals) {
    rules.forEach((rule, r) => {
      const before = status[r]!;
      const after = evaluateRule(before, point[rule.signal] > rule.threshold, rule.forSeconds, point.t);
      status[r] = after;
      states[r]!.push(after.state);
      if (after.state === before.state) return;
      if (after.state === 'inactive') events.push({ rule: rule.name, state: before.state === 'firing' ? 'resolved' : 'inactive', at: point.t });
      else {
        if (before.state === 'inactive' && after.state === 'firing') events.push({ rule: rule.name, state: 'pending', at: point.t });
        events.push({ rule: rule.name, state: after.state, at: point.t });
      }
    });
  }
  return { states, events };
}

// ---------------------------------------------------------------------------------------------
// One call for the UI and the CLI
// ---------------------------------------------------------------------------------------------

export interface RunOptions extends SimulateOptions {
  /** Default: the three preset rules. */
  rules?: readonly AlertRule[];
  /** The `rate` window; default 5 m. */
  windowSeconds?: number;
}

export interface GoldenSignalsRun {
  config: TrafficConfig;
  faults: readonly Fault[];
  rules: readonly AlertRule[];
  samples: Sample[];
  /** One point per sample: the chart series. */
  signals: SignalPoint[];
  /** `alertStates[r][i]`: rule `r` at `signals[i]`. */
  alertStates: AlertState[][];
  events: AlertEvent[];
}

/** Simulates, computes the golden signals and evaluates the alert rules. */
export function runGoldenSignals(config: TrafficConfig, faults: readonly Fault[], options: RunOptions): GoldenSignalsRun {
  const rules = options.rules ?? PRESET_RULES;
  const samples = simulate(config, faults, options);
  const signals = goldenSignals(samples, config.buckets, options.windowSeconds ?? WINDOW_SECONDS);
  const { states, events } = evaluateAlerts(signals, rules);
  return { config, faults, rules, samples, signals, alertStates: states, events };
}
