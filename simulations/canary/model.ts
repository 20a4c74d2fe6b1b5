/**
 * The canary rollout simulator, pure: a new payment-API version is rolled out through weighted
 * steps on seeded traffic, and one of four analysis policies decides after every analysis
 * interval whether it continues, is promoted, rolled back, or paused for a person.
 *
 * The policies follow sre-facts.md section 2:
 * - `simple`: the widely copied `_should_rollback_canary` rule, made precise (see `judgeSimple`);
 *   its old name `source` is still accepted in config files, links and on the command line;
 * - `argo`: an Argo Rollouts background analysis (successCondition / failureCondition,
 *   failureLimit, inconclusiveLimit, consecutiveErrorLimit);
 * - `flagger`: Flagger's loop (interval, stepWeight(s), maxWeight, cumulative FailedChecks
 *   against threshold, request-success-rate and request-duration checks);
 * - `kayenta`: Kayenta's judge (Mann-Whitney U per metric, group and summary scores) run once per
 *   step through Argo Rollouts' Kayenta provider (score >= pass Successful, >= marginal
 *   Inconclusive, else Failed).
 *
 * No DOM, React, XState or Node APIs; every random draw comes from `core/rng` seeded with the
 * run's seed and the interval's number. Same config and seed, same run.
 */
import { binomial, createRng, normal, poisson, type Rng } from '../core/rng';
import { classifyMetric, type Classification, type Direction } from './mann-whitney';

// ---------------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------------

/** The analysis policies the learner can switch between. */
export const POLICIES = ['simple', 'argo', 'flagger', 'kayenta'] as const;
/** One analysis policy. */
export type PolicyName = (typeof POLICIES)[number];
/** True if `name` is a policy. */
export const isPolicyName = (name: string): name is PolicyName => (POLICIES as readonly string[]).includes(name);
/** Old policy names still accepted in config files, share links and on the command line. */
export const POLICY_ALIASES: Readonly<Record<string, PolicyName>> = { source: 'simple' };
/** The policy a name stands for (an alias gives its current name), or undefined if unknown. */
export const policyNamed = (name: string): PolicyName | undefined => (isPolicyName(name) ? name : POLICY_ALIASES[name]);

/** How the new version differs from the current one. */
export const FAULT_KINDS = ['none', 'error-ratio', 'latency-shift'] as const;
/** One kind of badness. */
export type FaultKind = (typeof FAULT_KINDS)[number];
/** True if `name` is a fault kind. */
export const isFaultKind = (name: string): name is FaultKind => (FAULT_KINDS as readonly string[]).includes(name);

/** The new version: `none` (as good as the current one), `error-ratio` (its 5xx fraction is `value`), `latency-shift` (`value` ms added to every request). */
export interface NewVersion {
  fault: FaultKind;
  /** 5xx fraction in [0, 1] for `error-ratio`, milliseconds >= 0 for `latency-shift`, ignored for `none`. */
  value: number;
}

/** One rollout step: send `weight` percent of traffic to the canary, then analyse for `pauseSeconds`. */
export interface RolloutStep {
  weight: number;
  pauseSeconds: number;
}

/** The service's traffic and its current (baseline) version. */
export interface TrafficConfig {
  /** Mean requests per second across both versions (Poisson arrivals). */
  requestsPerSecond: number;
  /** 5xx fraction of the current version. */
  baselineErrorRatio: number;
  /** Median latency of the current version (lognormal), ms. */
  latencyMedianMs: number;
  /** Standard deviation of ln(latency). */
  latencySigma: number;
  /** Availability SLO in percent; the error budget is `1 - SLO/100`. */
  sloPercent: number;
}

/** A threshold condition as Argo writes it: `result[0] <= 0.003`. */
export interface Condition {
  op: '<' | '<=' | '>' | '>=';
  value: number;
}

/** The simple rule: roll back when canary ratio > `baselineMultiple` x baseline ratio, or > `budgetMultiple` x budget. */
export interface SimplePolicy {
  baselineMultiple: number;
  budgetMultiple: number;
}

/** An Argo Rollouts AnalysisTemplate: an error-ratio metric and, optionally, a p99 latency metric. */
export interface ArgoPolicy {
  /** A metric fails when its Failed measurements exceed this (Argo's default 0). */
  failureLimit: number;
  /** A metric is Inconclusive when its Inconclusive measurements exceed this (default 0). */
  inconclusiveLimit: number;
  /** A metric errors when consecutive Error measurements exceed this (default 4). */
  consecutiveErrorLimit: number;
  /** On the canary's error ratio; null when not set. */
  successCondition: Condition | null;
  failureCondition: Condition | null;
  /** A second metric, `latency-p99`, with `successCondition: result[0] <= maxP99Ms/1000`; null for none. */
  maxP99Ms: number | null;
}

