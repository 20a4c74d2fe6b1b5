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

const round = (x: number) => Number(x.toPrecision(12));
const pascal = (s: string) => s.split(/[^a-z0-9]+/i).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');

/** B = 1 - SLO, rounded to 12 significant digits. Throws a RangeError unless 0 < slo < 1. */
export function errorBudget(slo: number): number {
  if (!(slo > 0 && slo < 1)) throw new RangeError(`SLO must be a fraction between 0 and 1, got ${slo}`);
  return round(1 - slo);
}

/** How many times faster than "exactly the whole budget over the period" the budget is being spent. */
export function burnRate(errorRatio: number, budget: number): number {
  return errorRatio / budget;
}

/** Hours until the budget is gone at a constant burn; `remaining` is the share left (1 = untouched). */
export function timeToExhaustion(periodHours: number, burn: number, remaining = 1): number {
  return burn <= 0 ? Infinity : (remaining * periodHours) / burn;
}

/** Share of the period's budget spent while a window of `windowHours` runs at `burn`. */
export function budgetSpent(burn: number, windowHours: number, periodHours: number): number {
  return (burn * windowHours) / periodHours;
}

/** The burn factor that means "X% of the budget spent within the long window". */
export function burnFactor(percentOfBudget: number, windowHours: number, periodHours: number): number {
  return ((percentOfBudget / 100) * periodHours) / windowHours;
}

/** The factor of a tier for a period, rounded to 12 significant digits. */
const tierFactor = (tier: Tier, periodHours: number) => round(burnFactor(tier.budgetPercent, tier.longHours, periodHours));

/**
 * The tiers that fire, in tier order, for the error ratios measured over each window
 * (`ratios['1h']`, `ratios['5m']`, ...). A tier fires when both its windows are strictly above
 * factor x B; a window with no ratio does not fire.
 */
export function firingTiers(objective: number, periodDays: number, ratios: Readonly<Record<string, number>>, tiers: readonly Tier[] = workbookTiers): Tier[] {
  const budget = errorBudget(objective);
  const periodHours = periodDays * 24;
  return tiers.filter((tier) => {
    const threshold = round(tierFactor(tier, periodHours) * budget);
    const long = ratios[tier.long];
    const short = ratios[tier.short];
    return long !== undefined && short !== undefined && long > threshold && short > threshold;
  });
}

/** Recording rules, one page alert and one ticket alert, and the tiers that could never fire. */
export function sloRules(slo: SloSpec, tiers: readonly Tier[] = workbookTiers): { recording: RecordingRule[]; alerts: AlertRule[]; unreachable: Tier[] } {
  const budget = errorBudget(slo.objective);
  const periodHours = slo.periodDays * 24;
  const labels = { service: slo.service, slo: slo.name };
  const sel = `{service="${slo.service}",slo="${slo.name}"}`;
  const windows = [...new Set(tiers.flatMap((t) => [t.short, t.long]))];
  const recording: RecordingRule[] = windows.map((w) => ({ record: `slo:sli_error:ratio_rate${w}`, labels, expr: slo.errorRatio(w) }));

  const unreachable: Tier[] = [];
  const bySeverity = new Map<Tier['severity'], string[]>();
  for (const tier of tiers) {
    const factor = tierFactor(tier, periodHours);
    if (factor * budget >= 1) {
      unreachable.push(tier); // an error ratio cannot exceed 1
      continue;
    }
    const threshold = `(${factor} * ${budget})`;
    const pair = `(\n  slo:sli_error:ratio_rate${tier.long}${sel} > ${threshold}\n  and\n  slo:sli_error:ratio_rate${tier.short}${sel} > ${threshold}\n)`;
    bySeverity.set(tier.severity, [...(bySeverity.get(tier.severity) ?? []), pair]);
  }

  const alerts: AlertRule[] = [...bySeverity].map(([severity, pairs]) => ({
    alert: `${pascal(slo.service)}${pascal(slo.name)}ErrorBudgetBurn${severity === 'ticket' ? 'Ticket' : ''}`,
    expr: pairs.join('\nor\n'),
    labels: { severity, ...labels },
    annotations: { summary: `${slo.service} is spending its ${slo.periodDays}-day ${slo.name} budget too fast` },
  }));
  return { recording, alerts, unreachable };
}
