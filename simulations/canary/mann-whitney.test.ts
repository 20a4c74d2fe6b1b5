import { describe, expect, it } from 'vitest';
import { averageRanks, classifyMetric, mannWhitneyU, normalCdf } from './mann-whitney';

describe('normalCdf', () => {
  it('matches the standard normal table', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021, 6); // the 95% two-sided critical value
    expect(normalCdf(-2.326)).toBeCloseTo(0.0100093, 6); // 1% one-sided
    expect(normalCdf(2.326) + normalCdf(-2.326)).toBeCloseTo(1, 7);
  });
});

describe('averageRanks', () => {
  it('gives tied values the mean of the ranks they span', () => {
    // 10 gets rank 1; the three 20s span ranks 2, 3, 4 -> 3; 30 gets rank 5.
    expect(averageRanks([20, 10, 20, 30, 20])).toEqual({ ranks: [3, 1, 3, 5, 3], tieSizes: [3] });
  });
});

describe('mannWhitneyU', () => {
  // Textbook example without ties: x = 19 22 16 29 24, y = 20 11 17 12.
  // Sorted: 11y 12y 16x 17y 19x 20y 22x 24x 29x, so x holds ranks 3 5 7 8 9: R1 = 32,
  // U1 = 32 - 5*6/2 = 17, U2 = 5*4 - 17 = 3. Mean 10, sd sqrt(5*4*10/12) = 4.0825.
  // z = 7 / 4.0825 = 1.7146 -> p = 0.0864; with continuity 6.5 / 4.0825 = 1.5922 -> p = 0.1113.
  // (scipy.stats.mannwhitneyu(x, y, method='asymptotic') gives 0.0864107 and 0.1113469; exact p = 0.1111.)
  const x = [19, 22, 16, 29, 24];
  const y = [20, 11, 17, 12];

  it('computes U, its null mean and sd, z and the two-sided p', () => {
    const r = mannWhitneyU(x, y);
    expect(r.u1).toBe(17);
    expect(r.u2).toBe(3);
    expect(r.meanU).toBe(10);
    expect(r.sdU).toBeCloseTo(4.0825, 4);
    expect(r.z).toBeCloseTo(1.7146, 4);
    expect(r.p).toBeCloseTo(0.0864107, 5);
    expect(mannWhitneyU(x, y, { continuity: true }).p).toBeCloseTo(0.1113469, 5);
  });

  it('is symmetric: swapping the samples swaps U and flips z', () => {
    const a = mannWhitneyU(x, y);
    const b = mannWhitneyU(y, x);
    expect(b.u1).toBe(a.u2);
    expect(b.z).toBeCloseTo(-a.z, 10);
    expect(b.p).toBeCloseTo(a.p, 10);
  });

  it('corrects the variance for ties', () => {
    // a = 1 2 2 3 3 3 7, b = 2 3 4 4 5 6. Ranks: 1 -> 1; the three 2s -> 3; the four 3s -> 6.5;
    // the 4s -> 9.5; 5 -> 11; 6 -> 12; 7 -> 13. R1 = 1 + 3 + 3 + 3 * 6.5 + 13 = 39.5, U1 = 39.5 - 28 = 11.5.
    // Ties of 3, 4, 2: sum(t^3 - t) = 24 + 60 + 6 = 90; n = 13: 90 / (13 * 12) = 0.5769.
    // var = 7 * 6 / 12 * (14 - 0.5769) = 46.981, sd = 6.8543; z = (11.5 - 21) / 6.8543 = -1.3860, p = 0.1657.
    // (scipy: 0.1657466, and 0.1891649 with continuity.)
    const r = mannWhitneyU([1, 2, 2, 3, 3, 3, 7], [2, 3, 4, 4, 5, 6]);
    expect(r.u1).toBe(11.5);
    expect(r.sdU).toBeCloseTo(6.8543, 4);
    expect(r.z).toBeCloseTo(-1.386, 3);
    expect(r.p).toBeCloseTo(0.1657466, 5);
    expect(mannWhitneyU([1, 2, 2, 3, 3, 3, 7], [2, 3, 4, 4, 5, 6], { continuity: true }).p).toBeCloseTo(0.1891649, 5);
  });

  it('finds no evidence when every value is tied, or a sample is empty', () => {
    expect(mannWhitneyU([0, 0, 0], [0, 0]).p).toBe(1);
    expect(mannWhitneyU([], [1, 2]).p).toBe(1);
  });
});

describe('classifyMetric (Kayenta at 98% confidence)', () => {
  const low = Array.from({ length: 20 }, (_, i) => 100 + i);
  const high = Array.from({ length: 20 }, (_, i) => 130 + i);

  it('calls a canary that ranks entirely above the baseline High, and one below Low', () => {
    // No overlap: U1 = 400 of 400, z = (400 - 200 - 0.5) / sqrt(20*20*41/12) = 199.5 / 36.97 = 5.40, p < 1e-7.
    expect(classifyMetric(high, low, 0.98).classification).toBe('High');
    expect(classifyMetric(low, high, 0.98).classification).toBe('Low');
  });

  it('passes overlapping samples, and with direction "increase" a Low does not fail', () => {
    expect(classifyMetric(low, [...low].reverse(), 0.98)).toMatchObject({ classification: 'Pass', fails: false });
    expect(classifyMetric(low, high, 0.98, 'increase')).toMatchObject({ classification: 'Low', fails: false });
    expect(classifyMetric(high, low, 0.98, 'increase')).toMatchObject({ classification: 'High', fails: true });
  });

  it('needs p below 1 - confidence: the tie example (p 0.189 with continuity) passes at 0.85, is Low at 0.8', () => {
    expect(classifyMetric([1, 2, 2, 3, 3, 3, 7], [2, 3, 4, 4, 5, 6], 0.85).classification).toBe('Pass'); // 0.189 >= 0.15
    expect(classifyMetric([1, 2, 2, 3, 3, 3, 7], [2, 3, 4, 4, 5, 6], 0.8).classification).toBe('Low'); // 0.189 < 0.2
    expect(classifyMetric([], [1], 0.98).classification).toBe('NoData');
  });
});