/** A Flagger Canary's analysis. Its `interval` is the run's `intervalSeconds`. */
export interface FlaggerPolicy {
  /** Rollback when FailedChecks (cumulative) reaches this. Flagger's default is 1. */
  threshold: number;
  /** request-success-rate: minimum percent of non-5xx responses. */
  minSuccessRatePercent: number;
  /** request-duration: maximum p99 in ms. */
  maxP99Ms: number;
  /** When set, weights go stepWeight, 2 stepWeight, ... up to maxWeight; when null, the rollout steps' weights are `stepWeights`. */
  stepWeight: number | null;
  /** With stepWeight: the last weight before promotion (Flagger's default 100). */
  maxWeight: number;
}

/** Kayenta's judge: two metrics (5xx ratio, latency), each in its own group. */
export interface KayentaPolicy {
  /** Confidence of the Mann-Whitney test (Kayenta's default 0.98). */
  confidence: number;
  /** Score thresholds (commonly 75 and 50). */
  passScore: number;
  marginalScore: number;
  /** Group weights; the summary is their weighted mean. */
  errorsWeight: number;
  latencyWeight: number;
  /** A failing critical metric makes the score 0. */
  errorsCritical: boolean;
}

/** Everything that decides a run, except the seed. */
export interface CanaryConfig {
  policy: PolicyName;
  /** Analysis interval: how often a measurement is taken (Argo metric `interval`, Flagger `interval`). */
  intervalSeconds: number;
  /** Canary steps before promotion to 100%, weights strictly increasing. */
  steps: RolloutStep[];
  traffic: TrafficConfig;
  newVersion: NewVersion;
  simple: SimplePolicy;
  argo: ArgoPolicy;
  flagger: FlaggerPolicy;
  kayenta: KayentaPolicy;
}

/**
 * How many analysis intervals the rollout plans if every one passes: the steps' pauses over the
 * interval. What a learner may know before the run; the run itself may end earlier (an abort).
 */
export function plannedIntervals(config: Pick<CanaryConfig, 'steps' | 'intervalSeconds'>): number {
  return Math.max(1, Math.round(config.steps.reduce((n, s) => n + s.pauseSeconds, 0) / config.intervalSeconds));
}

/** Error ratios are counted in buckets of this length (Kayenta's error-ratio samples). */
export const BUCKET_SECONDS = 10;
/** At most this many latency samples per version per interval (p99s and Kayenta's latency test use them). */
export const LATENCY_SAMPLES_PER_INTERVAL = 250;
/** The SLO period for budget figures: 30 days. */
export const BUDGET_PERIOD_SECONDS = 30 * 86_400;
/** A run stops after this many intervals at most (validation keeps configs below it). */
export const MAX_INTERVALS = 400;

/** The course's payment API (SLO 99.95% as in the lesson) and its canary plan, 5% -> 25% -> 50% -> 100%. */
export const DEFAULT_CONFIG: CanaryConfig = {
  policy: 'argo',
  intervalSeconds: 60,
  steps: [
    { weight: 5, pauseSeconds: 300 },
    { weight: 25, pauseSeconds: 300 },
    { weight: 50, pauseSeconds: 300 },
  ],
  traffic: { requestsPerSecond: 200, baselineErrorRatio: 0.0002, latencyMedianMs: 80, latencySigma: 0.5, sloPercent: 99.95 },
  newVersion: { fault: 'none', value: 0 },
  simple: { baselineMultiple: 2, budgetMultiple: 5 },
  // The lesson's AnalysisTemplate: <= 6x the 0.05% budget succeeds, > 14.4x fails, in between is Inconclusive.
  argo: {
    failureLimit: 1,
    inconclusiveLimit: 0,
    consecutiveErrorLimit: 4,
    successCondition: { op: '<=', value: 0.003 },
    failureCondition: { op: '>', value: 0.0072 },
    maxP99Ms: 500,
  },
  // The lesson's Canary: min success rate 100 - 14.4 x 0.05 = 99.28%, p99 <= 500 ms, threshold 3.
  flagger: { threshold: 3, minSuccessRatePercent: 99.28, maxP99Ms: 500, stepWeight: null, maxWeight: 100 },
  kayenta: { confidence: 0.98, passScore: 75, marginalScore: 50, errorsWeight: 50, latencyWeight: 50, errorsCritical: true },
};

/** The error budget as a fraction: `1 - SLO`. 99.95% -> 0.0005. */
export const errorBudget = (sloPercent: number) => Math.round((1 - sloPercent / 100) * 1e12) / 1e12;

/** The new version's true 5xx fraction. */
export const newVersionErrorRatio = (config: CanaryConfig) => (config.newVersion.fault === 'error-ratio' ? config.newVersion.value : config.traffic.baselineErrorRatio);
/** Milliseconds the new version adds to each request. */
export const newVersionLatencyShiftMs = (config: CanaryConfig) => (config.newVersion.fault === 'latency-shift' ? config.newVersion.value : 0);

