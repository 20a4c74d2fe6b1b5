import { defineTests } from '../../src/lib/grading/cases';
import type * as M from './starter';

export default defineTests<typeof M>([
  // 0.003 <= 0.003 holds: Successful. 0.0072 > 0.0072 does not hold, and 0.0072 <= 0.003 is false: Inconclusive.
  {
    id: 'boundaries',
    name: 'at the thresholds: 0.003 is Successful, 0.0072 is Inconclusive',
    task: 1,
    input: { values: [0.003, 0.0072], success: 0.003, failure: 0.0072 },
    run: (m, { values, success, failure }) => values.map((v: number) => m.judgeMeasurement(v, (x) => x <= success, (x) => x > failure)),
    expect: ['Successful', 'Inconclusive'],
  },
  // Overlapping conditions (< 0.01 succeeds, > 0.005 fails): 0.007 satisfies both and the failure wins.
  // No conditions at all: Successful unless the query failed.
  {
    id: 'failure-wins',
    name: 'when both conditions hold the failure wins; with no condition a value is Successful',
    task: 1,
    input: null,
    run: (m) => [
      m.judgeMeasurement(0.007, (x) => x < 0.01, (x) => x > 0.005),
      m.judgeMeasurement(0.5),
      m.judgeMeasurement(undefined),
    ],
    expect: ['Failed', 'Successful', 'Error'],
  },
  // Four errors, a success (resets the run), four errors: never more than 4 in a row. A fifth in a row: Error.
  {
    id: 'errors-interrupted',
    name: 'a success resets the consecutive-error count; five in a row is an Error',
    task: 2,
    input: ['Error', 'Error', 'Error', 'Error', 'Successful', 'Error', 'Error', 'Error', 'Error'],
    run: (m, ms) => [m.metricPhase(ms), m.metricPhase([...ms, 'Error'])],
    expect: ['Running', 'Error'],
  },
  // count 3: Running after two, Successful after three; every phase's action.
  {
    id: 'count-and-actions',
    name: 'with count: 3 the metric succeeds after three measurements; each phase maps to its action',
    task: 2,
    input: { ms: ['Successful', 'Successful', 'Successful'], phases: ['Running', 'Successful', 'Inconclusive', 'Failed', 'Error'] },
    run: (m, { ms, phases }) => ({
      phases: [m.metricPhase(ms.slice(0, 2), { count: 3 }), m.metricPhase(ms, { count: 3 })],
      actions: phases.map((p: M.MetricPhase) => m.rolloutAction(p)),
    }),
    expect: { phases: ['Running', 'Successful'], actions: ['proceed', 'proceed', 'pause-for-a-person', 'abort', 'abort'] },
  },
  // Replay with failureLimit 1: 0.0004 S, 0.0081 F (1, not > 1), 0.0012 S, 0.0095 F (2 > 1): Failed on the fourth.
  {
    id: 'replay-abort',
    name: 'replay: two failed measurements with a good one between exceed failureLimit 1 and abort',
    task: 2,
    input: { values: [0.0004, 0.0081, 0.0012, 0.0095], success: 0.003, failure: 0.0072, limits: { failureLimit: 1 } },
    run: (m, { values, success, failure, limits }) => {
      const ms = values.map((v: number) => m.judgeMeasurement(v, (x) => x <= success, (x) => x > failure));
      const phases = ms.map((_: unknown, i: number) => m.metricPhase(ms.slice(0, i + 1), limits));
      return { phases, action: m.rolloutAction(phases[phases.length - 1]) };
    },
    expect: { phases: ['Running', 'Running', 'Running', 'Failed'], action: 'abort' },
  },
  // Default threshold 1: the first failing interval (the third, at 180 s) rolls back.
  {
    id: 'default-threshold',
    name: 'Flagger\'s default threshold of 1 rolls back on the first failing interval',
    task: 3,
    input: [[true], [true], [false], [true]],
    run: (m, intervals) => m.runFlagger(intervals, { stepWeight: 10 }),
    expect: { result: 'rolled-back', afterSeconds: 180, weight: 0, failedChecks: 1 },
  },
  // Steps of 10%: fails in intervals 2, 5 and 9 with passes between. Cumulative: 3 >= 3 at 9 x 60 = 540 s.
  {
    id: 'not-consecutive',
    name: 'three failing intervals spread over nine reach threshold 3 at 540 s',
    task: 3,
    input: [[true], [false], [true], [true], [false], [true], [true], [true], [false], [true]],
    run: (m, intervals) => m.runFlagger(intervals, { stepWeight: 10, threshold: 3 }),
    expect: { result: 'rolled-back', afterSeconds: 540, weight: 0, failedChecks: 3 },
  },
  // stepWeights 5, 25, 50. Every 30 s, two passes: still running at 25% after 60 s. Every 300 s, three: promoted at 900 s.
  {
    id: 'step-weights',
    name: 'stepWeights 5/25/50: running at 25% after two passes; promoted at 50% after three',
    task: 3,
    input: null,
    run: (m) => [
      m.runFlagger([[true, true], [true, true]], { stepWeights: [5, 25, 50], intervalSeconds: 30 }),
      m.runFlagger([[true], [true], [true]], { stepWeights: [5, 25, 50], intervalSeconds: 300, threshold: 2 }),
    ],
    expect: [
      { result: 'running', afterSeconds: 60, weight: 25, failedChecks: 0 },
      { result: 'promoted', afterSeconds: 900, weight: 50, failedChecks: 0 },
    ],
  },
  // Steps of 30% to 100%: 30, 60, 90, 100 are four intervals (240 s), not 60 x 100 / 30 = 200.
  // stepWeights 10, 20, 40, 80 every 120 s: 480 s.
  {
    id: 'min-promotion-uneven',
    name: 'minimum promotion with a last step cut short (240 s) and with stepWeights (480 s)',
    task: 3,
    input: null,
    run: (m) => [m.minimumPromotionSeconds({ stepWeight: 30 }), m.minimumPromotionSeconds({ stepWeights: [10, 20, 40, 80], intervalSeconds: 120 })],
    expect: [240, 480],
  },
  // [Pass, NoData]: NoData not counted -> 1/1 = 100; counted as a failure -> 1/2 = 50; only NoData: undefined.
  {
    id: 'nodata',
    name: 'NoData is left out unless configured to fail; a group with nothing counted has no score',
    task: 4,
    input: null,
    run: (m) => [
      m.groupScore([{ name: 'a', group: 'g', classification: 'Pass' }, { name: 'b', group: 'g', classification: 'NoData' }]),
      m.groupScore([{ name: 'a', group: 'g', classification: 'Pass' }, { name: 'b', group: 'g', classification: 'NoData', noDataFails: true }]),
      m.groupScore([{ name: 'b', group: 'g', classification: 'NoData' }]) === undefined,
    ],
    expect: [100, 50, true],
  },
  // errors: Pass and Low (a failure too) = 50; latency: only NoData, left out of the mean. Score 50: Marginal, pause.
  {
    id: 'empty-group-skipped',
    name: 'a group with only NoData is left out of the mean; Low counts as a failure: 50, Marginal',
    task: 4,
    input: [
      { name: '5xx ratio', group: 'errors', classification: 'Pass' },
      { name: 'cache hit ratio', group: 'errors', classification: 'Low' },
      { name: 'p50', group: 'latency', classification: 'NoData' },
      { name: 'p99', group: 'latency', classification: 'NoData' },
    ],
    run: (m, results) => {
      const score = m.canaryScore(results, { errors: 50, latency: 50 });
      return [score, m.verdict(score)];
    },
    expect: [50, 'Marginal'],
  },
  {
    id: 'verdict-boundaries',
    name: 'verdict boundaries: 75 Pass, 74.9 Marginal, 50 Marginal, 49.9 Fail; 80 against 90/60 is Marginal',
    task: 4,
    input: [75, 74.9, 50, 49.9],
    run: (m, scores) => [...scores.map((s: number) => m.verdict(s)), m.verdict(80, 90, 60)],
    expect: ['Pass', 'Marginal', 'Marginal', 'Fail', 'Marginal'],
  },
]);
