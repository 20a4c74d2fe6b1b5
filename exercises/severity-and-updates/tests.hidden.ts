import { defineTests } from '../../src/lib/grading/cases';
import type * as M from './starter';

/** Saturday 8 June 2024, in UTC. */
const at = (hhmm: string): number => Date.parse(`2024-06-08T${hhmm}:00Z`);
const update = (audience: M.Audience, hhmm: string): M.TimelineEntry => ({ at: at(hhmm), kind: `update:${audience}`, detail: 'comms: status' });

export default defineTests<typeof M>([
  {
    id: 'internal-broken',
    name: 'an internal tool that is down is SEV-4: customers are not affected',
    task: 1,
    input: { impact: 'internal-only', dataAtRisk: false, coreJourneyBroken: true },
    run: (m, o) => m.classify(o),
    expect: 4,
  },
  {
    id: 'internal-data-loss',
    name: 'customer data at risk makes even an internal-only incident SEV-1',
    task: 1,
    input: { impact: 'internal-only', dataAtRisk: true, coreJourneyBroken: false },
    run: (m, o) => m.classify(o),
    expect: 1,
  },
  // The worst candidate wins, whatever the order.
  {
    id: 'unsure-many',
    name: 'unsure among SEV-4, 3, 2, 3 is SEV-2; among 3 and 4 it is SEV-3',
    task: 1,
    input: null,
    run: (m) => [m.whenUnsure(4, 3, 2, 3), m.whenUnsure(3, 4), m.whenUnsure(1, 4)],
    expect: [2, 3, 1],
  },
  {
    id: 'all-slow-major',
    name: 'everyone slowed down is SEV-2: a major incident',
    task: 1,
    input: { impact: 'all-customers', dataAtRisk: false, coreJourneyBroken: false },
    run: (m, o) => [m.classify(o), m.isMajor(m.classify(o))],
    expect: [2, true],
  },
  // 3,600,000 ms is an hour.
  { id: 'sev2-stakeholders-ms', name: 'SEV-2 stakeholders: one hour, in ms', task: 2, input: 1_234_567, run: (m, t) => m.nextUpdateDue(2, 'stakeholders', t), expect: 1_234_567 + 3_600_000 },
  { id: 'sev1-customers', name: 'SEV-1 customers every 30 minutes', task: 2, input: at('23:45'), run: (m, t) => m.nextUpdateDue(1, 'customers', t), expect: at('23:45') + 30 * 60_000 },
  { id: 'sev4-none', name: 'SEV-4 schedules nothing for anyone', task: 2, input: at('09:00'), run: (m, t) => (['responders', 'stakeholders', 'customers'] as const).map((a) => m.nextUpdateDue(4, a, t)), expect: [undefined, undefined, undefined] },
  // Sorted: 14:40 (due 15:00, on time), 15:50 (due 15:40, 10 late), 16:30 (due 16:50, on time).
  // Next due 17:30 and now is 17:30: due now, not yet late.
  {
    id: 'unsorted-timeline',
    name: 'the timeline may be in any order; an update due exactly now is not late yet',
    task: 3,
    input: {
      timeline: [update('customers', '16:30'), update('stakeholders', '15:00'), update('customers', '14:40'), update('customers', '15:50')],
      declaredAt: at('14:00'),
      now: at('17:30'),
    },
    run: (m, i) => m.lateUpdates(2, 'customers', i.declaredAt, i.timeline, i.now),
    expect: [{ dueAt: at('15:40'), postedAt: at('15:50'), lateMinutes: 10 }],
  },
  // Declared 08:00, SEV-3 stakeholders every 240 min: due 12:00; nothing by 16:30 is 270 min late.
  {
    id: 'never-updated',
    name: 'no update at all: one outstanding update, late since the first due time',
    task: 3,
    input: { timeline: [], declaredAt: at('08:00'), now: at('16:30') },
    run: (m, i) => m.lateUpdates(3, 'stakeholders', i.declaredAt, i.timeline, i.now),
    expect: [{ dueAt: at('12:00'), lateMinutes: 270 }],
  },
  // Due 09:30, posted exactly 09:30: on time. Due 10:00, posted exactly 10:00. Next due 10:30, now 10:15.
  {
    id: 'exactly-on-time',
    name: 'an update posted exactly at its due time is on time',
    task: 3,
    input: { timeline: [update('customers', '09:30'), update('customers', '10:00')], declaredAt: at('09:00'), now: at('10:15') },
    run: (m, i) => m.lateUpdates(1, 'customers', i.declaredAt, i.timeline, i.now),
    expect: [],
  },
  // Late updates move the schedule: due 02:30, posted 03:10 (40 late); next due 03:40, posted 04:00 (20 late);
  // next due 04:30, now 04:45: 15 overdue.
  {
    id: 'late-moves-schedule',
    name: 'the next update is due 30 minutes after the late one, not after the missed due time',
    task: 3,
    input: { timeline: [update('stakeholders', '04:00'), update('stakeholders', '03:10')], declaredAt: at('02:00'), now: at('04:45') },
    run: (m, i) => m.lateUpdates(1, 'stakeholders', i.declaredAt, i.timeline, i.now),
    expect: [
      { dueAt: at('02:30'), postedAt: at('03:10'), lateMinutes: 40 },
      { dueAt: at('03:40'), postedAt: at('04:00'), lateMinutes: 20 },
      { dueAt: at('04:30'), lateMinutes: 15 },
    ],
    points: 2,
  },
]);
