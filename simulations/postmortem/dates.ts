/**
 * Calendar dates as the post-mortem uses them: `YYYY-MM-DD` strings, counted in whole UTC days so
 * that a deadline never moves with the reader's time zone or daylight saving. Pure: no clock.
 */

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a real `YYYY-MM-DD` date, or null (`2023-02-29`, `15/01/2024`, ''). */
export function dayNumber(date: string): number | null {
  const match = ISO_DATE.exec(date.trim());
  if (!match) return null;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2023-02-29 over to 2023-03-01; a real date survives the round trip.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export const isDate = (date: string): boolean => dayNumber(date) !== null;

/** The `YYYY-MM-DD` of a day number. */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** `date` plus `days` calendar days (month ends and 29 February included); null for a bad date. */
export function addDays(date: string, days: number): string | null {
  const day = dayNumber(date);
  return day === null ? null : dateOfDay(day + days);
}

/** Whole days from `from` to `to` (negative if `to` is earlier); null if either is not a date. */
export function daysBetween(from: string, to: string): number | null {
  const a = dayNumber(from);
  const b = dayNumber(to);
  return a === null || b === null ? null : b - a;
}
