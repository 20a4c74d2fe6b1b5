export type ToilActivity =
  | 'manualDeployments' | 'incidentResponse' | 'manualMonitoring' | 'ticketTriaging' | 'manualTesting';

/** One engineer's week, as reported in the survey; missing activities count as 0 hours. */
export interface ToilWeek {
  member: string;
  /** Working hours this week; defaults to 40. */
  totalWorkHours?: number;
  hours: Partial<Record<ToilActivity, number>>;
}

export interface ToilMeasurement {
  member: string;
  totalHours: number;
  toilHours: number;
  /** toilHours / totalHours * 100 */
  toilPercentage: number;
  /** All five activities, 0 where nothing was reported. */
  breakdown: Record<ToilActivity, number>;
  /** ISO date, e.g. '2024-01-19'. */
  weekEnding: string;
}

export type ImprovementType = 'automation' | 'process' | 'tooling' | 'training' | 'architecture';
export type ImprovementPriority = 'critical' | 'high' | 'medium' | 'low';

/** An improvement to cost and rank. */
export interface Candidate {
  title: string;
  type: ImprovementType;
  priority: ImprovementPriority;
  effortHours: number;
  savedHoursPerMonth: number;
}

export interface Roi {
  implementationCost: number;
  monthlySavings: number;
  annualSavings: number;
  /** Infinity when the item saves nothing. */
  paybackMonths: number;
  netBenefitYear1: number;
  /** Percent. */
  roiYear1: number;
}

/** A candidate with its figures, as `prioritize` returns it. */
export interface RankedCandidate<T extends Candidate = Candidate> {
  item: T;
  roi: Roi;
  strategic: number;
  score: number;
}

/** The template's strategic score per improvement type. */
export const strategicScore: Record<ImprovementType, number> = {
  automation: 9, architecture: 8, tooling: 7, process: 6, training: 5,
};

/** The template's multiplier per priority. */
export const priorityMultiplier: Record<ImprovementPriority, number> = {
  critical: 2.0, high: 1.5, medium: 1.0, low: 0.5,
};

const activities: readonly ToilActivity[] = [
  'manualDeployments', 'incidentResponse', 'manualMonitoring', 'ticketTriaging', 'manualTesting',
];

/** One engineer's toil for the week ending `weekEnding`. Throws a RangeError unless working hours are positive. */
export function measureToil(week: ToilWeek, weekEnding: string): ToilMeasurement {
  const totalHours = week.totalWorkHours ?? 40;
  if (!(totalHours > 0)) throw new RangeError(`working hours must be positive, got ${totalHours}`);
  const breakdown = Object.fromEntries(activities.map((a) => [a, week.hours[a] ?? 0])) as Record<ToilActivity, number>;
  const toilHours = activities.reduce((sum, a) => sum + breakdown[a], 0);
  return { member: week.member, totalHours, toilHours, toilPercentage: (toilHours / totalHours) * 100, breakdown, weekEnding };
}

/** The team's toil: total toil hours over total working hours (not the mean of the percentages). */
export function teamToil(rs: readonly ToilMeasurement[]): { toilHours: number; workHours: number; toilPercentage: number } {
  const toilHours = rs.reduce((sum, r) => sum + r.toilHours, 0);
  const workHours = rs.reduce((sum, r) => sum + r.totalHours, 0);
  return { toilHours, workHours, toilPercentage: (toilHours / workHours) * 100 };
}

/** The template's ROI figures at a loaded cost of `hourlyCost` dollars per engineer hour. */
export function calculateRoi(item: { effortHours: number; savedHoursPerMonth: number }, hourlyCost = 100): Roi {
  const implementationCost = item.effortHours * hourlyCost;
  const monthlySavings = item.savedHoursPerMonth * hourlyCost;
  const annualSavings = monthlySavings * 12;
  const netBenefitYear1 = annualSavings - implementationCost;
  return {
    implementationCost,
    monthlySavings,
    annualSavings,
    paybackMonths: monthlySavings === 0 ? Infinity : implementationCost / monthlySavings,
    netBenefitYear1,
    roiYear1: implementationCost > 0 ? (netBenefitYear1 / implementationCost) * 100 : 0,
  };
}

/** The template's ROI score: min(10, 120 / payback) for a payback under 12 months; 1 otherwise. */
export function roiScore(paybackMonths: number): number {
  return paybackMonths < 12 ? Math.min(10, 120 / paybackMonths) : 1;
}

/** 0.4 x ROI score + 0.4 x strategic score + 0.2 x (2 x priority multiplier), at $100 an hour. */
export function combinedScore(c: Candidate): number {
  const roi = roiScore(calculateRoi(c).paybackMonths);
  return roi * 0.4 + strategicScore[c.type] * 0.4 + priorityMultiplier[c.priority] * 2 * 0.2;
}

/** Highest combined score first; ties keep their input order. */
export function prioritize<T extends Candidate>(candidates: readonly T[]): RankedCandidate<T>[] {
  return candidates
    .map((item) => ({ item, roi: calculateRoi(item), strategic: strategicScore[item.type], score: combinedScore(item) }))
    .sort((a, b) => b.score - a.score);
}

/** Toil after an improvement programme, everything in hours per week. */
export function projectedToil(
  toilHoursPerWeek: number,
  savedHoursPerMonth: number,
  workHoursPerWeek: number,
  weeksPerMonth = 4,
): { savedPerWeek: number; newToilHours: number; toilPercentage: number } {
  const savedPerWeek = savedHoursPerMonth / weeksPerMonth;
  const newToilHours = Math.max(0, toilHoursPerWeek - savedPerWeek);
  return { savedPerWeek, newToilHours, toilPercentage: (newToilHours / workHoursPerWeek) * 100 };
}
