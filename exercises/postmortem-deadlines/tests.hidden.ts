import { defineTests } from '../../src/lib/grading/cases';
import type * as M from './starter';

export default defineTests<typeof M>([
  {
    id: 'every-reason',
    name: 'a SEV-1 with every trigger lists all five reasons in order',
    task: 1,
    input: { severity: 1, budgetSpent: 0.5, dataLost: true, reportedByHuman: true, manualIntervention: true },
    run: (m, f) => m.postmortemReasons(f),
    expect: [
      'major incident (SEV-1 or SEV-2)',
      'spent over 20% of the error budget: needs at least one P0 action item',
      'data was lost',
      'monitoring did not detect it',
      'recovery needed manual intervention',
    ],
  },
  { id: 'budget-just-over', name: 'a SEV-4 that spent 20.01% of the budget needs one, with a P0 item', task: 1, input: { severity: 4, budgetSpent: 0.2001, dataLost: false, reportedByHuman: false, manualIntervention: false }, run: (m, f) => m.postmortemReasons(f), expect: ['spent over 20% of the error budget: needs at least one P0 action item'] },
  { id: 'sev2-only', name: 'a SEV-2 with nothing else still needs one', task: 1, input: { severity: 2, budgetSpent: 0, dataLost: false, reportedByHuman: false, manualIntervention: false }, run: (m, f) => m.postmortemReasons(f), expect: ['major incident (SEV-1 or SEV-2)'] },
  // Each case: severity, resolved (UTC), the team's zone -> deadline (UTC).
  // SEV-4 Wed 5 Jun +14 = Wed 19 Jun (17:30 in Kolkata). SEV-3 Sat 8 Jun +7 = Sat 15 Jun (10:00 in
  // Berlin) -> Mon 17 Jun. SEV-2 Wed 28 Feb 2024 (leap year) +3 = Sat 2 Mar in London -> Mon 4 Mar.
  // SEV-3 Tue 24 Dec +7 = Tue 31 Dec (10:00 in New York).
  {
    id: 'deadline-table',
    name: 'SEV-4 after 14 days, SEV-3 after 7 (a Saturday moves to Monday), across a leap day and a year end',
    task: 2,
    input: [
      [4, '2024-06-05T12:00:00Z', 'Asia/Kolkata'],
      [3, '2024-06-08T08:00:00Z', 'Europe/Berlin'],
      [2, '2024-02-28T09:00:00Z', 'Europe/London'],
      [3, '2024-12-24T15:00:00Z', 'America/New_York'],
    ],
    run: (m, cases: [M.Severity, string, string][]) => cases.map(([s, iso, zone]) => new Date(m.meetingDeadline(s, Date.parse(iso), zone)).toISOString()),
    expect: ['2024-06-19T12:00:00.000Z', '2024-06-17T08:00:00.000Z', '2024-03-04T09:00:00.000Z', '2024-12-31T15:00:00.000Z'],
    points: 2,
  },
  // SEV-1 resolved Sat 8 Jun 23:30 UTC: +1 = 2024-06-09T23:30Z. In UTC that is Sunday -> Mon 10 Jun
  // 23:30Z. In Tokyo (UTC+9) it is Mon 10 Jun 08:30: it stays. In Los Angeles (UTC-7) it is Sun 9 Jun
  // 16:30 -> Mon 10 Jun 16:30 = 2024-06-10T23:30Z. The time of day is kept.
  {
    id: 'sev1-saturday-night-zones',
    name: 'a SEV-1 resolved Saturday 23:30 UTC: Monday for a UTC team, Monday morning in Tokyo a day earlier, Monday in Los Angeles',
    task: 2,
    input: '2024-06-08T23:30:00Z',
    run: (m, iso) => ['UTC', 'Asia/Tokyo', 'America/Los_Angeles'].map((zone) => new Date(m.meetingDeadline(1, Date.parse(iso), zone)).toISOString()),
    expect: ['2024-06-10T23:30:00.000Z', '2024-06-09T23:30:00.000Z', '2024-06-10T23:30:00.000Z'],
    points: 2,
  },
  // SEV-2 resolved Thu 6 Jun 20:00 PDT = 2024-06-07T03:00Z; +3 days = 2024-06-10T03:00Z, Monday in
  // UTC but Sun 9 Jun 20:00 in Los Angeles -> Mon 10 Jun 20:00 PDT = 2024-06-11T03:00Z.
  {
    id: 'los-angeles-sunday-evening',
    name: 'Monday 03:00 UTC is Sunday evening in Los Angeles: the deadline moves a day',
    task: 2,
    input: '2024-06-07T03:00:00Z',
    run: (m, iso) => new Date(m.meetingDeadline(2, Date.parse(iso), 'America/Los_Angeles')).toISOString(),
    expect: '2024-06-11T03:00:00.000Z',
  },
  // A UTC team: Fri 7 Jun 23:30 UTC +1 = Sat 8 Jun 23:30 -> Mon 10 Jun 23:30. In ms: resolved + 3 days.
  {
    id: 'sev1-friday-night-ms',
    name: 'a SEV-1 resolved Friday 23:30 UTC by a UTC team: the deadline is exactly 3 days later, in ms',
    task: 2,
    input: Date.parse('2024-06-07T23:30:00Z'),
    run: (m, t) => m.meetingDeadline(1, t, 'UTC') - t,
    expect: 3 * 86_400_000,
  },
  // Tue 4 Jun 07:00 UTC (16:00 in Tokyo) +1 = Wed 5 Jun 16:00 in Tokyo: a weekday.
  { id: 'weekday-stays', name: 'a deadline on a weekday does not move', task: 2, input: '2024-06-04T07:00:00Z', run: (m, iso) => new Date(m.meetingDeadline(1, Date.parse(iso), 'Asia/Tokyo')).toISOString(), expect: '2024-06-05T07:00:00.000Z' },
  // The commander is not in the rotation: candidates [ana, ben], turn 3 % 2 = 1 -> ben.
  { id: 'commander-not-in-rotation', name: 'a commander outside the rotation removes nobody', task: 3, input: ['ana', 'ben'], run: (m, r) => m.pickFacilitator(r, 3, 'zoe'), expect: 'ben' },
  // Candidates without chen: [ana, ben, dev]; turn 5 % 3 = 2 -> dev.
  { id: 'rotation-four', name: 'four in the rotation, commander chen: turn 5 is dev', task: 3, input: ['ana', 'ben', 'chen', 'dev'], run: (m, r) => m.pickFacilitator(r, 5, 'chen'), expect: 'dev' },
  { id: 'empty-rotation', name: 'an empty rotation has nobody to facilitate', task: 3, input: [], run: (m, r) => m.pickFacilitator(r, 2, 'ana'), throws: 'no facilitator available' },
]);
