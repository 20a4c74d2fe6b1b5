import { defineTests } from '../../src/lib/grading/cases';
import type * as M from './starter';

const DAY = 86_400_000;
/** Another incident: 22:15 UTC on Friday 7 June 2024. */
const incidentAt = Date.parse('2024-06-07T22:15:00Z');
const base: M.ActionItem = { id: 'C1', description: 'Alert on replication lag metric absence', owner: 'db-team', priority: 'P0', dueAt: incidentAt + 2 * DAY, successCriteria: 'Alert fires in staging when the metric stops', addresses: ['F1'] };
const item = (id: string, days: number): M.ActionItem => ({ ...base, id, dueAt: incidentAt + days * DAY });

export default defineTests<typeof M>([
  // (dueAt - incidentAt) / DAY is rounded: 3.4 -> 3 (within 3), 3.5 -> 4 (over).
  {
    id: 'rounding',
    name: 'days are rounded: a P0 due after 3.4 days passes, after 3.5 days it is due after 4',
    task: 1,
    input: { a: item('C2', 3.4), b: item('C3', 3.5), incidentAt },
    run: (m, i) => [m.checkActionItem(i.a, i.incidentAt), m.checkActionItem(i.b, i.incidentAt)],
    expect: [[], ['P0 must be done within 3 days, but is due after 4']],
  },
  // 'Look into' and 'INVESTIGATE' start with a vague verb; 'Improvements' is not the verb 'improve'.
  {
    id: 'vague-verbs',
    name: 'vague verbs are matched at the start, case-insensitively, as whole words',
    task: 1,
    input: { incidentAt, items: ['Look into flaky health checks', 'INVESTIGATE disk usage', 'Improvements to the failover runbook, step 4'].map((d) => ({ ...base, description: d })) },
    run: (m, i) => i.items.map((it: M.ActionItem) => m.checkActionItem(it, i.incidentAt).length),
    expect: [1, 1, 0],
  },
  // Every problem at once, in the order: owner, criteria, verb, addresses, deadline (P2 due after 40 > 31).
  {
    id: 'all-problems-in-order',
    name: 'an item with every problem lists them in order',
    task: 1,
    input: { it: { ...base, owner: '', successCriteria: ' ', description: 'Consider sharding', addresses: [], priority: 'P2', dueAt: incidentAt + 40 * DAY }, incidentAt },
    run: (m, i) => m.checkActionItem(i.it, i.incidentAt),
    expect: [
      'no owner',
      'no success criteria: nobody can say when it is done',
      'vague verb: say what will be different afterwards',
      'answers no contributing factor or failure',
      'P2 must be done within 31 days, but is due after 40',
    ],
  },
  {
    id: 'complete-twice',
    name: 'completing an item twice counts it once',
    task: 2,
    input: [item('C1', 1), item('C2', 2)],
    run: (m, items, kit) => {
      const t = new m.ActionTracker(kit.clock(Date.parse('2024-06-08T09:00:00Z')));
      for (const it of items) t.add(it);
      t.complete('C1');
      t.complete('C1');
      return t.completionRate();
    },
    expect: 0.5,
  },
  // One definition: an empty tracker's report says 1 too (the common report said 0), and nothing is overdue.
  {
    id: 'empty-report',
    name: "an empty tracker's report agrees with completionRate: 1, and on track",
    task: 2,
    input: incidentAt,
    run: (m, now, kit) => new m.ActionTracker(kit.clock(now)).report(),
    expect: { total: 0, completed: 0, completionRate: 1, overdue: [], onTrack: true },
  },
  {
    id: 'due-exactly-now',
    name: 'an item due exactly now is not overdue yet; one millisecond later it is',
    task: 3,
    input: item('C4', 3),
    run: (m, it, kit) => {
      const clock = kit.clock(it.dueAt);
      const t = new m.ActionTracker(clock);
      t.add(it);
      const before = t.overdue().length;
      clock.time += 1;
      return [before, t.overdue().length];
    },
    expect: [0, 1],
  },
  {
    id: 'done-late-not-overdue',
    name: 'an overdue item that gets done leaves the overdue list',
    task: 3,
    input: { items: [item('C1', 1), item('C2', 2)], now: incidentAt + 6 * DAY },
    run: (m, i, kit) => {
      const t = new m.ActionTracker(kit.clock(i.now));
      for (const it of i.items) t.add(it);
      const before = t.overdue().map((o) => o.id);
      t.complete('C1');
      return { before, after: t.overdue().map((o) => o.id) };
    },
    expect: { before: ['C1', 'C2'], after: ['C2'] },
  },
  // 5 of 6 = 0.833 < 0.85: not on track, even with nothing overdue.
  {
    id: 'five-of-six',
    name: '5 of 6 done (83.3%) is not on track, even with nothing overdue',
    task: 3,
    input: { items: [1, 2, 3, 4, 5, 30].map((d) => item(`D${d}`, d)), now: incidentAt + 10 * DAY },
    run: (m, i, kit) => {
      const t = new m.ActionTracker(kit.clock(i.now));
      for (const it of i.items) t.add(it);
      for (const id of ['D1', 'D2', 'D3', 'D4', 'D5']) t.complete(id);
      const r = t.report();
      return [r.overdue.length, r.onTrack];
    },
    expect: [0, false],
  },
  // 17 / 20 = 0.85 exactly: at the target counts as on track.
  {
    id: 'exactly-85',
    name: '17 of 20 done is exactly 85%: on track',
    task: 3,
    input: Array.from({ length: 20 }, (_, k) => item(`E${k + 1}`, k < 17 ? 1 : 60)),
    run: (m, items, kit) => {
      const t = new m.ActionTracker(kit.clock(Date.parse('2024-06-20T00:00:00Z')));
      for (const it of items) t.add(it);
      for (let k = 1; k <= 17; k++) t.complete(`E${k}`);
      const r = t.report();
      return [r.completionRate, r.onTrack];
    },
    expect: [0.85, true],
  },
  // Target 0.8: 4 of 5 = 0.8 is on track; with the default 0.85 it is not.
  {
    id: 'custom-target',
    name: 'the target is a constructor parameter: 4 of 5 is on track against 80%, not 85%',
    task: 3,
    input: [1, 2, 3, 4, 60].map((d) => item(`F${d}`, d)),
    run: (m, items, kit) => {
      const clock = kit.clock(Date.parse('2024-06-20T00:00:00Z'));
      const loose = new m.ActionTracker(clock, 0.8);
      const strict = new m.ActionTracker(clock);
      for (const t of [loose, strict]) {
        for (const it of items) t.add(it);
        for (const id of ['F1', 'F2', 'F3', 'F4']) t.complete(id);
      }
      return [loose.report().onTrack, strict.report().onTrack];
    },
    expect: [true, false],
  },
  // 9 of 10 = 0.9 >= 0.85, but the open one is overdue: not on track.
  {
    id: 'overdue-blocks-on-track',
    name: '90% done is not on track while one item is overdue',
    task: 3,
    input: Array.from({ length: 10 }, (_, k) => item(`G${k + 1}`, k + 1)),
    run: (m, items, kit) => {
      const t = new m.ActionTracker(kit.clock(Date.parse('2024-07-01T00:00:00Z')));
      for (const it of items) t.add(it);
      for (let k = 1; k <= 9; k++) t.complete(`G${k}`);
      const r = t.report();
      return { completionRate: r.completionRate, overdue: r.overdue.map((o) => o.id), onTrack: r.onTrack };
    },
    expect: { completionRate: 0.9, overdue: ['G10'], onTrack: false },
  },
]);
