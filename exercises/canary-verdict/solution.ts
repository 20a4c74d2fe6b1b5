export type MeasurementPhase = 'Successful' | 'Failed' | 'Inconclusive' | 'Error';
export type MetricPhase = MeasurementPhase | 'Running';

/** An Argo Rollouts metric's limits; the three limits must be exceeded, not merely reached. */
export interface MetricLimits {
  /** Measurements after which the metric completes; unset for a background analysis. */
  count?: number;
  /** Default 0. */
  failureLimit?: number;
  /** Default 0. */
  inconclusiveLimit?: number;
  /** Default 4. */
  consecutiveErrorLimit?: number;
}

export interface FlaggerAnalysis {
  /** Default 60. */
  intervalSeconds?: number;
  stepWeight?: number;
  /** Used instead of stepWeight when given. */
  stepWeights?: number[];
  /** Default 100; ignored with stepWeights (their last entry is the maximum). */
  maxWeight?: number;
  /** Default 1. */
  threshold?: number;
}

export interface FlaggerOutcome {
  result: 'promoted' | 'rolled-back' | 'running';
  afterSeconds: number;
  weight: number;
  failedChecks: number;
}

export type Classification = 'Pass' | 'High' | 'Low' | 'NoData';

/** One Kayenta metric, classified by the Mann-Whitney test (canary against baseline). */
export interface MetricResult {
  name: string;
  group: string;
  classification: Classification;
  /** A failing critical metric makes the whole score 0. */
  critical?: boolean;
  /** NoData counts as a failure only when this is true. */
  noDataFails?: boolean;
}

/** How Argo Rollouts judges one measurement; `value` is undefined when the provider query failed. */
export function judgeMeasurement(
  value: number | undefined,
  success?: (v: number) => boolean,
  failure?: (v: number) => boolean,
): MeasurementPhase {
  if (value === undefined) return 'Error';
  if (failure?.(value)) return 'Failed';
  if (success === undefined) return 'Successful'; // only a failure condition (or none), and it is false
  if (success(value)) return 'Successful';
  return failure === undefined ? 'Failed' : 'Inconclusive'; // both set, neither true
}

/** The metric's phase after these measurements. */
export function metricPhase(ms: readonly MeasurementPhase[], limits: MetricLimits = {}): MetricPhase {
  const { count, failureLimit = 0, inconclusiveLimit = 0, consecutiveErrorLimit = 4 } = limits;
  const failed = ms.filter((m) => m === 'Failed').length;
  const inconclusive = ms.filter((m) => m === 'Inconclusive').length;
  let consecutiveErrors = 0;
  for (const m of ms) consecutiveErrors = m === 'Error' ? consecutiveErrors + 1 : 0;
  if (failed > failureLimit) return 'Failed';
  if (inconclusive > inconclusiveLimit) return 'Inconclusive';
  if (consecutiveErrors > consecutiveErrorLimit) return 'Error';
  if (count !== undefined && ms.length >= count) return 'Successful';
  return 'Running';
}

/** What the rollout does next. */
export function rolloutAction(phase: MetricPhase): 'proceed' | 'pause-for-a-person' | 'abort' {
  if (phase === 'Failed' || phase === 'Error') return 'abort'; // canary weight to 0, Rollout Degraded
  if (phase === 'Inconclusive') return 'pause-for-a-person';
  return 'proceed';
}

/** The weights Flagger steps through. */
function flaggerWeights(a: FlaggerAnalysis): number[] {
  if (a.stepWeights !== undefined) return a.stepWeights;
  const step = a.stepWeight;
  if (step === undefined || !(step > 0)) throw new RangeError('set stepWeight or stepWeights');
  const max = a.maxWeight ?? 100;
  return Array.from({ length: Math.ceil(max / step) }, (_, i) => Math.min(max, (i + 1) * step));
}

/**
 * A simplified Flagger analysis loop. `intervals[i]` holds the pass/fail result of every metric
 * check in interval i; one failing check fails the interval.
 */
export function runFlagger(intervals: readonly (readonly boolean[])[], a: FlaggerAnalysis): FlaggerOutcome {
  const interval = a.intervalSeconds ?? 60;
  const threshold = a.threshold ?? 1;
  const weights = flaggerWeights(a);
  let step = -1; // index into weights; -1 means no traffic yet
  let failedChecks = 0;
  for (const [i, checks] of intervals.entries()) {
    const afterSeconds = (i + 1) * interval;
    if (checks.every(Boolean)) {
      step += 1;
      if (step === weights.length - 1) return { result: 'promoted', afterSeconds, weight: weights[step]!, failedChecks };
    } else if (++failedChecks >= threshold) {
      return { result: 'rolled-back', afterSeconds, weight: 0, failedChecks };
    }
  }
  return { result: 'running', afterSeconds: intervals.length * interval, weight: weights[step] ?? 0, failedChecks };
}

/** The fastest possible promotion: one passing interval per weight. */
export function minimumPromotionSeconds(a: FlaggerAnalysis): number {
  return (a.intervalSeconds ?? 60) * flaggerWeights(a).length;
}

const fails = (r: MetricResult) =>
  r.classification === 'High' || r.classification === 'Low' || (r.classification === 'NoData' && r.noDataFails === true);

/** Pass / (Pass + failures) x 100 over one group's metrics, or undefined when nothing in it counted. */
export function groupScore(results: readonly MetricResult[]): number | undefined {
  const pass = results.filter((r) => r.classification === 'Pass').length;
  const counted = pass + results.filter(fails).length;
  return counted === 0 ? undefined : (pass / counted) * 100;
}

/** The weighted mean of the group scores; 0 when a critical metric fails. */
export function canaryScore(results: readonly MetricResult[], groupWeights: Record<string, number>): number {
  if (results.some((r) => r.critical === true && fails(r))) return 0;
  let weighted = 0;
  let totalWeight = 0;
  for (const [group, weight] of Object.entries(groupWeights)) {
    const score = groupScore(results.filter((r) => r.group === group));
    if (score === undefined) continue;
    weighted += score * weight;
    totalWeight += weight;
  }
  return totalWeight === 0 ? 0 : weighted / totalWeight;
}

/** Pass at or above `pass`, Marginal at or above `marginal`, else Fail. */
export function verdict(score: number, pass = 75, marginal = 50): 'Pass' | 'Marginal' | 'Fail' {
  return score >= pass ? 'Pass' : score >= marginal ? 'Marginal' : 'Fail';
}
