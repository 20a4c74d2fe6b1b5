import { defineTests } from '../../src/lib/grading/cases';
import type * as M from './starter';

/** The lesson's three rules (thresholds from the alert YAML, `for:` in ms). */
const highErrorRate = { alert: 'HighErrorRate', threshold: 0.05, forMs: 120_000 };
const highLatency = { alert: 'HighLatency', threshold: 0.5, forMs: 300_000 };

export default defineTests<typeof M>([
  // The lesson's timeline: true at 0, 60, 120, 180 s with for 2m. 120 - 0 >= 120 fires at the third.
  {
    id: 'lesson-timeline',
    name: "HighErrorRate true every minute: pending, pending, firing, firing (the lesson's timeline)",
    task: 1,
    input: { forMs: 120_000, times: [0, 60_000, 120_000, 180_000] },
    run: (m, { forMs, times }) => {
      let status: M.RuleStatus = { state: 'inactive' };
      return times.map((t: number) => (status = m.evaluateRule(status, true, forMs, t)));
    },
    expect: [
      { state: 'pending', activeSince: 0 },
      { state: 'pending', activeSince: 0 },
      { state: 'firing', activeSince: 0 },
      { state: 'firing', activeSince: 0 },
    ],
    points: 2,
  },
  // for: 0: now - activeSince = 0 >= 0 at the first true evaluation.
  { id: 'for-zero', name: 'for: 0 fires at the first true evaluation', task: 1, input: null, run: (m) => m.evaluateRule({ state: 'inactive' }, true, 0, 5_000), expect: { state: 'firing', activeSince: 5_000 } },
  { id: 'false-resets', name: 'one false evaluation sends a pending alert back to inactive', task: 1, input: null, run: (m) => m.evaluateRule({ state: 'pending', activeSince: 0 }, false, 120_000, 60_000), expect: { state: 'inactive' } },
  // Evaluations at 0..300 s. 0.06 at 60 s: pending (activeAt 60 s); 120 s: 60 s < 120 s, pending;
  // 180 s: 120 s >= 120 s, firing; 240 s firing; 0.02 at 300 s: inactive, resolved.
  {
    id: 'error-rate-episode',
    name: 'HighErrorRate: pending at 60 s, fires at 180 s, resolves at 300 s',
    task: 2,
    input: { rule: highErrorRate, values: [0.01, 0.06, 0.07, 0.08, 0.09, 0.02] },
    run: (m, { rule, values }) => m.runRule(rule, values, 60_000),
    expect: {
      states: ['inactive', 'pending', 'pending', 'firing', 'firing', 'inactive'],
      firings: [{ activeAt: 60_000, firedAt: 180_000, resolvedAt: 300_000 }],
    },
    points: 2,
  },
  // p99 above 0.5 s for 4 evaluations (0..180 s, 180 s < 300 s), then 0.4 s: never fires.
  {
    id: 'latency-blip',
    name: 'HighLatency: a 4-minute blip stays pending and never fires (for: 5m)',
    task: 2,
    input: { rule: highLatency, values: [0.6, 0.7, 0.8, 0.9, 0.4] },
    run: (m, { rule, values }) => m.runRule(rule, values, 60_000),
    expect: { states: ['pending', 'pending', 'pending', 'pending', 'inactive'], firings: [] },
  },
  // NaN at 60 s resets; true again from 120 s, fires at 240 s (240 - 120 = 120 s); 0.05 is not > 0.05.
  {
    id: 'nan-and-equal',
    name: 'NaN (no traffic) and a value equal to the threshold are not above it',
    task: 2,
    input: { rule: highErrorRate, values: [0.06, NaN, 0.06, 0.06, 0.06, 0.05] },
    run: (m, { rule, values }) => m.runRule(rule, values, 60_000),
    expect: {
      states: ['pending', 'inactive', 'pending', 'pending', 'firing', 'inactive'],
      firings: [{ activeAt: 120_000, firedAt: 240_000, resolvedAt: 300_000 }],
    },
  },
  // Crossing at 0.045 / 0.195 * 300 s = 69.23 s; next evaluation 120 s; + 2 intervals = 240 s; 3 evaluations.
  {
    id: 'lesson-on-the-minute',
    name: 'crossing at 69.2 s, evaluations on the minute: pending at 120 s, firing at 240 s',
    task: 3,
    input: { trueFrom: (0.045 / 0.195) * 300_000 },
    run: (m, { trueFrom }) => m.timeToFire(trueFrom, 120_000, 60_000),
    expect: { activeAt: 120_000, firedAt: 240_000, evaluations: 3 },
  },
  // Evaluations at 10, 70, 130, 190 s: first one after 69.23 s is 70 s; fires at 190 s.
  {
    id: 'lesson-phase-10s',
    name: 'the same fault with evaluations at :10 of each minute fires at 190 s',
    task: 3,
    input: { trueFrom: (0.045 / 0.195) * 300_000 },
    run: (m, { trueFrom }) => m.timeToFire(trueFrom, 120_000, 60_000, 10_000),
    expect: { activeAt: 70_000, firedAt: 190_000, evaluations: 3 },
  },
  // 0.5% -> 20%: crosses after 69,230.77 ms; + 120 s for + 30 s group_wait = 219,230.77; + 60 s = 279,230.77.
  {
    id: 'page-lesson-20',
    name: "the lesson's 20% fault pages between 219.2 s and 279.2 s",
    task: 4,
    input: { fault: { baseline: 0.005, faulty: 0.2, windowMs: 300_000 }, rule: highErrorRate },
    run: (m, { fault, rule }) => m.pageWindow(fault, rule, 60_000),
    expect: { crossAfterMs: (0.045 / 0.195) * 300_000, earliestMs: (0.045 / 0.195) * 300_000 + 150_000, latestMs: (0.045 / 0.195) * 300_000 + 210_000 },
    tolerance: 1e-6,
    points: 2,
  },
  // 0.5% -> 6%: 0.045 / 0.055 * 300 s = 245,454.55 ms; earliest 395,454.55 ms; latest 455,454.55 ms.
  {
    id: 'page-lesson-6',
    name: 'a milder 6% fault pages between 395.5 s and 455.5 s',
    task: 4,
    input: { fault: { baseline: 0.005, faulty: 0.06, windowMs: 300_000 }, rule: highErrorRate },
    run: (m, { fault, rule }) => m.pageWindow(fault, rule, 60_000),
    expect: { crossAfterMs: (0.045 / 0.055) * 300_000, earliestMs: (0.045 / 0.055) * 300_000 + 150_000, latestMs: (0.045 / 0.055) * 300_000 + 210_000 },
    tolerance: 1e-6,
  },
]);
