/**
 * Error budget arithmetic and multiwindow, multi-burn-rate alerts (Google SRE Workbook,
 * "Alerting on SLOs"). Every ratio is a fraction (99.9% -> 0.999), never a percentage;
 * durations are in hours unless a name says otherwise.
 */

export interface SloSpec {
  service: string;
  /** e.g. 'availability' */
  name: string;
  /** A fraction: 0.9995. */
  objective: number;
  periodDays: number;
  /** PromQL for the error ratio over a window: bad events over valid events, a fraction. */
  errorRatio: (window: string) => string;
}
export interface Tier { severity: 'page' | 'ticket'; long: string; short: string; longHours: number; budgetPercent: number }
export interface RecordingRule { record: string; labels: Record<string, string>; expr: string }
export interface AlertRule { alert: string; expr: string; labels: Record<string, string>; annotations: Record<string, string> }

/** Workbook table 5-8; the short window is 1/12 of the long one. */
export const workbookTiers: readonly Tier[] = [
  { severity: 'page', long: '1h', short: '5m', longHours: 1, budgetPercent: 2 },
  { severity: 'page', long: '6h', short: '30m', longHours: 6, budgetPercent: 5 },
  { severity: 'ticket', long: '3d', short: '6h', longHours: 72, budgetPercent: 10 },
];

/** B = 1 - SLO, rounded to 12 significant digits. Throws a RangeError unless 0 < slo < 1. */
export function errorBudget(slo: number): number {
  throw new Error('Not implemented: errorBudget');
}

/** How many times faster than "exactly the whole budget over the period" the budget is being spent. */
export function burnRate(errorRatio: number, budget: number): number {
  throw new Error('Not implemented: burnRate');
}

/** Hours until the budget is gone at a constant burn; `remaining` is the share left (1 = untouched). */
export function timeToExhaustion(periodHours: number, burn: number, remaining = 1): number {
  throw new Error('Not implemented: timeToExhaustion');
}

/** Share of the period's budget spent while a window of `windowHours` runs at `burn`. */
export function budgetSpent(burn: number, windowHours: number, periodHours: number): number {
  throw new Error('Not implemented: budgetSpent');
}

/** The burn factor that means "X% of the budget spent within the long window". */
export function burnFactor(percentOfBudget: number, windowHours: number, periodHours: number): number {
  throw new Error('Not implemented: burnFactor');
}

/**
 * The tiers that fire, in tier order, for the error ratios measured over each window
 * (`ratios['1h']`, `ratios['5m']`, ...). A tier fires when both its windows are strictly above
 * factor x B; a window with no ratio does not fire.
 */
export function firingTiers(objective: number, periodDays: number, ratios: Readonly<Record<string, number>>, tiers: readonly Tier[] = workbookTiers): Tier[] {
  throw new Error('Not implemented: firingTiers');
}

/** Recording rules, one page alert and one ticket alert, and the tiers that could never fire. */
export function sloRules(slo: SloSpec, tiers: readonly Tier[] = workbookTiers): { recording: RecordingRule[]; alerts: AlertRule[]; unreachable: Tier[] } {
  throw new Error('Not implemented: sloRules');
}
