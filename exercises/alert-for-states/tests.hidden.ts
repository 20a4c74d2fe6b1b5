import { defineTests } from '../../src/lib/grading/cases';
import type * as M from './starter';

/** The lesson's three rules (thresholds from the alert YAML, `for:` in ms). */
const highErrorRate = { alert: 'HighErrorRate', threshold: 0.05, forMs: 120_000 };
const highResourceUsage = { alert: 'HighResourceUsage', threshold: 80, forMs: 600_000 };

export default defineTests<typeof M>([
  { id: 'firing-keeps-active-since', name: 'a firing alert that stays true keeps firing and its activeSince', task: 1, input: null, run: (m) => m.evaluateRule({ state: 'firing', activeSince: 60_000 }, true, 600_000, 900_000), expect: { state: 'firing', activeSince: 60_000 } },
  // 119,999 - 0 < 120,000: still pending one millisecond before the for elapses.
  { id: 'just-before-for', name: 'one millisecond before for elapses it is still pending', task: 1, input: null, run: (m) => m.evaluateRule({ state: 'pending', activeSince: 0 }, true, 120_000, 119_999), expect: { state: 'pending', activeSince: 0 } },
  { id: 'firing-resolves', name: 'a firing alert whose condition is false goes back to inactive', task: 1, input: null, run: (m) => m.evaluateRule({ state: 'firing', activeSince: 0 }, false, 120_000, 600_000), expect: { state: 'inactive' } },
  // CPU 85% from start 1,000,000 every minute: i = 10 is 600 s after activeAt, the first firing.
  {
    id: 'cpu-ten-minutes',
    name: 'HighResourceUsage needs eleven evaluations a minute apart to fire (for: 10m)',
    task: 2,
    input: { rule: highResourceUsage, values: Array(12).fill(85) },
    run: (m, { rule, values }) => m.runRule(rule, values, 60_000, 1_000_000),
    expect: {
      states: [...Array(10).fill('pending'), 'firing', 'firing'],
      firings: [{ activeAt: 1_000_000, firedAt: 1_600_000, resolvedAt: null }],
    },
  },
  // 30 s interval, for 2m: fires at 120 s (i = 4), resolves at 150 s; true again from 180 s, fires at 300 s.
  {
    id: 'two-episodes',
    name: 'two firing episodes, evaluated every 30 s',
    task: 2,
    input: { rule: highErrorRate, values: [0.1, 0.1, 0.1, 0.1, 0.1, 0, 0.1, 0.1, 0.1, 0.1, 0.1] },
    run: (m, { rule, values }) => m.runRule(rule, values, 30_000),
    expect: {
      states: ['pending', 'pending', 'pending', 'pending', 'firing', 'inactive', 'pending', 'pending', 'pending', 'pending', 'firing'],
      firings: [
        { activeAt: 0, firedAt: 120_000, resolvedAt: 150_000 },
        { activeAt: 180_000, firedAt: 300_000, resolvedAt: null },
      ],
    },
  },
  // The usual simulator's 4.85% server errors: the ratio hovers around 5% and flaps between
  // pending and inactive without ever holding for 2 minutes.
  {
    id: 'flapping-near-threshold',
    name: 'a ratio hovering around 5% keeps going pending but never fires',
    task: 2,
    input: { rule: highErrorRate, values: [0.049, 0.051, 0.052, 0.048, 0.051, 0.047, 0.053, 0.054, 0.049] },
    run: (m, { rule, values }) => m.runRule(rule, values, 60_000),
    expect: { states: ['inactive', 'pending', 'pending', 'inactive', 'pending', 'inactive', 'pending', 'pending', 'inactive'], firings: [] },
  },
  // for: 0 fires at the evaluation that first sees the value: activeAt = firedAt = 60 s.
  {
    id: 'for-zero-series',
    name: 'for: 0 fires and resolves with the value, and 80% CPU exactly never fires',
    task: 2,
    input: [
      { rule: { alert: 'Instant', threshold: 0.05, forMs: 0 }, values: [0.01, 0.2, 0.01] },
      { rule: highResourceUsage, values: [80, 80, 80] },
    ],
    run: (m, cases) => cases.map((c: { rule: M.AlertRule; values: number[] }) => m.runRule(c.rule, c.values, 60_000)),
    expect: [
      { states: ['inactive', 'firing', 'inactive'], firings: [{ activeAt: 60_000, firedAt: 60_000, resolvedAt: 120_000 }] },
      { states: ['inactive', 'inactive', 'inactive'], firings: [] },
    ],
  },
  // CPU true from 0, evaluated at 0, 60 s ...: active at 0, fires at 600 s, evaluations 0..600 s = 11.
  { id: 'cpu-evaluations', name: 'HighResourceUsage true from an evaluation fires after 11 evaluations', task: 3, input: null, run: (m) => m.timeToFire(0, 600_000, 60_000), expect: { activeAt: 0, firedAt: 600_000, evaluations: 11 } },
  // HighLatency for 5m at a 2m interval: first evaluation at or after 30 s is 120 s; ceil(300/120) = 3 more: 480 s.
  { id: 'for-not-multiple', name: 'for: 5m with a 2-minute interval rounds up to 3 intervals', task: 3, input: null, run: (m) => m.timeToFire(30_000, 300_000, 120_000), expect: { activeAt: 120_000, firedAt: 480_000, evaluations: 4 } },
  // Condition true before the first evaluation (at 45 s): that one sees it; an evaluation exactly at trueFrom sees it too.
  {
    id: 'phase-edges',
    name: 'the first evaluation counts when the condition was true before it, or became true exactly then',
    task: 3,
    input: null,
    run: (m) => [m.timeToFire(0, 120_000, 60_000, 45_000), m.timeToFire(120_000, 120_000, 60_000)],
    expect: [
      { activeAt: 45_000, firedAt: 165_000, evaluations: 3 },
      { activeAt: 120_000, firedAt: 240_000, evaluations: 3 },
    ],
  },
  // Faulty 5% is not above 5%: never. Baseline 6% is already above: 0 + 120 s + 30 s, + 60 s.
  {
    id: 'page-special-cases',
    name: 'a fault that never crosses never pages; one already above pages after for + group_wait',
    task: 4,
    input: { rule: highErrorRate },
    run: (m, { rule }) => [
      m.pageWindow({ baseline: 0.005, faulty: 0.05, windowMs: 300_000 }, rule, 60_000),
      m.pageWindow({ baseline: 0.06, faulty: 0.2, windowMs: 300_000 }, rule, 60_000),
    ],
    expect: [
      { crossAfterMs: Infinity, earliestMs: Infinity, latestMs: Infinity },
      { crossAfterMs: 0, earliestMs: 150_000, latestMs: 210_000 },
    ],
  },
  // CPU is a gauge (window 0): crosses at once; 600 s for + 30 s = 630 s; + 60 s = 690 s.
  // The 20% fault with 45 s evaluations: for rounds up to 3 x 45 = 135 s; 69,230.77 + 135,000 + 30,000.
  {
    id: 'page-cpu-and-45s',
    name: 'CPU pages 630-690 s after a jump to 95%; 45 s evaluations round for: 2m up to 135 s',
    task: 4,
    input: { cpu: highResourceUsage, err: highErrorRate },
    run: (m, { cpu, err }) => [
      m.pageWindow({ baseline: 50, faulty: 95, windowMs: 0 }, cpu, 60_000),
      m.pageWindow({ baseline: 0.005, faulty: 0.2, windowMs: 300_000 }, err, 45_000),
    ],
    expect: [
      { crossAfterMs: 0, earliestMs: 630_000, latestMs: 690_000 },
      { crossAfterMs: (0.045 / 0.195) * 300_000, earliestMs: (0.045 / 0.195) * 300_000 + 165_000, latestMs: (0.045 / 0.195) * 300_000 + 210_000 },
    ],
    tolerance: 1e-6,
  },
]);
