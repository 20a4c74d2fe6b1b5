import { defineTests } from '../../src/lib/grading/cases';
import type * as M from './starter';

/** Another service's buckets, with an empty bucket in the middle. */
const other = [
  { le: 0.1, rate: 40 },
  { le: 0.2, rate: 40 },
  { le: 0.4, rate: 90 },
  { le: 0.8, rate: 99 },
  { le: Infinity, rate: 100 },
];

export default defineTests<typeof M>([
  // rank 65 in le=0.4 (90), previous 40 at le=0.2: 0.2 + 0.2 * 25/50 = 0.3.
  { id: 'p65-other', name: 'p65 interpolates from the previous bound, across an empty bucket', task: 1, input: other, run: (m, b) => m.histogramQuantile(0.65, b), expect: 0.3 },
  // rank 99.5 falls in +Inf (100): the highest finite bound, 0.8.
  { id: 'rank-in-inf', name: 'a rank in the +Inf bucket returns the highest finite bound', task: 1, input: other, run: (m, b) => m.histogramQuantile(0.995, b), expect: 0.8 },
  { id: 'q-zero', name: 'q = 0 is the lower bound of the first bucket', task: 1, input: other, run: (m, b) => m.histogramQuantile(0, b), expect: 0 },
  { id: 'q-negative', name: 'q below 0 is -Infinity', task: 2, input: other, run: (m, b) => m.histogramQuantile(-0.1, b), expect: -Infinity },
  { id: 'q-nan', name: 'q NaN is NaN', task: 2, input: other, run: (m, b) => m.histogramQuantile(NaN, b), expect: NaN },
  { id: 'one-bucket', name: 'a single bucket is NaN', task: 2, input: [{ le: Infinity, rate: 10 }], run: (m, b) => m.histogramQuantile(0.5, b), expect: NaN },
  { id: 'no-inf', name: 'without a +Inf bucket the answer is NaN', task: 2, input: other.slice(0, 4), run: (m, b) => m.histogramQuantile(0.5, b), expect: NaN },
  // total reset: 1,000 -> 300 means 300 new requests; errors 40 -> 6 means 6: 6/300 = 0.02.
  { id: 'ratio-reset', name: 'after a restart both counters count from zero', task: 3, input: [{ total: 1_000, errors: 40 }, { total: 300, errors: 6 }], run: (m, [a, b]) => m.errorRatio(a, b), expect: 0.02 },
  { id: 'ratio-zero-errors', name: 'no errors is 0, not NaN', task: 3, input: [{ total: 0, errors: 0 }, { total: 250, errors: 0 }], run: (m, [a, b]) => m.errorRatio(a, b), expect: 0 },
]);
