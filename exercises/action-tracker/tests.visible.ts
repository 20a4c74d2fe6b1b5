import { defineTests } from '../../src/lib/grading/cases';
import type * as M from './starter';

const DAY = 86_400_000;
/** The lesson's payment incident started at 14:30 UTC on Monday 15 January 2024. */
const incidentAt = Date.parse('2024-01-15T14:30:00Z');
const due = (day: string): number => Date.parse(`${day}T17:00:00Z`);

/** The lesson's four action items from the classic exercise, as the lesson wrote them. */
const lessonItems: M.ActionItem[] = [
  { id: 'A1', description: 'Implement dynamic connection pool sizing', owner: 'database-team', priority: 'P0', dueAt: due('2024-01-22'), successCriteria: 'Load test at 3x peak traffic shows no pool exhaustion', addresses: ['W2'] },
  { id: 'A2', description: 'Add connection pool monitoring and alerting', owner: 'platform-team', priority: 'P0', dueAt: due('2024-01-25'), successCriteria: 'Alert fires in staging when pool use exceeds 80% for 5 minutes', addresses: ['W1'] },
  { id: 'A3', description: 'Create a runbook for connection pool exhaustion', owner: 'on-call-team', priority: 'P1', dueAt: due('2024-02-01'), successCriteria: 'A game day recovers a drained pool using only the runbook', addresses: ['W3'] },
  { id: 'A4', description: 'Review all static configuration for elasticity', owner: 'architecture-team', priority: 'P2', dueAt: due('2024-02-15'), successCriteria: '', addresses: [] },
];
/** A well-formed item: the fifth item the lesson says is missing (it answers W4). */
const a5: M.ActionItem = { id: 'A5', description: 'Pre-approve a first status-page message for SEV-2', owner: 'support-lead', priority: 'P1', dueAt: incidentAt + 5 * DAY, successCriteria: 'Posted within 5 minutes of a SEV-2 at the next game day', addresses: ['W4'] };
/** An item of `priority` due `days` after the incident. */
const item = (id: string, days: number, priority: M.Priority = 'P1'): M.ActionItem => ({ ...a5, id, priority, dueAt: incidentAt + days * DAY });

