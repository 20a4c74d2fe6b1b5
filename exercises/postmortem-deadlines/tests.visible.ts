import { defineTests } from '../../src/lib/grading/cases';
import type * as M from './starter';

const facts = (over: Partial<M.IncidentFacts>): M.IncidentFacts => ({ severity: 3, budgetSpent: 0.05, dataLost: false, reportedByHuman: false, manualIntervention: false, ...over });

export default defineTests<typeof M>([
  // SEV-2: major. 35% > 20%: a P0 item. A rollback by hand: manual intervention. Caught by monitoring.
  {
    id: 'sev2-rollback',
    name: 'a SEV-2 that spent 35% of the budget and needed a manual rollback: three reasons, in order',
    task: 1,
    input: facts({ severity: 2, budgetSpent: 0.35, manualIntervention: true }),
    run: (m, f) => m.postmortemReasons(f),
    expect: ['major incident (SEV-1 or SEV-2)', 'spent over 20% of the error budget: needs at least one P0 action item', 'recovery needed manual intervention'],
    points: 2,
  },
  { id: 'minor-none', name: 'a SEV-3 caught by an alert, 5% of the budget, fixed by automation: no post-mortem required', task: 1, input: facts({}), run: (m, f) => m.postmortemReasons(f), expect: [] },
  { id: 'budget-exactly-20', name: 'exactly 20% of the budget is not "more than 20%"', task: 1, input: facts({ budgetSpent: 0.2 }), run: (m, f) => m.postmortemReasons(f), expect: [] },
  { id: 'sev4-human-reported', name: 'even a SEV-4 needs one when monitoring did not catch it', task: 1, input: facts({ severity: 4, reportedByHuman: true }), run: (m, f) => m.postmortemReasons(f), expect: ['monitoring did not detect it'] },
  // The lesson's incident: SEV-2 resolved Mon 15 Jan 2024 16:20 UTC by a team in London (UTC+0 in
  // winter); +3 days = Thu 18 Jan 16:20.
  {
    id: 'lesson-sev2',
    name: "the lesson's SEV-2, resolved Monday 16:20 in London: meeting by Thursday 16:20",
    task: 2,
    input: '2024-01-15T16:20:00Z',
    run: (m, iso) => new Date(m.meetingDeadline(2, Date.parse(iso), 'Europe/London')).toISOString(),
    expect: '2024-01-18T16:20:00.000Z',
    points: 2,
  },
  // SEV-1 resolved Fri 19 Jan in London: +1 = Sat 20 -> Mon 22 Jan (the common "next business day").
  {
    id: 'sev1-friday',
    name: 'a SEV-1 resolved on a Friday meets on Monday, not Saturday',
    task: 2,
    input: '2024-01-19T16:20:00Z',
    run: (m, iso) => new Date(m.meetingDeadline(1, Date.parse(iso), 'Europe/London')).toISOString(),
    expect: '2024-01-22T16:20:00.000Z',
  },
  // SEV-2 resolved Thu 18 Jan 10:00 in London: +3 = Sun 21 -> Mon 22 Jan 10:00.
  {
    id: 'sev2-sunday',
    name: 'a SEV-2 deadline that lands on a Sunday moves to Monday',
    task: 2,
    input: '2024-01-18T10:00:00Z',
    run: (m, iso) => new Date(m.meetingDeadline(2, Date.parse(iso), 'Europe/London')).toISOString(),
    expect: '2024-01-22T10:00:00.000Z',
  },
  // The lesson's example: Friday 18:00 in Los Angeles is already Saturday in UTC. SEV-1 resolved
  // Thu 6 Jun 2024 18:00 PDT (UTC-7) = 2024-06-07T01:00Z; +1 day = 2024-06-08T01:00Z, Fri 7 Jun
  // 18:00 in Los Angeles: a weekday, so it stays. A team in UTC sees Sat 8 Jun 01:00 -> Mon 10 Jun 01:00.
  {
    id: 'los-angeles-friday-evening',
    name: 'Friday 18:00 in Los Angeles is Saturday in UTC: the Los Angeles team keeps its Friday deadline',
    task: 2,
    input: '2024-06-07T01:00:00Z',
    run: (m, iso) => ['America/Los_Angeles', 'UTC'].map((zone) => new Date(m.meetingDeadline(1, Date.parse(iso), zone)).toISOString()),
    expect: ['2024-06-08T01:00:00.000Z', '2024-06-10T01:00:00.000Z'],
    points: 2,
  },
  // Tokyo is UTC+9 all year. SEV-1 resolved 2024-06-07T23:30Z (Sat 8 Jun 08:30 in Tokyo); +1 day =
  // 2024-06-08T23:30Z: Saturday in UTC but Sun 9 Jun 08:30 in Tokyo, so it moves one day, to
  // 2024-06-09T23:30Z = Mon 10 Jun 08:30 in Tokyo. Judged in UTC it would move two days, to Tuesday in Tokyo.
  {
    id: 'tokyo-sunday',
    name: 'a Tokyo team: a deadline on Saturday in UTC but Sunday in Tokyo moves one day, to Monday morning in Tokyo',
    task: 2,
    input: '2024-06-07T23:30:00Z',
    run: (m, iso) => new Date(m.meetingDeadline(1, Date.parse(iso), 'Asia/Tokyo')).toISOString(),
    expect: '2024-06-09T23:30:00.000Z',
  },
  // Candidates without ben: [ana, chen]. Turns 0, 1, 4 -> ana, chen, ana (4 % 2 = 0).
  {
    id: 'rotation-skips-commander',
    name: 'the rotation skips the commander and wraps around',
    task: 3,
    input: ['ana', 'ben', 'chen'],
    run: (m, rotation) => [0, 1, 4].map((turn) => m.pickFacilitator(rotation, turn, 'ben')),
    expect: ['ana', 'chen', 'ana'],
  },
  {
    id: 'only-the-commander',
    name: 'a rotation of only the commander has nobody to facilitate',
    task: 3,
    input: ['ben'],
    run: (m, rotation) => m.pickFacilitator(rotation, 0, 'ben'),
    throws: 'no facilitator available other than the incident commander',
  },
]);
