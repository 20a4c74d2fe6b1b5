import { defineTests } from '../../src/lib/grading/cases';
import type * as M from './starter';

/** The lesson's payment-API buckets. */
const lesson = [
  { le: 0.05, rate: 120 },
  { le: 0.1, rate: 170 },
  { le: 0.25, rate: 190 },
  { le: 0.5, rate: 196 },
  { le: 1, rate: 199 },
  { le: 2.5, rate: 200 },
  { le: Infinity, rate: 200 },
];

export default defineTests<typeof M>([
  // p99: rank 198 lands in le=1 (199), previous 196: 0.5 + 0.5 * 2/3.
  { id: 'p99-lesson', name: 'p99 of the lesson buckets is 0.833 s', task: 1, input: lesson, run: (m, b) => m.histogramQuantile(0.99, b), expect: 0.5 + 0.5 * (2 / 3) },
  // p90: rank 180 in le=0.25 (190), previous 170: 0.1 + 0.15 * 10/20.
  { id: 'p90-lesson', name: 'p90 of the lesson buckets is 0.175 s', task: 1, input: lesson, run: (m, b) => m.histogramQuantile(0.9, b), expect: 0.175 },
  // p50: rank 100 in the first bucket, lower bound 0: 0.05 * 100/120.
  { id: 'p50-first-bucket', name: 'p50 lands in the first bucket, which starts at 0', task: 1, input: lesson, run: (m, b) => m.histogramQuantile(0.5, b), expect: 0.05 * (100 / 120) },
  { id: 'q-above-one', name: 'q above 1 is +Infinity', task: 2, input: lesson, run: (m, b) => m.histogramQuantile(1.5, b), expect: Infinity },
  { id: 'no-traffic', name: 'no traffic gives NaN, not 0', task: 2, input: lesson.map((b) => ({ ...b, rate: 0 })), run: (m, b) => m.histogramQuantile(0.99, b), expect: NaN },
  // 50 of 1000 requests failed: 5%.
  { id: 'ratio-simple', name: '50 errors in 1,000 requests is 0.05', task: 3, input: [{ total: 10_000, errors: 100 }, { total: 11_000, errors: 150 }], run: (m, [a, b]) => m.errorRatio(a, b), expect: 0.05 },
  { id: 'ratio-no-requests', name: 'no requests between the scrapes is NaN (no data)', task: 3, input: [{ total: 500, errors: 5 }, { total: 500, errors: 5 }], run: (m, [a, b]) => m.errorRatio(a, b), expect: NaN },
]);
