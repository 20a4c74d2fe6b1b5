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
  throw new Error('Not implemented: judgeMeasurement');
}

/** The metric's phase after these measurements. */
export function metricPhase(ms: readonly MeasurementPhase[], limits: MetricLimits = {}): MetricPhase {
  throw new Error('Not implemented: metricPhase');
}

/** What the rollout does next. */
export function rolloutAction(phase: MetricPhase): 'proceed' | 'pause-for-a-person' | 'abort' {
  throw new Error('Not implemented: rolloutAction');
}

/**
 * A simplified Flagger analysis loop. `intervals[i]` holds the pass/fail result of every metric
 * check in interval i; one failing check fails the interval.
 */
export function runFlagger(intervals: readonly (readonly boolean[])[], a: FlaggerAnalysis): FlaggerOutcome {
  throw new Error('Not implemented: runFlagger');
}

/** The fastest possible promotion: one passing interval per weight. */
export function minimumPromotionSeconds(a: FlaggerAnalysis): number {
  throw new Error('Not implemented: minimumPromotionSeconds');
}

/** Pass / (Pass + failures) x 100 over one group's metrics, or undefined when nothing in it counted. */
export function groupScore(results: readonly MetricResult[]): number | undefined {
  throw new Error('Not implemented: groupScore');
}

/** The weighted mean of the group scores; 0 when a critical metric fails. */
export function canaryScore(results: readonly MetricResult[], groupWeights: Record<string, number>): number {
  throw new Error('Not implemented: canaryScore');
}

/** Pass at or above `pass`, Marginal at or above `marginal`, else Fail. */
export function verdict(score: number, pass = 75, marginal = 50): 'Pass' | 'Marginal' | 'Fail' {
  throw new Error('Not implemented: verdict');
}
