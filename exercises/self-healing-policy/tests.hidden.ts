import { defineTests } from '../../src/lib/grading/cases';
import type * as M from './starter';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Tuesday 12 March 2024, 13:00 UTC: 14:00 in Berlin, 06:00 in Los Angeles (PDT). */
const TUE_1400 = Date.UTC(2024, 2, 12, 13);
const TUE_1659 = Date.UTC(2024, 2, 12, 15, 59);
const TUE_0900 = Date.UTC(2024, 2, 12, 8);
const TUE_0859 = Date.UTC(2024, 2, 12, 7, 59);
const TUE_1700 = Date.UTC(2024, 2, 12, 16);
const SAT_1100 = Date.UTC(2024, 2, 16, 10);

const policy: M.AutoPolicy = {
  minHistory: 5,
  minSuccessRate: 0.8,
  historyMs: 30 * DAY,
  maxRunsPerTarget: 3,
  loopWindowMs: HOUR,
  businessHours: { timeZone: 'Europe/Berlin', from: 9, to: 17, days: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'] },
};
const RUNBOOK = 'database_connection_recovery';
const alert = (severity: M.Severity, target = 'payments-db'): M.Alert => ({ name: 'PostgresConnectionPoolExhausted', severity, target, labels: {} });
const daily = (n: number, outcome: M.Execution['outcome'], now: number, skip = 0, runbook = RUNBOOK): M.Execution[] =>
  Array.from({ length: n }, (_, i) => ({ runbook, target: 'payments-db', at: now - (i + 1 + skip) * DAY, outcome }));
const proven = (now: number) => [...daily(11, 'succeeded', now), ...daily(1, 'failed', now, 11)];
const minutesAgo = (now: number, minutes: number[], target: string, outcome: M.Execution['outcome'] = 'succeeded', runbook = RUNBOOK): M.Execution[] =>
  minutes.map((min) => ({ runbook, target, at: now - min * 60_000, outcome }));

export default defineTests<typeof M>([
  // 23:30 UTC on Tuesday is 00:30 on Wednesday in Berlin; 12:00 UTC on 2 July is 14:00 CEST (UTC+2);
  // 21:45 UTC on Sunday 10 March is 03:15 on Monday in India (UTC+5:30).
  {
    id: 'zones-and-midnight',
    name: 'local time across midnight, in summer time and at a half-hour offset',
    task: 1,
    input: [
      [Date.UTC(2024, 2, 12, 23, 30), 'Europe/Berlin'],
      [Date.UTC(2024, 6, 2, 12), 'Europe/Berlin'],
      [Date.UTC(2024, 2, 10, 21, 45), 'Asia/Kolkata'],
    ],
    run: (m, cases) => cases.map(([at, tz]: [number, string]) => m.localTime(at, tz)),
    expect: [
      { weekday: 'Wed', hour: 0 },
      { weekday: 'Tue', hour: 14 },
      { weekday: 'Mon', hour: 3 },
    ],
  },
  // 4 succeeded + 2 stopped: stopped runs are not on record, so 4 < 5.
  {
    id: 'stopped-not-counted',
    name: 'stopped runs do not count towards the track record',
    task: 2,
    input: { alert: alert('high'), history: [...daily(4, 'succeeded', SAT_1100), ...daily(2, 'stopped', SAT_1100, 4)], policy, now: SAT_1100 },
    run: (m, i) => m.shouldAutoExecute(i.alert, 'database_connection_recovery', i.history, i.policy, i.now),
    expect: { kind: 'ask-human', reason: 'only 4 runs on record; trust is earned' },
  },
  // 8 succeeded + 2 failed = 80%, not under 80%; 5 stopped change nothing; Saturday: auto.
  {
    id: 'exactly-80-percent',
    name: 'exactly 80% success is enough, and stopped runs do not lower the rate',
    task: 2,
    input: { alert: alert('low'), history: [...daily(8, 'succeeded', SAT_1100), ...daily(2, 'failed', SAT_1100, 8), ...daily(5, 'stopped', SAT_1100, 10)], policy, now: SAT_1100 },
    run: (m, i) => m.shouldAutoExecute(i.alert, 'database_connection_recovery', i.history, i.policy, i.now),
    expect: { kind: 'auto' },
  },
  // 6 successes 40 days ago are outside the 30-day record; 2 recent ones remain.
  {
    id: 'old-runs-expire',
    name: 'runs older than historyMs are not on record, and other runbooks never count',
    task: 2,
    input: {
      alert: alert('critical'),
      history: [...daily(6, 'succeeded', SAT_1100, 39), ...daily(2, 'succeeded', SAT_1100), ...daily(9, 'succeeded', SAT_1100, 2, 'restart_pod')],
      policy,
      now: SAT_1100,
    },
    run: (m, i) => m.shouldAutoExecute(i.alert, 'database_connection_recovery', i.history, i.policy, i.now),
    expect: { kind: 'ask-human', reason: 'only 2 runs on record; trust is earned' },
  },
  // 4 succeeded + 2 failed: 6 runs on record, 4/6 = 66.67%, toFixed(0) -> "67".
  {
    id: 'rate-rounding',
    name: '4 of 6 successful is reported as 67%',
    task: 2,
    input: { alert: alert('critical'), history: [...daily(4, 'succeeded', SAT_1100), ...daily(2, 'failed', SAT_1100, 4)], policy, now: SAT_1100 },
    run: (m, i) => m.shouldAutoExecute(i.alert, 'database_connection_recovery', i.history, i.policy, i.now),
    expect: { kind: 'ask-human', reason: 'success rate 67% is under 80%' },
  },
  // Runs on other targets, by other runbooks, or exactly 60 minutes ago (not < 1 h) do not trip the breaker;
  // three stopped runs on the target within the hour do (the breaker counts every outcome).
  {
    id: 'loop-breaker-scope',
    name: 'the loop breaker counts only this runbook on this target within the hour, whatever the outcome',
    task: 2,
    input: {
      policy,
      now: TUE_1400,
      clear: [...proven(TUE_1400), ...minutesAgo(TUE_1400, [5, 15, 25], 'orders-db'), ...minutesAgo(TUE_1400, [5, 15, 25], 'payments-db', 'succeeded', 'restart_pod'), ...minutesAgo(TUE_1400, [20, 40, 60], 'payments-db')],
      tripped: [...proven(TUE_1400), ...minutesAgo(TUE_1400, [2, 20, 45], 'payments-db', 'stopped')],
      alert: alert('critical'),
    },
    run: (m, i) => [
      m.shouldAutoExecute(i.alert, 'database_connection_recovery', i.clear, i.policy, i.now),
      m.shouldAutoExecute(i.alert, 'database_connection_recovery', i.tripped, i.policy, i.now),
    ],
    expect: [{ kind: 'auto' }, { kind: 'escalate', reason: 'database_connection_recovery ran 3 times on payments-db recently: the fix is not holding' }],
  },
  // [9, 17): 09:00 and 16:59 are business hours, 08:59 and 17:00 are not.
  {
    id: 'business-hour-edges',
    name: 'low severity at 08:59, 09:00, 16:59 and 17:00 on a Tuesday in Berlin',
    task: 3,
    input: { policy, times: [TUE_0859, TUE_0900, TUE_1659, TUE_1700], alert: alert('low') },
    run: (m, i) =>
      i.times.map((now: number) => {
        const history = Array.from({ length: 10 }, (_, k) => ({ runbook: 'database_connection_recovery', target: 'payments-db', at: now - (k + 1) * 86_400_000, outcome: 'succeeded' as const }));
        return m.shouldAutoExecute(i.alert, 'database_connection_recovery', history, i.policy, now).kind;
      }),
    expect: ['auto', 'ask-human', 'ask-human', 'auto'],
    points: 2,
  },
  // 14:00 in Berlin is 06:00 in Los Angeles: a team there is not at its desks.
  {
    id: 'team-time-zone',
    name: "the team's time zone decides: Tue 13:00 UTC is 06:00 for a team in Los Angeles",
    task: 3,
    input: { policy: { ...policy, businessHours: { ...policy.businessHours, timeZone: 'America/Los_Angeles' } }, history: proven(TUE_1400), alert: alert('low'), now: TUE_1400 },
    run: (m, i) => m.shouldAutoExecute(i.alert, 'database_connection_recovery', i.history, i.policy, i.now),
    expect: { kind: 'auto' },
  },
  // High and medium run in business hours; a team that works Saturdays asks for low at Sat 11:00.
  {
    id: 'severities-and-days',
    name: 'high and medium run during business hours; a Saturday team asks a person for low',
    task: 3,
    input: {
      policy,
      saturdayPolicy: { ...policy, businessHours: { ...policy.businessHours, days: ['Tue', 'Wed', 'Thu', 'Fri', 'Sat'] } },
      tue: proven(TUE_1400),
      sat: proven(SAT_1100),
      high: alert('high'),
      medium: alert('medium'),
      low: alert('low'),
    },
    run: (m, i) => [
      m.shouldAutoExecute(i.high, 'database_connection_recovery', i.tue, i.policy, Date.UTC(2024, 2, 12, 13)),
      m.shouldAutoExecute(i.medium, 'database_connection_recovery', i.tue, i.policy, Date.UTC(2024, 2, 12, 13)),
      m.shouldAutoExecute(i.low, 'database_connection_recovery', i.sat, i.saturdayPolicy, Date.UTC(2024, 2, 16, 10)),
    ],
    expect: [{ kind: 'auto' }, { kind: 'auto' }, { kind: 'ask-human', reason: 'low severity during business hours: someone is there to decide' }],
  },
]);
