/**
 * The Mann-Whitney U test (Wilcoxon rank-sum) with the normal approximation and the tie
 * correction, and Kayenta's use of it: canary against baseline at a confidence level gives
 * Pass, High or Low. Pure and deterministic.
 */

/** The standard normal cumulative distribution function Φ(z) (erfc of Numerical Recipes, relative error < 1.2e-7). */
export function normalCdf(z: number): number {
  const x = -z / Math.SQRT2;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.5 * a);
  const r =
    t *
    Math.exp(
      -a * a -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  const erfc = x >= 0 ? r : 2 - r;
  return 0.5 * erfc;
}

/** Ranks of `values` from 1, ties getting the mean of the ranks they span; also the tie groups' sizes. */
export function averageRanks(values: readonly number[]): { ranks: number[]; tieSizes: number[] } {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  const tieSizes: number[] = [];
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && order[end]![0] === order[start]![0]) end += 1;
    // Positions start..end-1 hold ranks start+1..end; their mean is (start + 1 + end) / 2.
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k]![1]] = rank;
    if (end - start > 1) tieSizes.push(end - start);
    start = end;
  }
  return { ranks, tieSizes };
}

/** The result of a Mann-Whitney U test of sample `x` against sample `y`. */
export interface MannWhitneyResult {
  /** Sizes of x and y. */
  n1: number;
  n2: number;
  /** U of x: the number of (x, y) pairs with x > y, ties counting one half. `u1 + u2 = n1 * n2`. */
  u1: number;
  u2: number;
  /** Mean and standard deviation of U under the null hypothesis (the sd with the tie correction). */
  meanU: number;
  sdU: number;
  /** Standardised U of x (positive: x tends to be larger), with the continuity correction if asked. */
  z: number;
  /** Two-sided p-value from the normal approximation. */
  p: number;
}

/**
 * Mann-Whitney U test of `x` against `y`: U from average ranks, mean `n1 n2 / 2`, variance
 * `n1 n2 / 12 * ((n + 1) - Σ(t³ - t) / (n (n - 1)))` (t: size of each group of tied values),
 * z with an optional continuity correction of 0.5 towards the mean, two-sided p = 2 (1 - Φ(|z|)).
 * When every value is tied (or a sample is empty) there is no evidence either way: z = 0, p = 1.
 */
export function mannWhitneyU(x: readonly number[], y: readonly number[], options: { continuity?: boolean } = {}): MannWhitneyResult {
  const n1 = x.length;
  const n2 = y.length;
  const n = n1 + n2;
  const { ranks, tieSizes } = averageRanks([...x, ...y]);
  const r1 = ranks.slice(0, n1).reduce((s, r) => s + r, 0);
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const meanU = (n1 * n2) / 2;
  const tieTerm = n > 1 ? tieSizes.reduce((s, t) => s + t ** 3 - t, 0) / (n * (n - 1)) : 0;
  const variance = n1 === 0 || n2 === 0 ? 0 : ((n1 * n2) / 12) * (n + 1 - tieTerm);
  const sdU = Math.sqrt(Math.max(0, variance));
  if (sdU === 0) return { n1, n2, u1, u2, meanU, sdU, z: 0, p: 1 };
  const diff = u1 - meanU;
  const corrected = options.continuity ? Math.sign(diff) * Math.max(0, Math.abs(diff) - 0.5) : diff;
  const z = corrected / sdU;
  const p = Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
  return { n1, n2, u1, u2, meanU, sdU, z, p };
}

/** Kayenta's classification of one metric: no significant difference, or the canary significantly higher or lower. */
export type Classification = 'Pass' | 'High' | 'Low' | 'NoData';

/** Which change of a metric counts against the canary (`increase`: only High fails, as for errors and latency). */
export type Direction = 'increase' | 'decrease' | 'either';

/** A classified metric, with the test behind it. */
export interface MetricClassification {
  classification: Classification;
  /** True when this classification counts as a failure, given the direction. */
  fails: boolean;
  test: MannWhitneyResult | null;
}

/**
 * Classifies a canary metric against the baseline as Kayenta's judge does: Mann-Whitney U (with
 * continuity correction), significant when p < 1 - confidence; then High if the canary's values
 * rank higher, Low if lower. A change in the harmless direction is reported but does not fail.
 * Either sample empty -> NoData (not counted as a failure here).
 */
export function classifyMetric(canary: readonly number[], baseline: readonly number[], confidence: number, direction: Direction = 'either'): MetricClassification {
  if (canary.length === 0 || baseline.length === 0) return { classification: 'NoData', fails: false, test: null };
  const test = mannWhitneyU(canary, baseline, { continuity: true });
  const significant = test.p < 1 - confidence;
  const classification: Classification = !significant ? 'Pass' : test.u1 > test.meanU ? 'High' : 'Low';
  const fails = (classification === 'High' && direction !== 'decrease') || (classification === 'Low' && direction !== 'increase');
  return { classification, fails, test };
}
