import { defineTests } from '../../src/lib/grading/cases';
import type * as M from './starter';

/** Tuesday 5 March 2024, in UTC. */
const at = (hhmm: string): number => Date.parse(`2024-03-05T${hhmm}:00Z`);
const update = (audience: M.Audience, hhmm: string): M.TimelineEntry => ({ at: at(hhmm), kind: `update:${audience}`, detail: 'ic: status' });

export default defineTests<typeof M>([
  {
    id: 'login-down-for-everyone',
    name: 'nobody can log in: all customers, core journey broken, SEV-1',
    task: 1,
    input: { impact: 'all-customers', dataAtRisk: false, coreJourneyBroken: true },
    run: (m, o) => m.classify(o),
    expect: 1,
  },
  // all slow -> 2; major subset broken -> 2; major subset slow -> 3; minor subset broken -> 3; internal -> 4.
  {
    id: 'criteria-table',
    name: 'the criteria table: who is affected, and whether a core journey is broken or only slow',
    task: 1,
    input: [
      { impact: 'all-customers', dataAtRisk: false, coreJourneyBroken: false },
      { impact: 'major-subset', dataAtRisk: false, coreJourneyBroken: true },
      { impact: 'major-subset', dataAtRisk: false, coreJourneyBroken: false },
      { impact: 'minor-subset', dataAtRisk: false, coreJourneyBroken: true },
      { impact: 'internal-only', dataAtRisk: false, coreJourneyBroken: false },
    ],
    run: (m, list: M.Observation[]) => list.map((o) => m.classify(o)),
    expect: [2, 2, 3, 3, 4],
    points: 2,
  },
  {
    id: 'data-at-risk-small',
    name: 'customer data at risk is SEV-1 even for a minor subset of users',
    task: 1,
    input: { impact: 'minor-subset', dataAtRisk: true, coreJourneyBroken: false },
    run: (m, o) => m.classify(o),
    expect: 1,
  },
  {
    id: 'unsure-and-major',
    name: 'unsure between SEV-2 and SEV-1 means SEV-1; SEV-1 and SEV-2 are the major incidents',
    task: 1,
    input: null,
    run: (m) => ({ unsure: m.whenUnsure(2, 1), single: m.whenUnsure(3), major: [1, 2, 3, 4].map((s) => m.isMajor(s as M.Severity)) }),
    expect: { unsure: 1, single: 3, major: [true, true, false, false] },
  },
  // SEV-1 stakeholders every 30 min: 10:00 -> 10:30.
  { id: 'sev1-stakeholders', name: 'SEV-1: the next stakeholder update is due 30 minutes after the last', task: 2, input: at('10:00'), run: (m, t) => m.nextUpdateDue(1, 'stakeholders', t), expect: at('10:30') },
  // SEV-2 customers hourly: 10:00 -> 11:00. SEV-3 stakeholders every 240 min: 10:00 -> 14:00.
  {
    id: 'sev2-sev3',
    name: 'SEV-2 customers hourly, SEV-3 stakeholders every four hours',
    task: 2,
    input: at('10:00'),
    run: (m, t) => [m.nextUpdateDue(2, 'customers', t), m.nextUpdateDue(3, 'stakeholders', t)],
    expect: [at('11:00'), at('14:00')],
  },
  {
    id: 'not-scheduled',
    name: 'no schedule: SEV-3 customers (on state changes only) and responders (continuous)',
    task: 2,
    input: at('10:00'),
    run: (m, t) => [m.nextUpdateDue(3, 'customers', t), m.nextUpdateDue(1, 'responders', t)],
    expect: [undefined, undefined],
  },
  // Declared 10:00. Due 10:30: 10:25 on time. Due 10:55: 11:05 is 10 min late. Due 11:35: 11:30 on time.
  // Due 12:00: nothing by 12:10, outstanding and 10 min late.
  {
    id: 'sev1-late-updates',
    name: 'SEV-1 stakeholders: one update 10 minutes late, one 10 minutes overdue',
    task: 3,
    input: { timeline: [update('stakeholders', '10:25'), update('stakeholders', '11:05'), update('stakeholders', '11:30')], declaredAt: at('10:00'), now: at('12:10') },
    run: (m, i) => m.lateUpdates(1, 'stakeholders', i.declaredAt, i.timeline, i.now),
    expect: [
      { dueAt: at('10:55'), postedAt: at('11:05'), lateMinutes: 10 },
      { dueAt: at('12:00'), lateMinutes: 10 },
    ],
    points: 2,
  },
  // Customers: due 11:00, posted 10:50; next due 11:50, now 11:30. The stakeholder update at 11:40 does not count.
  {
    id: 'other-audiences-ignored',
    name: "only this audience's updates count; nothing is late yet",
    task: 3,
    input: {
      timeline: [update('responders', '10:05'), update('customers', '10:50'), update('stakeholders', '11:40')],
      declaredAt: at('10:00'),
      now: at('11:30'),
    },
    run: (m, i) => m.lateUpdates(2, 'customers', i.declaredAt, i.timeline, i.now),
    expect: [],
  },
  {
    id: 'sev4-nothing-due',
    name: 'a SEV-4 has no scheduled updates, so none is ever late',
    task: 3,
    input: { timeline: [], declaredAt: at('10:00'), now: at('18:00') },
    run: (m, i) => m.lateUpdates(4, 'stakeholders', i.declaredAt, i.timeline, i.now),
    expect: [],
  },
]);
