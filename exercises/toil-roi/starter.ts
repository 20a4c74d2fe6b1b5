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

/** One engineer's toil for the week ending `weekEnding`. Throws a RangeError unless working hours are positive. */
export function measureToil(week: ToilWeek, weekEnding: string): ToilMeasurement {
  throw new Error('Not implemented: measureToil');
}

/** The team's toil: total toil hours over total working hours (not the mean of the percentages). */
export function teamToil(rs: readonly ToilMeasurement[]): { toilHours: number; workHours: number; toilPercentage: number } {
  throw new Error('Not implemented: teamToil');
}

/** The template's ROI figures at a loaded cost of `hourlyCost` dollars per engineer hour. */
export function calculateRoi(item: { effortHours: number; savedHoursPerMonth: number }, hourlyCost = 100): Roi {
  throw new Error('Not implemented: calculateRoi');
}

/** The template's ROI score: min(10, 120 / payback) for a payback under 12 months; 1 otherwise. */
export function roiScore(paybackMonths: number): number {
  throw new Error('Not implemented: roiScore');
}

/** 0.4 x ROI score + 0.4 x strategic score + 0.2 x (2 x priority multiplier), at $100 an hour. */
export function combinedScore(c: Candidate): number {
  throw new Error('Not implemented: combinedScore');
}

/** Highest combined score first; ties keep their input order. */
export function prioritize<T extends Candidate>(candidates: readonly T[]): RankedCandidate<T>[] {
  throw new Error('Not implemented: prioritize');
}

/** Toil after an improvement programme, everything in hours per week. */
export function projectedToil(
  toilHoursPerWeek: number,
  savedHoursPerMonth: number,
  workHoursPerWeek: number,
  weeksPerMonth = 4,
): { savedPerWeek: number; newToilHours: number; toilPercentage: number } {
  throw new Error('Not implemented: projectedToil');
}
