import { defineTests } from '../../src/lib/grading/cases';
import type * as M from './starter';

export default defineTests<typeof M>([
  // Runs per year: 50 x 365, 5 x 365, 365, 52, 12, 1.
  {
    id: 'runs-per-year',
    name: 'one minute saved per run, over one year, for every frequency',
    task: 1,
    input: ['50/day', '5/day', 'daily', 'weekly', 'monthly', 'yearly'],
    run: (m, fs) => fs.map((f: M.Frequency) => m.breakEvenMinutes(1, f, 1)),
    expect: [18_250, 1_825, 365, 52, 12, 1],
  },
  // The lesson's table in hours: 1 h saved monthly = 60 x 12 x 5 / 60 = 60 h; 30 min 5/day = 4,562.5 h.
  { id: 'table-hours', name: "the lesson's table: 1 hour monthly is 60 hours, 30 minutes 5 times a day is 4,562.5 hours", task: 1, input: null, run: (m) => [m.breakEvenMinutes(60, 'monthly') / 60, m.breakEvenMinutes(30, '5/day') / 60], expect: [60, 4_562.5] },
  // 30 s x 18,250 x 5 = 2,737,500 s = 31.7 days = 1.04 months (< 2): 4.5 weeks -> "4 weeks".
  // 60 s x 18,250 x 5 = 5,475,000 s = 2.08 months -> "2 months".
  // 86,400 s x 52 x 5 = 22,464,000 s = 8.55 months -> "8 months".
  // 3,600 x 52 x 5 = 936,000 s = 10.8 days = 1.5 weeks -> "1 week".
  {
    id: 'weeks-months',
    name: 'months only from two months up: 31.7 days is "4 weeks", 63.4 days is "2 months"',
    task: 2,
    input: [2_737_500, 5_475_000, 22_464_000, 936_000],
    run: (m, xs) => xs.map((s: number) => m.formatComicDuration(s)),
    expect: ['4 weeks', '2 months', '8 months', '1 week'],
  },
  // 3,600 x 1,825 x 5 = 32,850,000 s = 1.04 years; two and a half years -> "2 years".
  { id: 'years', name: 'a year and more: "1 year", "2 years"', task: 2, input: [32_850_000, 2.5 * 365 * 86_400], run: (m, xs) => xs.map((s: number) => m.formatComicDuration(s)), expect: ['1 year', '2 years'] },
  // 25 s, 300 s = 5 min, 59.9 s rounds down to 59 s, half a second stays 0.5.
  { id: 'small', name: 'seconds and minutes at the small end', task: 2, input: [25, 300, 59.9, 0.5], run: (m, xs) => xs.map((s: number) => m.formatComicDuration(s)), expect: ['25 seconds', '5 minutes', '59 seconds', '0.5 seconds'] },
  // Yearly row: 5 s -> 25 s; 1 min -> 5 min; 1 day -> 5 days. Weekly, 1 s: 260 s -> "4 minutes".
  { id: 'cells-yearly-weekly', name: 'cells of the yearly and weekly rows', task: 2, input: null, run: (m) => [m.comicCell(5, 'yearly'), m.comicCell(60, 'yearly'), m.comicCell(86_400, 'yearly'), m.comicCell(1, 'weekly')], expect: ['25 seconds', '5 minutes', '5 days', '4 minutes'] },
  // A whole day saved on a daily task takes exactly a year per year: impossible. 1 h 5 times a day is 5 h a day: possible.
  { id: 'cell-boundary', name: 'a day saved daily is impossible; an hour 5 times a day is "1 year"', task: 2, input: null, run: (m) => [m.comicCell(86_400, 'daily'), m.comicCell(3_600, '5/day')], expect: ['—', '1 year'] },
  // The lesson's pipeline: 76 h saved a month = 4,560 min per monthly run; x 12 x 5 = 273,600 min (4,560 h) against 80 h.
  { id: 'pipeline', name: 'the deployment pipeline (80 hours to save 76 hours a month) passes by a wide margin', task: 3, input: null, run: (m) => m.worthAutomating(80 * 60, 76 * 60, 'monthly'), expect: true },
  // Weekly 30-minute task: 7,800 min. 960 min of work alone: worth it; plus 2 h a month of upkeep, 960 + 1,440 x 5 = 8,160: not.
  {
    id: 'weekly-upkeep',
    name: 'a weekly 30-minute task: 16 hours of work pays off, unless it needs 2 hours of care a month',
    task: 3,
    input: null,
    run: (m) => [m.worthAutomating(960, 30, 'weekly'), m.worthAutomating(960, 30, 'weekly', 24 * 60)],
    expect: [true, false],
  },
  // Horizon of one year: 5 x 365 = 1,825 min; 1,000 min of work is worth it, with 900 min a year of upkeep (1,900) it is not.
  { id: 'one-year-horizon', name: 'over one year: 1,000 minutes of work pays off, with 900 minutes of upkeep it does not', task: 3, input: null, run: (m) => [m.worthAutomating(1_000, 5, 'daily', 0, 1), m.worthAutomating(1_000, 5, 'daily', 900, 1)], expect: [true, false] },
]);
