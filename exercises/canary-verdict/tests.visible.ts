import { defineTests } from '../../src/lib/grading/cases';
import type * as M from './starter';

/** The lesson's Kayenta run: a critical 5xx metric that passes, a timeout metric that is High. */
const kayentaRun = [
  { name: '5xx ratio', group: 'errors', classification: 'Pass', critical: true },
  { name: 'timeouts', group: 'errors', classification: 'High' },
  { name: 'retries', group: 'errors', classification: 'Pass' },
  { name: 'p50', group: 'latency', classification: 'Pass' },
  { name: 'p99', group: 'latency', classification: 'Pass' },
] as const;

export default defineTests<typeof M>([
  // The lesson's template on a 99.95% SLO: successCondition result <= 0.003 (6x the 0.0005 budget),
  // failureCondition result > 0.0072 (14.4x). 0.005 is neither: Inconclusive. null: the query failed.
  {
    id: 'lesson-template',
    name: 'the lesson\'s template: 0.001 Successful, 0.005 Inconclusive, 0.009 Failed, no data Error',
    task: 1,
    input: { values: [0.001, 0.005, 0.009, null], success: 0.003, failure: 0.0072 },
    run: (m, { values, success, failure }) =>
      values.map((v: number | null) => m.judgeMeasurement(v === null ? undefined : v, (x) => x <= success, (x) => x > failure)),
    expect: ['Successful', 'Inconclusive', 'Failed', 'Error'],
    points: 2,
  },
  // Success only: false is Failed. Failure only: false is Successful. No Inconclusive either way.
  {
    id: 'one-condition',
    name: 'with one condition there is no Inconclusive: success only fails 0.005, failure only passes it',
    task: 1,
    input: { values: [0.001, 0.005, 0.009], success: 0.003, failure: 0.0072 },
    run: (m, { values, success, failure }) => ({
      successOnly: values.map((v: number) => m.judgeMeasurement(v, (x) => x <= success)),
      failureOnly: values.map((v: number) => m.judgeMeasurement(v, undefined, (x) => x > failure)),
    }),
    expect: { successOnly: ['Successful', 'Failed', 'Failed'], failureOnly: ['Successful', 'Successful', 'Failed'] },
  },
  // failureLimit 3: 3 failures do not exceed 3; the fourth does.
  {
    id: 'failure-limit-3',
    name: 'failureLimit: 3 fails on the fourth failed measurement, not the third',
    task: 2,
    input: { ms: ['Failed', 'Failed', 'Failed', 'Failed'], limits: { failureLimit: 3 } },
    run: (m, { ms, limits }) => ms.map((_: unknown, i: number) => m.metricPhase(ms.slice(0, i + 1), limits)),
    expect: ['Running', 'Running', 'Running', 'Failed'],
    points: 2,
  },
  // Default failureLimit 0: 1 > 0 on the first failure; Failed aborts.
  {
    id: 'default-limit',
    name: 'by default the first failed measurement fails the metric and aborts the rollout',
    task: 2,
    input: ['Successful', 'Failed'],
    run: (m, ms) => {
      const phase = m.metricPhase(ms);
      return [phase, m.rolloutAction(phase)];
    },
    expect: ['Failed', 'abort'],
  },
  // Replay: 0.001 Successful, then 0.004 Inconclusive; inconclusiveLimit 0 -> Inconclusive: a person decides.
  {
    id: 'inconclusive-pauses',
    name: 'replay: an error ratio of 0.004 is Inconclusive and the rollout pauses for a person',
    task: 2,
    input: { values: [0.001, 0.004], success: 0.003, failure: 0.0072, limits: { failureLimit: 1 } },
    run: (m, { values, success, failure, limits }) => {
      const ms = values.map((v: number) => m.judgeMeasurement(v, (x) => x <= success, (x) => x > failure));
      const phases = ms.map((_: unknown, i: number) => m.metricPhase(ms.slice(0, i + 1), limits));
      return { phases, action: m.rolloutAction(phases[phases.length - 1]) };
    },
    expect: { phases: ['Running', 'Inconclusive'], action: 'pause-for-a-person' },
  },
  // consecutiveErrorLimit 4 by default: the fifth consecutive Error exceeds it.
  {
    id: 'consecutive-errors',
    name: 'Prometheus unreachable five times in a row: Error on the fifth, and the rollout aborts',
    task: 2,
    input: ['Error', 'Error', 'Error', 'Error', 'Error'],
    run: (m, ms) => {
      const phases = ms.map((_: unknown, i: number) => m.metricPhase(ms.slice(0, i + 1)));
      return { phases, action: m.rolloutAction(phases[4]) };
    },
    expect: { phases: ['Running', 'Running', 'Running', 'Running', 'Error'], action: 'abort' },
  },
  // Weights 5, 10, ..., 50: ten passing intervals of 60 s promote after 600 s = 60 x 50 / 5.
  {
    id: 'flagger-promote',
    name: 'Flagger, steps of 5% up to 50%, every check passing: promoted after 600 s',
    task: 3,
    input: Array.from({ length: 12 }, () => [true, true]),
    run: (m, intervals) => m.runFlagger(intervals, { stepWeight: 5, maxWeight: 50 }),
    expect: { result: 'promoted', afterSeconds: 600, weight: 50, failedChecks: 0 },
    points: 2,
  },
  // Intervals 2 and 4 fail, with a pass between: FailedChecks is cumulative, 2 >= threshold 2 at 240 s.
  {
    id: 'flagger-cumulative',
    name: 'Flagger: two failing intervals, not consecutive, reach threshold 2 and roll back at 240 s',
    task: 3,
    input: [[true, true], [false, true], [true, true], [true, false]],
    run: (m, intervals) => m.runFlagger(intervals, { stepWeight: 5, threshold: 2 }),
    expect: { result: 'rolled-back', afterSeconds: 240, weight: 0, failedChecks: 2 },
  },
  // 60 x 50 / 5 = 600; 30 x 100 / 10 = 300.
  {
    id: 'min-promotion',
    name: 'minimum promotion time: 600 s for 5% steps to 50% every 60 s, 300 s for 10% steps to 100% every 30 s',
    task: 3,
    input: null,
    run: (m) => [m.minimumPromotionSeconds({ stepWeight: 5, maxWeight: 50 }), m.minimumPromotionSeconds({ stepWeight: 10, intervalSeconds: 30 })],
    expect: [600, 300],
  },
  // errors: 2 Pass of 3 = 66.7; latency 100; (66.7 x 60 + 100 x 40) / 100 = 80 >= 75: Pass.
  {
    id: 'kayenta-lesson',
    name: 'the lesson\'s Kayenta run scores 80: Pass',
    task: 4,
    input: kayentaRun,
    run: (m, results) => {
      const score = m.canaryScore(results, { errors: 60, latency: 40 });
      return [score, m.verdict(score)];
    },
    expect: [80, 'Pass'],
    points: 2,
  },
  { id: 'group-errors', name: 'the errors group: 2 Pass of 3 counted is 66.7', task: 4, input: kayentaRun.slice(0, 3), run: (m, rs) => m.groupScore(rs), expect: 200 / 3 },
  // The critical 5xx metric High: the whole score is 0, whatever the other metrics say.
  {
    id: 'critical-fails',
    name: 'a failing critical metric makes the score 0: Fail, roll back',
    task: 4,
    input: kayentaRun.map((r) => (r.name === '5xx ratio' ? { ...r, classification: 'High' } : r)),
    run: (m, results) => {
      const score = m.canaryScore(results, { errors: 60, latency: 40 });
      return [score, m.verdict(score)];
    },
    expect: [0, 'Fail'],
  },
]);
