/** How often a task runs: the rows of xkcd 1205. */
export type Frequency = '50/day' | '5/day' | 'daily' | 'weekly' | 'monthly' | 'yearly';

const runsPerYear: Record<Frequency, number> = {
  '50/day': 50 * 365, '5/day': 5 * 365, daily: 365, weekly: 52, monthly: 12, yearly: 1,
};

/** Minutes you can spend automating before it stops paying off over `years` (xkcd 1205 uses 5). */
export function breakEvenMinutes(minutesSavedPerRun: number, frequency: Frequency, years = 5): number {
  return minutesSavedPerRun * runsPerYear[frequency] * years;
}

const YEAR = 365 * 86_400;
/** Largest first; `from` is the smallest count the unit is used for (months only from 2). */
const units = [
  { name: 'year', seconds: YEAR, from: 1 },
  { name: 'month', seconds: YEAR / 12, from: 2 },
  { name: 'week', seconds: 7 * 86_400, from: 1 },
  { name: 'day', seconds: 86_400, from: 1 },
  { name: 'hour', seconds: 3_600, from: 1 },
  { name: 'minute', seconds: 60, from: 1 },
  { name: 'second', seconds: 1, from: 1 },
] as const;

/**
 * A duration the way the comic writes it: a whole number of the largest unit that fits, rounded
 * down ("6 days", "2 hours", "1 week"). Calendar time: years of 365 days, months of 1/12 year.
 */
export function formatComicDuration(seconds: number): string {
  for (const unit of units) {
    const count = Math.floor(seconds / unit.seconds);
    if (count >= unit.from) return `${count} ${unit.name}${count === 1 ? '' : 's'}`;
  }
  return `${Math.round(seconds * 10) / 10} seconds`;
}

/** One cell of the comic over 5 years: the formatted break-even, or '—' when the task would take all the time there is. */
export function comicCell(secondsSavedPerRun: number, frequency: Frequency): string {
  const perYear = secondsSavedPerRun * runsPerYear[frequency];
  if (perYear >= YEAR) return '—';
  return formatComicDuration(perYear * 5);
}

/**
 * Whether an automation that takes `effortMinutes` to build pays off within `years`. Its upkeep
 * counts against it: `maintenanceMinutesPerYear` for every year of the horizon.
 */
export function worthAutomating(
  effortMinutes: number,
  minutesSavedPerRun: number,
  frequency: Frequency,
  maintenanceMinutesPerYear = 0,
  years = 5,
): boolean {
  return effortMinutes + maintenanceMinutesPerYear * years < breakEvenMinutes(minutesSavedPerRun, frequency, years);
}
