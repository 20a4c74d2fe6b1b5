import { describe, expect, it } from 'vitest';
import { blankPostMortem, type ActionItem, type Priority } from './document';
import { formatRate, isOverdue, trackedItems, trackItems, trackPostMortems, type TrackedItem } from './tracker';

let counter = 0;
const tracked = (over: Partial<TrackedItem> = {}): TrackedItem => ({
  postmortemId: 'pm-1',
  postmortemTitle: 'Outage',
  id: `A${++counter}`,
  description: 'Do something specific',
  owner: 'platform-team',
  priority: 'P1',
  due: '2024-03-01',
  status: 'open',
  doneDate: '',
  ...over,
});
/** `done` done items and `open` open ones, none overdue at 2024-02-01 (all due 2024-03-01). */
const batch = (done: number, open: number) => [
  ...Array.from({ length: done }, () => tracked({ status: 'done', doneDate: '2024-01-20' })),
  ...Array.from({ length: open }, () => tracked()),
];

describe('completion rate and the 85% target', () => {
  it('34 of 40 done is 85%: exactly on the target, so on track', () => {
    const report = trackItems(batch(34, 6), '2024-02-01');
    expect(report.completed).toBe(34);
    expect(report.total).toBe(40);
    expect(report.completionRate).toBe(0.85);
    expect(formatRate(report.completionRate)).toBe('85%');
    expect(report.onTrack).toBe(true);
    expect(report.verdict).toBe('On track: 34 of 40 done (85%), at least 85%, and nothing overdue.');
  });

  it('33 of 40 is 82.5%: below the target', () => {
    const report = trackItems(batch(33, 7), '2024-02-01');
    expect(formatRate(report.completionRate)).toBe('82.5%');
    expect(report.onTrack).toBe(false);
    expect(report.verdict).toBe('Not on track: 33 of 40 done (82.5%), below 85%.');
  });

  it('17 of 20 and 6 of 7 (85.7%) meet it too; 5 of 6 (83.3%) does not', () => {
    expect(trackItems(batch(17, 3), '2024-02-01').onTrack).toBe(true);
    expect(trackItems(batch(6, 1), '2024-02-01').onTrack).toBe(true);
    expect(formatRate(trackItems(batch(6, 1), '2024-02-01').completionRate)).toBe('85.7%');
    expect(trackItems(batch(5, 1), '2024-02-01').onTrack).toBe(false);
  });

  it('has one answer for no items: 100% and on track (the source said 100% in one place and 0% in another)', () => {
    const report = trackItems([], '2024-02-01');
    expect(report.completionRate).toBe(1);
    expect(report.onTrack).toBe(true);
  });
});

describe('overdue items at an injected today', () => {
  it('an item is overdue the day after its due day, and only while open', () => {
    expect(isOverdue({ due: '2024-03-01', status: 'open' }, '2024-03-01')).toBe(false); // due today: still on time
    expect(isOverdue({ due: '2024-03-01', status: 'open' }, '2024-03-02')).toBe(true);
    expect(isOverdue({ due: '2024-03-01', status: 'done' }, '2024-04-01')).toBe(false);
    expect(isOverdue({ due: null, status: 'open' }, '2030-01-01')).toBe(false); // P3: no deadline
  });

  it('any overdue item puts the programme off track, even at 95% done (the lesson’s rule)', () => {
    // 19 done, 1 open and overdue: 95% >= 85%, but one overdue item.
    const items = [...batch(19, 0), tracked({ id: 'late', due: '2024-01-25' })];
    const report = trackItems(items, '2024-02-01');
    expect(report.completionRate).toBe(0.95);
    expect(report.overdue.map((i) => i.id)).toEqual(['late']);
    expect(report.onTrack).toBe(false);
    expect(report.verdict).toBe('Not on track: 19 of 20 done (95%) meets 85%, but 1 item is overdue, and any overdue item means off track.');
  });

  it('lists overdue items oldest due first', () => {
    const items = [tracked({ id: 'b', due: '2024-01-20' }), tracked({ id: 'a', due: '2024-01-10' }), tracked({ id: 'c', due: '2024-02-02' })];
    expect(trackItems(items, '2024-02-01').overdue.map((i) => i.id)).toEqual(['a', 'b']);
  });

  it('counts items closed after their due day', () => {
    const items = [tracked({ status: 'done', due: '2024-01-10', doneDate: '2024-01-12' }), tracked({ status: 'done', due: '2024-01-10', doneDate: '2024-01-10' })];
    expect(trackItems(items, '2024-02-01').closedLate).toBe(1);
  });

  it('refuses a today that is not a date', () => {
    expect(() => trackItems([], '2024-02-30')).toThrow('today must be a date written YYYY-MM-DD, got "2024-02-30"');
  });
});

describe('per owner and per priority', () => {
  it('groups completion and overdue counts', () => {
    const items = [
      tracked({ owner: 'db-team', priority: 'P0', status: 'done', doneDate: '2024-01-16' }),
      tracked({ owner: 'db-team', priority: 'P0', due: '2024-01-18' }), // overdue at 2024-02-01
      tracked({ owner: 'platform-team', priority: 'P2' }),
      tracked({ owner: ' ', priority: 'P3', due: null }),
    ];
    const report = trackItems(items, '2024-02-01');
    expect(report.byOwner).toEqual([
      { key: '(no owner)', total: 1, completed: 0, completionRate: 0, overdue: 0 },
      { key: 'db-team', total: 2, completed: 1, completionRate: 0.5, overdue: 1 },
      { key: 'platform-team', total: 1, completed: 0, completionRate: 0, overdue: 0 },
    ]);
    expect(report.byPriority.map((g) => [g.key, g.total, g.completed, g.overdue])).toEqual([
      ['P0', 2, 1, 1],
      ['P1', 0, 0, 0],
      ['P2', 1, 0, 0],
      ['P3', 1, 0, 0],
    ]);
  });
});

describe('tracking whole post-mortems', () => {
  it('computes due dates from each incident date and priority', () => {
    const action = (id: string, priority: Priority, over: Partial<ActionItem> = {}): ActionItem => ({
      id,
      description: 'x',
      owner: 'team',
      priority,
      dueDate: '',
      status: 'open',
      doneDate: '',
      successCriteria: '',
      addresses: [],
      ...over,
    });
    const leap = { ...blankPostMortem('pm-1', '2024-02-27'), title: 'Leap', actionItems: [action('A1', 'P0'), action('A2', 'P1'), action('A3', 'P2', { status: 'done', doneDate: '2024-03-01' })] };
    const other = { ...blankPostMortem('pm-2', '2024-03-01'), actionItems: [action('A1', 'P3')] };
    expect(trackedItems([leap, other]).map((i) => [i.postmortemTitle, i.id, i.due])).toEqual([
      ['Leap', 'A1', '2024-03-01'], // 27 Feb + 3 days, through 29 Feb
      ['Leap', 'A2', '2024-03-05'],
      ['Leap', 'A3', '2024-03-29'],
      ['pm-2', 'A1', null],
    ]);
    // On 2 March only the P0 is overdue; 1 of 4 done = 25%.
    const report = trackPostMortems([leap, other], '2024-03-02');
    expect(report.overdue.map((i) => `${i.postmortemId}/${i.id}`)).toEqual(['pm-1/A1']);
    expect(report.completionRate).toBe(0.25);
    expect(report.verdict).toBe('Not on track: 1 of 4 done (25%), below 85%, and 1 overdue.');
  });
});