/** `result[0] <= 0.003`, the way Argo writes a condition. */
export const conditionText = (c: Condition) => `result[0] ${c.op} ${c.value}`;
/** True if `value` satisfies the condition. */
export function conditionHolds(c: Condition, value: number): boolean {
  switch (c.op) {
    case '<':
      return value < c.value;
    case '<=':
      return value <= c.value;
    case '>':
      return value > c.value;
    case '>=':
      return value >= c.value;
  }
}

/** Weights Flagger steps through: `stepWeight` multiples up to `maxWeight`, or the rollout steps' weights. */
export function flaggerWeights(config: CanaryConfig): number[] {
  const { stepWeight, maxWeight } = config.flagger;
  if (stepWeight === null) return config.steps.map((s) => s.weight);
  return Array.from({ length: Math.ceil(maxWeight / stepWeight) }, (_, i) => Math.min(maxWeight, (i + 1) * stepWeight));
}

/** Flagger's fastest promotion: one passing interval per weight, `interval * maxWeight / stepWeight` for even steps. */
export const flaggerMinimumPromotionSeconds = (config: CanaryConfig) => config.intervalSeconds * flaggerWeights(config).length;

// ---------------------------------------------------------------------------------------------
// Traffic
// ---------------------------------------------------------------------------------------------

/** What one version served in one interval. */
export interface VersionSample {
  requests: number;
  errors: number;
  /** errors / requests, null when it served nothing. */
  errorRatio: number | null;
  /** p99 of the latency samples in ms (nearest rank), null without samples. */
  p99Ms: number | null;
  /** Error ratio of each 10 s bucket in which it served requests. */
  errorRatioSamples: number[];
  /** Up to `LATENCY_SAMPLES_PER_INTERVAL` request latencies in ms. */
  latencySamplesMs: number[];
}

