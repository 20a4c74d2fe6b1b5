import { defineTests } from '../../src/lib/grading/cases';
import type * as M from './starter';

export default defineTests<typeof M>([
  // 5 min x 365 runs a year x 5 years = 9,125 min (sre-facts §3).
  { id: 'five-min-daily', name: '5 minutes saved on a daily task is worth 9,125 minutes', task: 1, input: null, run: (m) => m.breakEvenMinutes(5, 'daily'), expect: 9_125, points: 2 },
  // 30 min x 52 x 5 = 7,800; 1 min x 50 x 365 x 5 = 91,250.
  {
    id: 'weekly-and-fifty',
    name: '30 minutes weekly is 7,800 minutes; 1 minute 50 times a day is 91,250',
    task: 1,
    input: null,
    run: (m) => [m.breakEvenMinutes(30, 'weekly'), m.breakEvenMinutes(1, '50/day')],
    expect: [7_800, 91_250],
  },
  // Over one year instead of five: 5 x 365 x 1 = 1,825.
  { id: 'one-year', name: 'over one year the same task is worth 1,825 minutes', task: 1, input: null, run: (m) => m.breakEvenMinutes(5, 'daily', 1), expect: 1_825 },
  // 9,125 min = 547,500 s = 6.34 days of 24 h: "6 days", as in the comic.
  { id: 'six-days', name: '9,125 minutes is "6 days"', task: 2, input: 9_125 * 60, run: (m, s) => m.formatComicDuration(s), expect: '6 days', points: 2 },
  // 5 s x 365 x 5 = 9,125 s = 2.53 h: "2 hours". 86,400 s is exactly one day: no plural.
  { id: 'hours-and-singular', name: '9,125 seconds is "2 hours"; 86,400 seconds is "1 day"', task: 2, input: [9_125, 86_400], run: (m, xs) => xs.map((s: number) => m.formatComicDuration(s)), expect: ['2 hours', '1 day'] },
  // The comic's daily row for 5 seconds and 5 minutes saved.
  { id: 'cells-daily', name: 'the comic\'s daily row: 5 seconds saved is "2 hours", 5 minutes is "6 days"', task: 2, input: [5, 300], run: (m, xs) => xs.map((s: number) => m.comicCell(s, 'daily')), expect: ['2 hours', '6 days'] },
  // 30 min x 50 a day = 25 hours a day: impossible.
  { id: 'cell-impossible', name: 'shaving 30 minutes off a task done 50 times a day is impossible: "—"', task: 2, input: null, run: (m) => m.comicCell(1_800, '50/day'), expect: '—' },
  // 8,000 < 9,125: worth it. 9,125 is exactly the break-even: nothing gained, not worth it.
  {
    id: 'worth-it',
    name: '8,000 minutes to save 5 a day is worth it; exactly 9,125 is not',
    task: 3,
    input: null,
    run: (m) => [m.worthAutomating(8_000, 5, 'daily'), m.worthAutomating(9_125, 5, 'daily')],
    expect: [true, false],
    points: 2,
  },
  // 6,000 + 720 min a year x 5 = 9,600 > 9,125: the upkeep eats the gain.
  { id: 'maintenance', name: 'an hour of upkeep a month turns a 6,000-minute automation into a loss', task: 3, input: null, run: (m) => m.worthAutomating(6_000, 5, 'daily', 12 * 60), expect: false },
]);