export default defineTests<typeof M>([
  // A1 due after 7.1 days -> 7 > 3; A2 10.1 -> 10 > 3; A3 17.1 -> 17 > 7; A4 31.1 -> 31, not over 31,
  // but no criteria, a vague verb and nothing it answers.
  {
    id: 'lesson-items',
    name: "the lesson's four items: three late for their priority, A4 vague and unanchored",
    task: 1,
    input: { items: lessonItems, incidentAt },
    run: (m, i) => i.items.map((it: M.ActionItem) => m.checkActionItem(it, i.incidentAt)),
    expect: [
      ['P0 must be done within 3 days, but is due after 7'],
      ['P0 must be done within 3 days, but is due after 10'],
      ['P1 must be done within 7 days, but is due after 17'],
      ['no success criteria: nobody can say when it is done', 'vague verb: say what will be different afterwards', 'answers no contributing factor or failure'],
    ],
    points: 2,
  },
  { id: 'good-item', name: 'an owned, specific P1 item with criteria, due after 5 days, has no problems', task: 1, input: { a5, incidentAt }, run: (m, i) => m.checkActionItem(i.a5, i.incidentAt), expect: [] },
  { id: 'p3-no-deadline', name: 'P3 has no deadline: due after 200 days is fine', task: 1, input: { it: item('A6', 200, 'P3'), incidentAt }, run: (m, i) => m.checkActionItem(i.it, i.incidentAt), expect: [] },
  { id: 'blank-owner', name: 'an owner of only spaces is no owner', task: 1, input: { it: { ...a5, owner: '   ' }, incidentAt }, run: (m, i) => m.checkActionItem(i.it, i.incidentAt), expect: ['no owner'] },
  // 3 of 4 done: 0.75.
  {
    id: 'rate-three-of-four',
    name: 'three of four items done is a completion rate of 0.75',
    task: 2,
    input: { items: lessonItems, now: incidentAt },
    run: (m, i, kit) => {
      const t = new m.ActionTracker(kit.clock(i.now));
      for (const it of i.items) t.add(it);
      t.complete('A1');
      t.complete('A2');
      t.complete('A3');
      return t.completionRate();
    },
    expect: 0.75,
  },
  { id: 'empty-rate', name: 'an empty tracker has nothing outstanding: its rate is 1', task: 2, input: incidentAt, run: (m, now, kit) => new m.ActionTracker(kit.clock(now)).completionRate(), expect: 1 },
  {
    id: 'duplicate-id',
    name: 'adding the same id twice is refused',
    task: 2,
    input: { a5, now: incidentAt },
    run: (m, i, kit) => {
      const t = new m.ActionTracker(kit.clock(i.now));
      t.add(i.a5);
      t.add({ ...i.a5, description: 'A second item with the same id' });
      return t.completionRate();
    },
    throws: 'duplicate action item A5',
  },
  {
    id: 'unknown-id',
    name: 'completing an unknown item is an error, not a silent no-op',
    task: 2,
    input: { a5, now: incidentAt },
    run: (m, i, kit) => {
      const t = new m.ActionTracker(kit.clock(i.now));
      t.add(i.a5);
      t.complete('A9');
      return t.completionRate();
    },
    throws: 'unknown action item A9',
  },
  // 21 Jan: nothing overdue, 0 of 4 done. A1 done 22 Jan. 26 Jan 09:00: A2 (due 25 Jan 17:00) overdue, 1/4.
  // A2 done 26 Jan 10:00, A3 30 Jan. 20 Feb: A4 (due 15 Feb) overdue, 3/4. A4 done: 4/4, on track.
  {
    id: 'clock-walk',
    name: 'walking the clock through the lesson items: overdue, done, on track',
    task: 3,
    input: lessonItems,
    run: (m, items, kit) => {
      const clock = kit.clock(Date.parse('2024-01-21T09:00:00Z'));
      const t = new m.ActionTracker(clock);
      for (const it of items) t.add(it);
      const snap = () => {
        const r = t.report();
        return { total: r.total, completed: r.completed, completionRate: r.completionRate, overdue: r.overdue.map((o) => o.id), onTrack: r.onTrack };
      };
      const steps = [snap()];
      clock.time = Date.parse('2024-01-22T12:00:00Z');
      t.complete('A1');
      clock.time = Date.parse('2024-01-26T09:00:00Z');
      steps.push(snap());
      clock.time = Date.parse('2024-01-26T10:00:00Z');
      t.complete('A2');
      clock.time = Date.parse('2024-01-30T10:00:00Z');
      t.complete('A3');
      clock.time = Date.parse('2024-02-20T09:00:00Z');
      steps.push(snap());
      t.complete('A4');
      steps.push(snap());
      return steps;
    },
    expect: [
      { total: 4, completed: 0, completionRate: 0, overdue: [], onTrack: false },
      { total: 4, completed: 1, completionRate: 0.25, overdue: ['A2'], onTrack: false },
      { total: 4, completed: 3, completionRate: 0.75, overdue: ['A4'], onTrack: false },
      { total: 4, completed: 4, completionRate: 1, overdue: [], onTrack: true },
    ],
    points: 2,
  },
  // Added in the order 10, 2, 6 days; at 12 days all three are overdue, listed by due date.
  {
    id: 'oldest-first',
    name: 'overdue items come oldest first, whatever order they were added in',
    task: 3,
    input: { items: [item('X10', 10), item('X2', 2), item('X6', 6)], now: incidentAt + 12 * DAY },
    run: (m, i, kit) => {
      const t = new m.ActionTracker(kit.clock(i.now));
      for (const it of i.items) t.add(it);
      return t.overdue().map((o) => o.id);
    },
    expect: ['X2', 'X6', 'X10'],
  },
  // 6 of 7 done = 0.857 >= 0.85 and the open one is not due yet: on track.
  {
    id: 'on-track-six-of-seven',
    name: '6 of 7 done (85.7%) with nothing overdue is on track',
    task: 3,
    input: { items: [1, 2, 3, 4, 5, 6, 20].map((d) => item(`B${d}`, d)), now: incidentAt + 10 * DAY },
    run: (m, i, kit) => {
      const t = new m.ActionTracker(kit.clock(i.now));
      for (const it of i.items) t.add(it);
      for (const id of ['B1', 'B2', 'B3', 'B4', 'B5', 'B6']) t.complete(id);
      const r = t.report();
      return { completed: r.completed, completionRate: r.completionRate, overdue: r.overdue.length, onTrack: r.onTrack };
    },
    expect: { completed: 6, completionRate: 6 / 7, overdue: 0, onTrack: true },
  },
]);
