import { defineTests } from '../../src/lib/grading/cases';
import type * as M from './starter';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Tuesday 12 March 2024, 13:00 UTC: 14:00 in Berlin (CET), 09:00 in New York (EDT since 10 March). */
const TUE_1400 = Date.UTC(2024, 2, 12, 13);
/** Tuesday 17:30 and Sunday 10 March 14:00 in Berlin. */
const TUE_1730 = Date.UTC(2024, 2, 12, 16, 30);
const SUN_1400 = Date.UTC(2024, 2, 10, 13);

/** The lesson's policy. */
const policy: M.AutoPolicy = {
  minHistory: 5,
  minSuccessRate: 0.8,
  historyMs: 30 * DAY,
  maxRunsPerTarget: 3,
  loopWindowMs: HOUR,
  businessHours: { timeZone: 'Europe/Berlin', from: 9, to: 17, days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'] },
};
const RUNBOOK = 'database_connection_recovery';
const alert = (severity: M.Severity): M.Alert => ({ name: 'PostgresConnectionPoolExhausted', severity, target: 'payments-db', labels: { db_host: 'payments-db' } });
/** `n` runs with one outcome, one a day going back from `now` (so never two in the same hour). */
const daily = (n: number, outcome: M.Execution['outcome'], now: number, skip = 0): M.Execution[] =>
  Array.from({ length: n }, (_, i) => ({ runbook: RUNBOOK, target: 'payments-db', at: now - (i + 1 + skip) * DAY, outcome }));
/** A proven runbook: 11 of 12 runs succeeded (92%). */
const proven = (now: number) => [...daily(11, 'succeeded', now), ...daily(1, 'failed', now, 11)];

export default defineTests<typeof M>([
  { id: 'berlin-tuesday', name: '13:00 UTC on Tue 12 March 2024 is Tue 14:00 in Berlin', task: 1, input: TUE_1400, run: (m, at) => m.localTime(at, 'Europe/Berlin'), expect: { weekday: 'Tue', hour: 14 } },
  // New York switched to EDT (UTC-4) on 10 March: 13 - 4 = 9.
  { id: 'new-york-tuesday', name: 'the same instant is Tue 09:00 in New York (summer time began on 10 March)', task: 1, input: TUE_1400, run: (m, at) => m.localTime(at, 'America/New_York'), expect: { weekday: 'Tue', hour: 9 } },
  // 2 runs < 5: the common version checks the rate only above 5 runs and would auto-run this critical alert.
  {
    id: 'new-runbook',
    name: 'a new runbook with 2 successful runs asks a person, even for a critical alert',
    task: 2,
    input: { alert: alert('critical'), history: daily(2, 'succeeded', SUN_1400 - 11 * HOUR), policy, now: SUN_1400 - 11 * HOUR },
    run: (m, i) => m.shouldAutoExecute(i.alert, 'database_connection_recovery', i.history, i.policy, i.now),
    expect: { kind: 'ask-human', reason: 'only 2 runs on record; trust is earned' },
    points: 2,
  },
  // 6 of 10 succeeded: 60% < 80%.
  {
    id: 'poor-record',
    name: '6 of 10 runs succeeded: "success rate 60% is under 80%"',
    task: 2,
    input: { alert: alert('medium'), history: [...daily(6, 'succeeded', TUE_1400), ...daily(4, 'failed', TUE_1400, 6)], policy, now: TUE_1400 },
    run: (m, i) => m.shouldAutoExecute(i.alert, 'database_connection_recovery', i.history, i.policy, i.now),
    expect: { kind: 'ask-human', reason: 'success rate 60% is under 80%' },
  },
  // Three runs on payments-db 10, 30 and 50 minutes ago: 3 >= 3, escalate before anything else.
  {
    id: 'loop-breaker',
    name: 'the third run on the same target within an hour escalates, even for a proven runbook and a critical alert',
    task: 2,
    input: {
      alert: alert('critical'),
      history: [...proven(TUE_1400), ...[10, 30, 50].map((min) => ({ runbook: RUNBOOK, target: 'payments-db', at: TUE_1400 - min * 60_000, outcome: 'succeeded' as const }))],
      policy,
      now: TUE_1400,
    },
    run: (m, i) => m.shouldAutoExecute(i.alert, 'database_connection_recovery', i.history, i.policy, i.now),
    expect: { kind: 'escalate', reason: 'database_connection_recovery ran 3 times on payments-db recently: the fix is not holding' },
    points: 2,
  },
  {
    id: 'critical-runs',
    name: 'a proven runbook runs on its own for a critical alert at Tue 14:00',
    task: 3,
    input: { alert: alert('critical'), history: proven(TUE_1400), policy, now: TUE_1400 },
    run: (m, i) => m.shouldAutoExecute(i.alert, 'database_connection_recovery', i.history, i.policy, i.now),
    expect: { kind: 'auto' },
  },
  {
    id: 'low-business-hours',
    name: 'a low-severity alert at Tue 14:00 in Berlin asks a person',
    task: 3,
    input: { alert: alert('low'), history: proven(TUE_1400), policy, now: TUE_1400 },
    run: (m, i) => m.shouldAutoExecute(i.alert, 'database_connection_recovery', i.history, i.policy, i.now),
    expect: { kind: 'ask-human', reason: 'low severity during business hours: someone is there to decide' },
  },
  // The common 9 <= hour <= 17 on any day would ask a person in both cases.
  {
    id: 'low-after-hours-and-sunday',
    name: 'a low-severity alert at Tue 17:30 or Sun 14:00 runs on its own',
    task: 3,
    input: { alert: alert('low'), policy, times: [TUE_1730, SUN_1400], histories: [proven(TUE_1730), proven(SUN_1400)] },
    run: (m, i) => i.times.map((now: number, k: number) => m.shouldAutoExecute(i.alert, 'database_connection_recovery', i.histories[k], i.policy, now)),
    expect: [{ kind: 'auto' }, { kind: 'auto' }],
    points: 2,
  },
]);
