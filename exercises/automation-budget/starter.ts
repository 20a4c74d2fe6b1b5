/** How often a task runs: the rows of xkcd 1205. */
export type Frequency = '50/day' | '5/day' | 'daily' | 'weekly' | 'monthly' | 'yearly';

/** Minutes you can spend automating before it stops paying off over `years` (xkcd 1205 uses 5). */
export function breakEvenMinutes(minutesSavedPerRun: number, frequency: Frequency, years = 5): number {
  throw new Error('Not implemented: breakEvenMinutes');
}

/**
 * A duration the way the comic writes it: a whole number of the largest unit that fits, rounded
 * down ("6 days", "2 hours", "1 week"). Calendar time: years of 365 days, months of 1/12 year.
 */
export function formatComicDuration(seconds: number): string {
  throw new Error('Not implemented: formatComicDuration');
}

/** One cell of the comic over 5 years: the formatted break-even, or '—' when the task would take all the time there is. */
export function comicCell(secondsSavedPerRun: number, frequency: Frequency): string {
  throw new Error('Not implemented: comicCell');
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
  throw new Error('Not implemented: worthAutomating');
}