/** Nearest-rank quantile of sorted values, null for none. */
function quantileSorted(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function latencies(rng: Rng, count: number, medianMs: number, sigma: number, shiftMs: number): number[] {
  const mu = Math.log(medianMs);
  return Array.from({ length: count }, () => Math.exp(normal(rng, mu, sigma)) + shiftMs);
}

/**
 * Draws interval `index` at canary weight `weight`: per 10 s bucket, Poisson arrivals, a binomial
 * split between canary and baseline, binomial errors for each; then latency samples. The RNG is
 * seeded with the run's seed and the interval number, so an interval's traffic depends only on
 * the seed, its number, its weight and the versions, whatever the policy decided before.
 */
export function sampleInterval(config: CanaryConfig, seed: string | number, index: number, weight: number): { baseline: VersionSample; canary: VersionSample } {
  const rng = createRng(`canary:${seed}:${index}`);
  const perBucket = config.traffic.requestsPerSecond * BUCKET_SECONDS;
  const canaryRatio = newVersionErrorRatio(config);
  const counts = { baseline: { requests: 0, errors: 0, ratios: [] as number[] }, canary: { requests: 0, errors: 0, ratios: [] as number[] } };
  for (let b = 0; b < config.intervalSeconds / BUCKET_SECONDS; b++) {
    const total = poisson(rng, perBucket);
    const canaryRequests = binomial(rng, total, weight / 100);
    const baselineRequests = total - canaryRequests;
    const canaryErrors = binomial(rng, canaryRequests, canaryRatio);
    const baselineErrors = binomial(rng, baselineRequests, config.traffic.baselineErrorRatio);
    for (const [c, n, e] of [
      [counts.canary, canaryRequests, canaryErrors],
      [counts.baseline, baselineRequests, baselineErrors],
    ] as const) {
      c.requests += n;
      c.errors += e;
      if (n > 0) c.ratios.push(e / n);
    }
  }
  const { latencyMedianMs, latencySigma } = config.traffic;
  const version = (c: (typeof counts)['canary'], shiftMs: number): VersionSample => {
    const latencySamplesMs = latencies(rng, Math.min(c.requests, LATENCY_SAMPLES_PER_INTERVAL), latencyMedianMs, latencySigma, shiftMs);
    return {
      requests: c.requests,
      errors: c.errors,
      errorRatio: c.requests > 0 ? c.errors / c.requests : null,
      p99Ms: quantileSorted([...latencySamplesMs].sort((a, b) => a - b), 0.99),
      errorRatioSamples: c.ratios,
      latencySamplesMs,
    };
  };
  return { baseline: version(counts.baseline, 0), canary: version(counts.canary, newVersionLatencyShiftMs(config)) };
}

// ---------------------------------------------------------------------------------------------
// Policies
// ---------------------------------------------------------------------------------------------

/** What the analysis made of one interval. */
export type Verdict = 'pass' | 'fail' | 'inconclusive' | 'error' | 'collecting';
/** What the rollout does after the interval. */
export type RolloutAction = 'continue' | 'advance' | 'promote' | 'rollback' | 'pause';

/** The simple rule's view of one interval. */
export interface SimpleDetail {
  kind: 'simple';
  canaryErrorRatio: number | null;
  baselineErrorRatio: number | null;
  /** `baselineMultiple * baseline ratio`, null without baseline traffic. */
  baselineLimit: number | null;
  /** `budgetMultiple * (1 - SLO)`. */
  budgetLimit: number;
  /** Which test triggered, if any. */
  triggered: 'baseline' | 'budget' | null;
}

/** Argo's measurement phases. */
export type MeasurementPhase = 'Successful' | 'Failed' | 'Inconclusive' | 'Error';
/** Argo's metric phases. */
export type MetricPhase = MeasurementPhase | 'Running';

/** One Argo metric's measurement this interval and its phase over all measurements so far. */
export interface ArgoMetricState {
  name: string;
  value: number | null;
  measurement: MeasurementPhase;
  phase: MetricPhase;
  failed: number;
  inconclusive: number;
  consecutiveErrors: number;
}

/** Argo's view of one interval. */
export interface ArgoDetail {
  kind: 'argo';
  metrics: ArgoMetricState[];
}

/** One Flagger check. */
export interface FlaggerCheck {
  name: 'request-success-rate' | 'request-duration';
  /** Percent for the success rate, ms for the duration; null when there was no data (a failing check). */
  value: number | null;
  limit: number;
  ok: boolean;
}

/** Flagger's view of one interval. */
export interface FlaggerDetail {
  kind: 'flagger';
  checks: FlaggerCheck[];
  /** Cumulative failed checks after this interval. */
  failedChecks: number;
}

/** One Kayenta metric judged. */
export interface KayentaMetric {
  name: '5xx-ratio' | 'latency';
  group: 'errors' | 'latency';
  classification: Classification;
  fails: boolean;
  critical: boolean;
  canarySamples: number;
  baselineSamples: number;
  u: number | null;
  z: number | null;
  p: number | null;
}

/** Kayenta's view of one step (null on intervals that only collect data). */
export interface KayentaDetail {
  kind: 'kayenta';
  judgement: null | {
    metrics: KayentaMetric[];
    groupScores: { errors: number | null; latency: number | null };
    score: number;
    result: 'Pass' | 'Marginal' | 'Fail';
  };
}

/** One analysis interval of the rollout. */
export interface IntervalRecord {
  /** 0-based interval number. */
  index: number;
  startSeconds: number;
  endSeconds: number;
  /** Index into the steps (or Flagger's weights). */
  stepIndex: number;
  /** Canary weight during the interval, percent. */
  weight: number;
  baseline: Omit<VersionSample, 'latencySamplesMs' | 'errorRatioSamples'>;
  canary: Omit<VersionSample, 'latencySamplesMs' | 'errorRatioSamples'>;
  verdict: Verdict;
  action: RolloutAction;
  /** One sentence: what the analysis saw and did. */
  summary: string;
  detail: SimpleDetail | ArgoDetail | FlaggerDetail | KayentaDetail;
}

/** How the rollout ended. */
export interface Outcome {
  result: 'promoted' | 'rolled-back' | 'paused';
  /** Seconds from the start of the rollout. */
  atSeconds: number;
  /** The step (index) and canary weight when it was decided. */
  stepIndex: number;
  weight: number;
  reason: string;
}

/** What a version cost while it served traffic. */
export interface Cost {
  /** Requests the new version served (sampled). */
  requests: number;
  /** Expected failed requests above what the current version would have failed: requests x (new ratio - current ratio), at least 0. */
  excessErrors: number;
  /** `excessErrors` as a fraction of the 30-day error budget at the mean traffic. */
  budgetFraction: number;
  /** Requests that got the slower responses of a latency regression (0 otherwise). */
  slowedRequests: number;
}

/** The canary's cost against a big-bang deploy of the same version. */
export interface CostComparison {
  canary: Cost;
  bigBang: Cost;
  /** Exactly what "big bang" means here, for the UI and the CLI. */
  definition: string;
}

/** One run of the simulator. */
export interface CanaryRun {
  config: CanaryConfig;
  seed: string;
  intervals: IntervalRecord[];
  outcome: Outcome;
  cost: CostComparison;
  /** The 30-day error budget in requests at the mean traffic: (1 - SLO) x rate x 30 d. */
  budgetRequests: number;
}

/**
 * The widely copied `_should_rollback_canary`, made precise. It compares `canary_error_rate`
 * with `baseline * 2` and with `error_budget * 5` where `error_budget = 100 - 99.95` is in percent
 * while its rates are not stated; here every quantity is a fraction (budget `1 - SLO`). Its rates
 * are taken over the same analysis interval for both versions; the rule is checked every interval
 * (the original checks once, at the start). An interval in which the canary served nothing is not
 * judged; with no baseline traffic (weight 100) only the budget test applies. Comparisons are
 * strict (`>`), as in the original.
 */
export function judgeSimple(policy: SimplePolicy, sloPercent: number, canary: number | null, baseline: number | null): SimpleDetail {
  const budgetLimit = policy.budgetMultiple * errorBudget(sloPercent);
  const baselineLimit = baseline === null ? null : policy.baselineMultiple * baseline;
  let triggered: SimpleDetail['triggered'] = null;
  if (canary !== null) {
    if (baselineLimit !== null && canary > baselineLimit) triggered = 'baseline';
    else if (canary > budgetLimit) triggered = 'budget';
  }
  return { kind: 'simple', canaryErrorRatio: canary, baselineErrorRatio: baseline, baselineLimit, budgetLimit, triggered };
}

/**
 * How Argo Rollouts judges one measurement (`value` null: the query returned no data, an Error):
 * failureCondition true -> Failed; success only -> false is Failed; failure only -> false is
 * Successful; both set and neither true -> Inconclusive.
 */
export function judgeMeasurement(value: number | null, success: Condition | null, failure: Condition | null): MeasurementPhase {
  if (value === null) return 'Error';
  if (failure && conditionHolds(failure, value)) return 'Failed';
  if (success === null) return 'Successful';
  if (conditionHolds(success, value)) return 'Successful';
  return failure === null ? 'Failed' : 'Inconclusive';
}

/**
 * A metric's phase after these measurements, as Argo Rollouts assesses it: after each measurement,
 * Failed when Failed measurements exceed `failureLimit` (so failureLimit 3 needs 4), else
 * Inconclusive when Inconclusive ones exceed `inconclusiveLimit`, else Error when consecutive Errors
 * exceed `consecutiveErrorLimit`. The first limit crossed completes the metric: Argo takes no more
 * measurements and later ones never change the phase (`assessMetricStatus` returns a completed
 * phase as is). Otherwise Running (a background analysis has no `count`, so it never completes by
 * itself). The counts are those at the moment the phase was decided.
 */
export function metricPhase(measurements: readonly MeasurementPhase[], limits: Pick<ArgoPolicy, 'failureLimit' | 'inconclusiveLimit' | 'consecutiveErrorLimit'>) {
  let failed = 0;
  let inconclusive = 0;
  let consecutiveErrors = 0;
  for (const m of measurements) {
    consecutiveErrors = m === 'Error' ? consecutiveErrors + 1 : 0;
    if (m === 'Failed') failed += 1;
    if (m === 'Inconclusive') inconclusive += 1;
    const phase: MetricPhase | null =
      failed > limits.failureLimit
        ? 'Failed'
        : inconclusive > limits.inconclusiveLimit
          ? 'Inconclusive'
          : consecutiveErrors > limits.consecutiveErrorLimit
            ? 'Error'
            : null;
    if (phase !== null) return { phase, failed, inconclusive, consecutiveErrors };
  }
  return { phase: 'Running' as MetricPhase, failed, inconclusive, consecutiveErrors };
}

/**
 * One turn of Flagger's loop. All checks pass: promote if already at the last weight, else move
 * to the next weight. Any check fails: FailedChecks + 1 (cumulative: passing intervals never reset
 * it) and the weight is held; rollback once FailedChecks >= threshold.
 */
export function flaggerDecision(state: { step: number; failedChecks: number }, allChecksPass: boolean, weightCount: number, threshold: number): { action: RolloutAction; failedChecks: number } {
  if (allChecksPass) return { action: state.step >= weightCount - 1 ? 'promote' : 'advance', failedChecks: state.failedChecks };
  const failedChecks = state.failedChecks + 1;
  return { action: failedChecks >= threshold ? 'rollback' : 'continue', failedChecks };
}

/** Pass / (Pass + failures) x 100 over a group's metrics; null when none counted (all NoData). */
export function groupScore(metrics: readonly { classification: Classification; fails: boolean }[]): number | null {
  const pass = metrics.filter((m) => !m.fails && m.classification !== 'NoData').length;
  const counted = pass + metrics.filter((m) => m.fails).length;
  return counted === 0 ? null : (pass / counted) * 100;
}

/**
 * Kayenta's summary score: 0 if a critical metric fails, otherwise the weighted mean of the
 * group scores that counted (groups with only NoData are left out); 0 if none counted.
 */
export function summaryScore(metrics: readonly KayentaMetric[], weights: { errors: number; latency: number }): { score: number; groupScores: { errors: number | null; latency: number | null } } {
  const groupScores = {
    errors: groupScore(metrics.filter((m) => m.group === 'errors')),
    latency: groupScore(metrics.filter((m) => m.group === 'latency')),
  };
  if (metrics.some((m) => m.critical && m.fails)) return { score: 0, groupScores };
  let weighted = 0;
  let total = 0;
  for (const group of ['errors', 'latency'] as const) {
    const score = groupScores[group];
    if (score === null) continue;
    weighted += score * weights[group];
    total += weights[group];
  }
  return { score: total === 0 ? 0 : weighted / total, groupScores };
}

/** Score >= pass -> Pass, >= marginal -> Marginal, else Fail. */
export const scoreResult = (score: number, pass: number, marginal: number): 'Pass' | 'Marginal' | 'Fail' => (score >= pass ? 'Pass' : score >= marginal ? 'Marginal' : 'Fail');

/** Kayenta's judgement of canary against baseline samples: both metrics only count an increase against the canary. */
export function judgeKayenta(policy: KayentaPolicy, canary: { errorRatios: number[]; latencies: number[] }, baseline: { errorRatios: number[]; latencies: number[] }): NonNullable<KayentaDetail['judgement']> {
  const direction: Direction = 'increase';
  const metric = (name: KayentaMetric['name'], group: KayentaMetric['group'], critical: boolean, c: number[], b: number[]): KayentaMetric => {
    const r = classifyMetric(c, b, policy.confidence, direction);
    return {
      name,
      group,
      critical,
      classification: r.classification,
      fails: r.fails,
      canarySamples: c.length,
      baselineSamples: b.length,
      u: r.test?.u1 ?? null,
      z: r.test?.z ?? null,
      p: r.test?.p ?? null,
    };
  };
  const metrics = [
    metric('5xx-ratio', 'errors', policy.errorsCritical, canary.errorRatios, baseline.errorRatios),
    metric('latency', 'latency', false, canary.latencies, baseline.latencies),
  ];
  const { score, groupScores } = summaryScore(metrics, { errors: policy.errorsWeight, latency: policy.latencyWeight });
  return { metrics, groupScores, score, result: scoreResult(score, policy.passScore, policy.marginalScore) };
}

// ---------------------------------------------------------------------------------------------
// The rollout
// ---------------------------------------------------------------------------------------------

const pct = (x: number | null, digits = 2) => (x === null ? 'no data' : `${(x * 100).toFixed(digits)}%`);
const strip = (s: VersionSample): IntervalRecord['canary'] => ({ requests: s.requests, errors: s.errors, errorRatio: s.errorRatio, p99Ms: s.p99Ms });

/** Runs the rollout under `config.policy` with traffic seeded by `seed`. */
export function runCanary(config: CanaryConfig, seed: string | number): CanaryRun {
  const intervals: IntervalRecord[] = [];
  const interval = config.intervalSeconds;
  const state: { outcome: Outcome | null } = { outcome: null };
  const record = (r: Omit<IntervalRecord, 'index' | 'startSeconds' | 'endSeconds' | 'baseline' | 'canary'>, s: ReturnType<typeof sampleInterval>) => {
    const index = intervals.length;
    intervals.push({ index, startSeconds: index * interval, endSeconds: (index + 1) * interval, ...r, baseline: strip(s.baseline), canary: strip(s.canary) });
  };
  const end = (result: Outcome['result'], stepIndex: number, weight: number, reason: string) => {
    state.outcome = { result, atSeconds: intervals.length * interval, stepIndex, weight, reason };
  };

  if (config.policy === 'flagger') {
    const weights = flaggerWeights(config);
    const { threshold, minSuccessRatePercent, maxP99Ms } = config.flagger;
    let step = 0;
    let failedChecks = 0;
    while (state.outcome === null && intervals.length < MAX_INTERVALS) {
      const weight = weights[step]!;
      const s = sampleInterval(config, seed, intervals.length, weight);
      const successRate = s.canary.errorRatio === null ? null : (1 - s.canary.errorRatio) * 100;
      const checks: FlaggerCheck[] = [
        { name: 'request-success-rate', value: successRate, limit: minSuccessRatePercent, ok: successRate !== null && successRate >= minSuccessRatePercent },
        { name: 'request-duration', value: s.canary.p99Ms, limit: maxP99Ms, ok: s.canary.p99Ms !== null && s.canary.p99Ms <= maxP99Ms },
      ];
      const failing = checks.filter((c) => !c.ok);
      const decided = flaggerDecision({ step, failedChecks }, failing.length === 0, weights.length, threshold);
      const action = decided.action;
      failedChecks = decided.failedChecks;
      let summary: string;
      if (failing.length === 0) {
        summary = action === 'promote' ? `Checks pass at the maximum weight ${weight}%: promote.` : `Checks pass: weight ${weight}% -> ${weights[step + 1]}%.`;
      } else {
        const what = failing.map((c) => (c.value === null ? `${c.name} has no data` : `${c.name} ${c.value.toFixed(c.name === 'request-duration' ? 0 : 2)} ${c.name === 'request-duration' ? `ms > ${c.limit}` : `% < ${c.limit}`}`)).join(', ');
        summary = `${what}; FailedChecks ${failedChecks}/${threshold}` + (action === 'rollback' ? ': roll back.' : ', weight held.');
      }
      record({ stepIndex: step, weight, verdict: failing.length ? 'fail' : 'pass', action, summary, detail: { kind: 'flagger', checks, failedChecks } }, s);
      if (action === 'promote') end('promoted', step, weight, `every check passed at each weight up to ${weight}% (FailedChecks ${failedChecks} < threshold ${threshold})`);
      else if (action === 'rollback') end('rolled-back', step, weight, `FailedChecks reached the threshold ${threshold} (${summary.replace(/: roll back\.$/, '')})`);
      else if (action === 'advance') step += 1;
    }
  } else {
    const argoHistory: Record<string, MeasurementPhase[]> = { 'error-ratio': [], 'latency-p99': [] };
    for (const [stepIndex, stepDef] of config.steps.entries()) {
      const count = stepDef.pauseSeconds / interval;
      const collected = { canary: { errorRatios: [] as number[], latencies: [] as number[] }, baseline: { errorRatios: [] as number[], latencies: [] as number[] } };
      for (let j = 0; j < count && state.outcome === null; j++) {
        const weight = stepDef.weight;
        const s = sampleInterval(config, seed, intervals.length, weight);
        const last = j === count - 1;
        const moveOn: RolloutAction = last ? (stepIndex === config.steps.length - 1 ? 'promote' : 'advance') : 'continue';
        const onward = moveOn === 'promote' ? ' Last step done: promote to 100%.' : moveOn === 'advance' ? ` Step done: weight ${weight}% -> ${config.steps[stepIndex + 1]!.weight}%.` : '';
        if (config.policy === 'simple') {
          const d = judgeSimple(config.simple, config.traffic.sloPercent, s.canary.errorRatio, s.baseline.errorRatio);
          const fail = d.triggered !== null;
          const summary =
            d.canaryErrorRatio === null
              ? `The canary served no requests: nothing to judge.${onward}`
              : fail
                ? `Canary ${pct(d.canaryErrorRatio, 3)} > ${d.triggered === 'baseline' ? `${config.simple.baselineMultiple} x baseline (${pct(d.baselineLimit, 3)})` : `${config.simple.budgetMultiple} x budget (${pct(d.budgetLimit, 3)})`}: roll back.`
                : `Canary ${pct(d.canaryErrorRatio, 3)} within ${d.baselineLimit === null ? '' : `${pct(d.baselineLimit, 3)} (baseline x ${config.simple.baselineMultiple}) and `}${pct(d.budgetLimit, 3)} (budget x ${config.simple.budgetMultiple}).${onward}`;
          record({ stepIndex, weight, verdict: d.canaryErrorRatio === null ? 'error' : fail ? 'fail' : 'pass', action: fail ? 'rollback' : moveOn, summary, detail: d }, s);
          if (fail) end('rolled-back', stepIndex, weight, summary.replace(/: roll back\.$/, ''));
        } else if (config.policy === 'argo') {
          const a = config.argo;
          const measured: [string, number | null, Condition | null, Condition | null][] = [['error-ratio', s.canary.errorRatio, a.successCondition, a.failureCondition]];
          if (a.maxP99Ms !== null) measured.push(['latency-p99', s.canary.p99Ms === null ? null : s.canary.p99Ms / 1000, { op: '<=', value: a.maxP99Ms / 1000 }, null]);
          const metrics: ArgoMetricState[] = measured.map(([name, value, success, failure]) => {
            const measurement = judgeMeasurement(value, success, failure);
            argoHistory[name]!.push(measurement);
            return { name, value, measurement, ...metricPhase(argoHistory[name]!, a) };
          });
          const failedMetric = metrics.find((m) => m.phase === 'Failed' || m.phase === 'Error');
          const inconclusiveMetric = metrics.find((m) => m.phase === 'Inconclusive');
          const worst = metrics.some((m) => m.measurement === 'Failed')
            ? 'fail'
            : metrics.some((m) => m.measurement === 'Error')
              ? 'error'
              : metrics.some((m) => m.measurement === 'Inconclusive')
                ? 'inconclusive'
                : 'pass';
          const seen = metrics.map((m) => `${m.name} ${m.value === null ? 'no data' : m.name === 'error-ratio' ? pct(m.value, 3) : `${Math.round(m.value * 1000)} ms`} ${m.measurement}`).join(', ');
          let action: RolloutAction = moveOn;
          let summary = `${seen}.${onward}`;
          if (failedMetric) {
            action = 'rollback';
            const why =
              failedMetric.phase === 'Failed'
                ? `${failedMetric.failed} failed measurements of ${failedMetric.name} exceed failureLimit ${a.failureLimit}`
                : `${failedMetric.consecutiveErrors} consecutive errors of ${failedMetric.name} exceed consecutiveErrorLimit ${a.consecutiveErrorLimit}`;
            summary = `${seen}. ${why}: abort, canary weight to 0, Rollout Degraded.`;
            record({ stepIndex, weight, verdict: worst, action, summary, detail: { kind: 'argo', metrics } }, s);
            end('rolled-back', stepIndex, weight, `${why} (metric ${failedMetric.phase})`);
          } else if (inconclusiveMetric) {
            action = 'pause';
            const why = `${inconclusiveMetric.inconclusive} inconclusive measurements of ${inconclusiveMetric.name} exceed inconclusiveLimit ${a.inconclusiveLimit}`;
            summary = `${seen}. ${why}: the rollout pauses for a person.`;
            record({ stepIndex, weight, verdict: worst, action, summary, detail: { kind: 'argo', metrics } }, s);
            end('paused', stepIndex, weight, `${why} (metric Inconclusive); waiting for a person to promote or abort`);
          } else {
            record({ stepIndex, weight, verdict: worst, action, summary, detail: { kind: 'argo', metrics } }, s);
          }
        } else {
          collected.canary.errorRatios.push(...s.canary.errorRatioSamples);
          collected.canary.latencies.push(...s.canary.latencySamplesMs);
          collected.baseline.errorRatios.push(...s.baseline.errorRatioSamples);
          collected.baseline.latencies.push(...s.baseline.latencySamplesMs);
          if (!last) {
            record({ stepIndex, weight, verdict: 'collecting', action: 'continue', summary: `Collecting samples; Kayenta judges this step after ${stepDef.pauseSeconds / 60} min.`, detail: { kind: 'kayenta', judgement: null } }, s);
            continue;
          }
          const k = config.kayenta;
          const judgement = judgeKayenta(k, collected.canary, collected.baseline);
          const classes = judgement.metrics.map((m) => `${m.name} ${m.classification}${m.p === null ? '' : ` (p ${m.p < 0.0001 ? '< 0.0001' : m.p.toFixed(4)})`}`).join(', ');
          const scoreText = `score ${judgement.score.toFixed(1)} (${judgement.result})`;
          const action: RolloutAction = judgement.result === 'Fail' ? 'rollback' : judgement.result === 'Marginal' ? 'pause' : moveOn;
          const summary =
            action === 'rollback'
              ? `${classes}; ${scoreText} < marginal ${k.marginalScore}: Failed, roll back.`
              : action === 'pause'
                ? `${classes}; ${scoreText} between marginal ${k.marginalScore} and pass ${k.passScore}: Inconclusive, the rollout pauses for a person.`
                : `${classes}; ${scoreText} >= pass ${k.passScore}.${onward}`;
          record({ stepIndex, weight, verdict: judgement.result === 'Pass' ? 'pass' : judgement.result === 'Marginal' ? 'inconclusive' : 'fail', action, summary, detail: { kind: 'kayenta', judgement } }, s);
          if (action === 'rollback') end('rolled-back', stepIndex, weight, `Kayenta ${scoreText} is below marginal ${k.marginalScore}${judgement.metrics.some((m) => m.critical && m.fails) ? ' (a critical metric failed)' : ''}`);
          if (action === 'pause') end('paused', stepIndex, weight, `Kayenta ${scoreText} is marginal: Inconclusive; waiting for a person to promote or abort`);
        }
      }
      if (state.outcome !== null) break;
    }
    if (state.outcome === null) {
      const lastStep = config.steps.length - 1;
      end('promoted', lastStep, config.steps[lastStep]!.weight, `every step's analysis passed; the new version now takes 100%`);
    }
  }
  const finalOutcome: Outcome = state.outcome ?? { result: 'paused', atSeconds: intervals.length * interval, stepIndex: 0, weight: 0, reason: `stopped after ${MAX_INTERVALS} intervals` };
  const budgetRequests = errorBudget(config.traffic.sloPercent) * config.traffic.requestsPerSecond * BUDGET_PERIOD_SECONDS;
  return { config, seed: String(seed), intervals, outcome: finalOutcome, cost: compareCost(config, seed, intervals, budgetRequests), budgetRequests };
}

/** What "big bang" means in the cost comparison (shown in the UI and printed by the CLI). */
export const BIG_BANG_DEFINITION =
  'Big bang: the same version takes 100% of traffic at once and is caught at the end of the first analysis interval, ' +
  'the soonest the same cadence can catch anything (a best case for the big bang).';

/**
 * The new version's cost (requests served, expected excess failures, share of the 30-day budget)
 * under the canary up to its decision (or to the end of the rollout if promoted), against the big
 * bang: all of interval 0's traffic (sampled with the same seed at weight 100) on the new version.
 */
export function compareCost(config: CanaryConfig, seed: string | number, intervals: readonly IntervalRecord[], budgetRequests: number): CostComparison {
  const excessRatio = Math.max(0, newVersionErrorRatio(config) - config.traffic.baselineErrorRatio);
  const slowed = config.newVersion.fault === 'latency-shift' && config.newVersion.value > 0;
  const cost = (requests: number): Cost => {
    const excessErrors = requests * excessRatio;
    return { requests, excessErrors, budgetFraction: budgetRequests > 0 ? excessErrors / budgetRequests : 0, slowedRequests: slowed ? requests : 0 };
  };
  const canaryRequests = intervals.reduce((s, r) => s + r.canary.requests, 0);
  const bigBang = sampleInterval(config, seed, 0, 100).canary.requests;
  return { canary: cost(canaryRequests), bigBang: cost(bigBang), definition: BIG_BANG_DEFINITION };
}
