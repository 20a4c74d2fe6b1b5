/**
 * The toil and improvement ROI model: the common template's toil survey, its opportunity rules,
 * ROI, priority score and three-quarter plan, replicated formula for formula (including where it
 * truncates), next to the corrections the reference requires. Plus the xkcd 1205 table and a
 * month-by-month cost and savings timeline for the plan.
 *
 * Pure and deterministic: no randomness, no clock, no DOM, no Node APIs.
 */

/** One recurring toil activity of one person, in hours per week. */
export interface ToilTask {
  /** Activity id; the source's five are in `KNOWN_ACTIVITIES`, others are allowed (no catalogue entry). */
  activity: string;
  hoursPerWeek: number;
}

/** One engineer's week in the survey. */
export interface TeamMember {
  name: string;
  /** Working hours per week (the source's default is 40). */
  totalWorkHours: number;
  tasks: ToilTask[];
}

/** A team's toil survey. */
export interface Team {
  people: TeamMember[];
}

/** The source's five toil activities, in the order its survey lists them. */
export const KNOWN_ACTIVITIES = ['manualDeployments', 'incidentResponse', 'manualMonitoring', 'ticketTriaging', 'manualTesting'] as const;

/** One of the source's five toil activities. */
export type KnownActivity = (typeof KNOWN_ACTIVITIES)[number];

/** Human labels of the source's activities. */
export const ACTIVITY_LABELS: Record<KnownActivity, string> = {
  manualDeployments: 'Manual deployments',
  incidentResponse: 'Incident response',
  manualMonitoring: 'Manual monitoring',
  ticketTriaging: 'Ticket triage',
  manualTesting: 'Manual testing',
};

/** True for one of the source's five activity ids. */
export const isKnownActivity = (a: string): a is KnownActivity => (KNOWN_ACTIVITIES as readonly string[]).includes(a);

/** A label for any activity id: the source's label, or the id itself. */
export const activityLabel = (a: string): string => (isKnownActivity(a) ? ACTIVITY_LABELS[a] : a);

/** The source's team (block 5, "Toil Assessment and Reduction Framework"); addresses as in the lesson. */
export const SOURCE_TEAM: Team = {
  people: [
    {
      name: 'alice@company.example',
      totalWorkHours: 40,
      tasks: [
        { activity: 'manualDeployments', hoursPerWeek: 8 },
        { activity: 'incidentResponse', hoursPerWeek: 4 },
        { activity: 'manualMonitoring', hoursPerWeek: 6 },
        { activity: 'ticketTriaging', hoursPerWeek: 3 },
        { activity: 'manualTesting', hoursPerWeek: 2 },
      ],
    },
    {
      name: 'bob@company.example',
      totalWorkHours: 40,
      tasks: [
        { activity: 'manualDeployments', hoursPerWeek: 6 },
        { activity: 'incidentResponse', hoursPerWeek: 8 },
        { activity: 'manualMonitoring', hoursPerWeek: 4 },
        { activity: 'ticketTriaging', hoursPerWeek: 2 },
        { activity: 'manualTesting', hoursPerWeek: 3 },
      ],
    },
    {
      name: 'charlie@company.example',
      totalWorkHours: 40,
      tasks: [
        { activity: 'manualDeployments', hoursPerWeek: 10 },
        { activity: 'incidentResponse', hoursPerWeek: 2 },
        { activity: 'manualMonitoring', hoursPerWeek: 5 },
        { activity: 'ticketTriaging', hoursPerWeek: 4 },
        { activity: 'manualTesting', hoursPerWeek: 1 },
      ],
    },
  ],
};

/** Google's SRE teams keep toil below this share of each engineer's time (percent). */
export const TOIL_LIMIT_PERCENT = 50;

/** The source's loaded cost of an engineer hour, in dollars. */
export const SOURCE_HOURLY_COST = 100;

// ---------------------------------------------------------------------------------------------
// Measuring toil

/** One person's measured week. */
export interface PersonToil {
  name: string;
  totalHours: number;
  toilHours: number;
  /** toilHours / totalHours * 100, as the source computes it. */
  toilPercent: number;
  /** True when toil is below the 50% line. */
  belowLimit: boolean;
  /** Hours per activity. */
  breakdown: Record<string, number>;
}

/** The team's toil, both ways. */
export interface TeamToil {
  people: PersonToil[];
  toilHours: number;
  workHours: number;
  /** Team toil hours over team working hours (the correct team figure). */
  toilPercent: number;
  /** The source's `avg_toil`: the plain mean of the per-person percentages. */
  averageOfPercentages: number;
  belowLimit: boolean;
  /** Hours per week per activity, summed over the team, in the source's order (its five first). */
  activityHours: { activity: string; hoursPerWeek: number }[];
}

/** The source's `measure_current_toil` for one person. */
export function measurePerson(person: TeamMember): PersonToil {
  const breakdown: Record<string, number> = {};
  for (const t of person.tasks) breakdown[t.activity] = (breakdown[t.activity] ?? 0) + t.hoursPerWeek;
  const toilHours = person.tasks.reduce((sum, t) => sum + t.hoursPerWeek, 0);
  const toilPercent = (toilHours / person.totalWorkHours) * 100;
  return { name: person.name, totalHours: person.totalWorkHours, toilHours, toilPercent, belowLimit: toilPercent < TOIL_LIMIT_PERCENT, breakdown };
}

/** Every person's toil and the team's (hours-weighted, and the source's average of percentages). */
export function measureTeam(team: Team): TeamToil {
  const people = team.people.map(measurePerson);
  const toilHours = people.reduce((s, p) => s + p.toilHours, 0);
  const workHours = people.reduce((s, p) => s + p.totalHours, 0);
  const toilPercent = workHours > 0 ? (toilHours / workHours) * 100 : 0;
  const averageOfPercentages = people.length ? people.reduce((s, p) => s + p.toilPercent, 0) / people.length : 0;
  // The source's dictionary always holds its five activities in the same order; others follow in order of appearance.
  const order: string[] = [...KNOWN_ACTIVITIES];
  for (const p of team.people) for (const t of p.tasks) if (!order.includes(t.activity)) order.push(t.activity);
  const activityHours = order.map((activity) => ({ activity, hoursPerWeek: people.reduce((s, p) => s + (p.breakdown[activity] ?? 0), 0) }));
  return { people, toilHours, workHours, toilPercent, averageOfPercentages, belowLimit: toilPercent < TOIL_LIMIT_PERCENT, activityHours };
}

// ---------------------------------------------------------------------------------------------
// Opportunities, ROI and priority (the source's rules)

/** The source's improvement types. */
export type ImprovementType = 'automation' | 'process' | 'tooling' | 'training' | 'architecture';
/** The source's priorities; the number is its sort order (1 most urgent). */
export type ImprovementPriority = 'critical' | 'high' | 'medium' | 'low';

/** The source's `ImprovementPriority` enum values (sort order). */
export const PRIORITY_ORDER: Record<ImprovementPriority, number> = { critical: 1, high: 2, medium: 3, low: 4 };
/** The source's strategic score per improvement type (0-10). */
export const STRATEGIC_SCORE: Record<ImprovementType, number> = { automation: 9, architecture: 8, tooling: 7, process: 6, training: 5 };
/** The source's multiplier per priority. */
export const PRIORITY_MULTIPLIER: Record<ImprovementPriority, number> = { critical: 2.0, high: 1.5, medium: 1.0, low: 0.5 };

/** A catalogue entry: what the source proposes for an activity and the share of its toil it removes. */
export interface CatalogueEntry {
  title: string;
  description: string;
  type: ImprovementType;
  priority: ImprovementPriority;
  effortHours: number;
  owner: string;
  /** Share of the activity's hours the improvement removes (the source's 0.8, 0.7, 0.5). */
  removes: number;
}

/** The source's `_generate_improvement_suggestion` catalogue; incident response and manual testing have none. */
export const CATALOGUE: Partial<Record<KnownActivity, CatalogueEntry>> = {
  manualDeployments: {
    title: 'Implement automated deployment pipeline',
    description: 'Create CI/CD pipeline with automated testing and deployment',
    type: 'automation',
    priority: 'high',
    effortHours: 80,
    owner: 'platform-team',
    removes: 0.8,
  },
  manualMonitoring: {
    title: 'Implement proactive alerting',
    description: 'Replace manual log checking with automated monitoring and alerting',
    type: 'tooling',
    priority: 'high',
    effortHours: 40,
    owner: 'sre-team',
    removes: 0.7,
  },
  ticketTriaging: {
    title: 'Implement intelligent ticket routing',
    description: 'Use ML/rules-based system to automatically route and prioritize tickets',
    type: 'automation',
    priority: 'medium',
    effortHours: 60,
    owner: 'support-platform-team',
    removes: 0.5,
  },
};

/** The source's threshold: an activity is an opportunity above this many team hours per week. */
export const OPPORTUNITY_MIN_HOURS = 5;

/** An improvement the rules proposed. */
export interface Opportunity extends Omit<CatalogueEntry, 'removes'> {
  activity: KnownActivity;
  /** Team hours per week on the activity. */
  activityHoursPerWeek: number;
  removes: number;
  /** int(hours_per_week * 4 * share): truncated to whole hours, as the source does. */
  savedHoursPerMonth: number;
}

/** The rules applied to a team: the opportunities (sorted by priority) and what they leave out. */
export interface OpportunityScan {
  opportunities: Opportunity[];
  /** Activities above the threshold with no catalogue entry: the source drops them silently. */
  uncovered: { activity: string; hoursPerWeek: number }[];
  /** Activities at or below the threshold (not considered by the source). */
  belowThreshold: { activity: string; hoursPerWeek: number }[];
}

/** The source's `identify_improvement_opportunities`, keeping what it drops in `uncovered`. */
export function findOpportunities(toil: TeamToil): OpportunityScan {
  const opportunities: Opportunity[] = [];
  const uncovered: OpportunityScan['uncovered'] = [];
  const belowThreshold: OpportunityScan['belowThreshold'] = [];
  for (const { activity, hoursPerWeek } of toil.activityHours) {
    if (!(hoursPerWeek > OPPORTUNITY_MIN_HOURS)) {
      belowThreshold.push({ activity, hoursPerWeek });
      continue;
    }
    const entry = isKnownActivity(activity) ? CATALOGUE[activity] : undefined;
    if (!entry || !isKnownActivity(activity)) {
      uncovered.push({ activity, hoursPerWeek });
      continue;
    }
    opportunities.push({ ...entry, activity, activityHoursPerWeek: hoursPerWeek, savedHoursPerMonth: Math.trunc(hoursPerWeek * 4 * entry.removes) });
  }
  // Python's sorted() is stable, and so is Array.prototype.sort.
  opportunities.sort((a, b) => PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority]);
  return { opportunities, uncovered, belowThreshold };
}

/** The source's `calculate_roi` figures. */
export interface Roi {
  implementationCost: number;
  monthlySavings: number;
  annualSavings: number;
  /** Infinity when the improvement saves nothing. */
  paybackMonths: number;
  netBenefitYear1: number;
  /** Percent. */
  roiYear1: number;
}

/** The source's `calculate_roi`, at a configurable loaded hourly cost (the source's is $100). */
export function calculateRoi(item: { effortHours: number; savedHoursPerMonth: number }, hourlyCost = SOURCE_HOURLY_COST): Roi {
  const implementationCost = item.effortHours * hourlyCost;
  const monthlySavings = item.savedHoursPerMonth * hourlyCost;
  const paybackMonths = monthlySavings === 0 ? Infinity : implementationCost / monthlySavings;
  const annualSavings = monthlySavings * 12;
  const netBenefitYear1 = annualSavings - implementationCost;
  return {
    implementationCost,
    monthlySavings,
    annualSavings,
    paybackMonths,
    netBenefitYear1,
    roiYear1: implementationCost > 0 ? (netBenefitYear1 / implementationCost) * 100 : 0,
  };
}

/** The source's ROI score: min(10, 120 / payback) for a payback under 12 months, else 1. */
export function roiScore(paybackMonths: number): number {
  return paybackMonths < 12 ? Math.min(10, 120 / paybackMonths) : 1;
}

/** The highest combined score the source's formula can give: 0.4*10 + 0.4*9 + 0.2*(2*2). */
export const MAX_COMBINED_SCORE = 10 * 0.4 + 9 * 0.4 + 2.0 * 2 * 0.2;

/** An opportunity with its ROI and scores, in ranked order. */
export interface RankedOpportunity {
  rank: number;
  opportunity: Opportunity;
  roi: Roi;
  roiScore: number;
  strategicScore: number;
  priorityMultiplier: number;
  combinedScore: number;
}

/** The source's `prioritize_improvements`: highest combined score first, ties in input order. */
export function prioritize(opportunities: readonly Opportunity[], hourlyCost = SOURCE_HOURLY_COST): RankedOpportunity[] {
  return opportunities
    .map((opportunity) => {
      const roi = calculateRoi(opportunity, hourlyCost);
      const strategicScore = STRATEGIC_SCORE[opportunity.type];
      const priorityMultiplier = PRIORITY_MULTIPLIER[opportunity.priority];
      const score = roiScore(roi.paybackMonths);
      // Same operations in the same order as the source, so the floating-point result is identical.
      const combinedScore = score * 0.4 + strategicScore * 0.4 + priorityMultiplier * 2 * 0.2;
      return { rank: 0, opportunity, roi, roiScore: score, strategicScore, priorityMultiplier, combinedScore };
    })
    .sort((a, b) => b.combinedScore - a.combinedScore)
    .map((r, i) => ({ ...r, rank: i + 1 }));
}

// ---------------------------------------------------------------------------------------------
// The three-quarter plan and the projected toil rate

/** Hours per week of one full-time engineer, as the source assumes. */
export const FTE_HOURS_PER_WEEK = 40;
/** Weeks per month, as the source's savings estimates use (hours per week * 4). */
export const WEEKS_PER_MONTH = 4;

/** One quarter of the plan. */
export interface PlanStep {
  quarter: number;
  title: string;
  owner: string;
  effortHours: number;
  savedHoursPerMonth: number;
  /** The source's `effort // 40`: floor division, so 60 hours is "1 week". */
  weeksSource: number;
  /** Weeks at one full-time engineer, rounded up: 60 hours is 2 weeks. */
  weeksCorrected: number;
}

/** The source's plan and its last line, next to the corrected projection. */
export interface Plan {
  steps: PlanStep[];
  totalEffortHours: number;
  totalSavedHoursPerMonth: number;
  /** The source's `avg_toil - (cumulative_savings/40*3*100)`, literally (its 40 and 3 are constants). */
  sourceNewToilPercent: number;
  /** The source's subtrahend, `cumulative_savings/40*3*100`, in its mixed units. */
  sourceSubtrahend: number;
  /** Monthly savings converted back to hours per week (/ 4, as they were built). */
  savedHoursPerWeek: number;
  /** Team toil hours per week after the plan. */
  newToilHoursPerWeek: number;
  /** New toil hours over team working hours: the corrected new toil rate. */
  correctedNewToilPercent: number;
}

/** The source's plan: the top three, one per quarter, and its projected toil rate (and the correct one). */
export function buildPlan(ranked: readonly RankedOpportunity[], toil: TeamToil, take = 3): Plan {
  const chosen = ranked.slice(0, take);
  const steps = chosen.map((r, i) => ({
    quarter: i + 1,
    title: r.opportunity.title,
    owner: r.opportunity.owner,
    effortHours: r.opportunity.effortHours,
    savedHoursPerMonth: r.opportunity.savedHoursPerMonth,
    weeksSource: Math.floor(r.opportunity.effortHours / 40),
    weeksCorrected: Math.ceil(r.opportunity.effortHours / FTE_HOURS_PER_WEEK),
  }));
  const totalEffortHours = steps.reduce((s, p) => s + p.effortHours, 0);
  const totalSavedHoursPerMonth = steps.reduce((s, p) => s + p.savedHoursPerMonth, 0);
  const sourceSubtrahend = (totalSavedHoursPerMonth / 40) * 3 * 100;
  const savedHoursPerWeek = totalSavedHoursPerMonth / WEEKS_PER_MONTH;
  const newToilHoursPerWeek = Math.max(0, toil.toilHours - savedHoursPerWeek);
  return {
    steps,
    totalEffortHours,
    totalSavedHoursPerMonth,
    sourceNewToilPercent: toil.averageOfPercentages - sourceSubtrahend,
    sourceSubtrahend,
    savedHoursPerWeek,
    newToilHoursPerWeek,
    correctedNewToilPercent: toil.workHours > 0 ? (newToilHoursPerWeek / toil.workHours) * 100 : 0,
  };
}

// ---------------------------------------------------------------------------------------------
// Cumulative cost and savings of the plan, month by month

/** In which order the plan's projects run. */
export type PlanOrder = 'score' | 'fastest-payback';
/** When each project starts: at the start of its quarter (the source) or right after the previous one. */
export type PlanSchedule = 'quarterly' | 'back-to-back';

/** The plan orders and schedules, for selects and validation. */
export const PLAN_ORDERS: readonly PlanOrder[] = ['score', 'fastest-payback'];
export const PLAN_SCHEDULES: readonly PlanSchedule[] = ['quarterly', 'back-to-back'];

/** One project on the timeline, months from the start of the plan. */
export interface TimelineProject {
  title: string;
  startMonth: number;
  shipMonth: number;
  cost: number;
  monthlySavings: number;
}

/** A point of the cumulative chart (whole months, plus the plan's start, ship and payback times). */
export interface TimelinePoint {
  month: number;
  cumulativeCost: number;
  cumulativeSavings: number;
  net: number;
}

/** The plan over time. */
export interface Timeline {
  projects: TimelineProject[];
  points: TimelinePoint[];
  totalCost: number;
  /** When cumulative savings overtake cumulative cost for good (months, fractional); null if never. */
  paybackMonth: number | null;
  /** Savings minus cost after 12 months. */
  netAtYear1: number;
  horizonMonths: number;
}

/**
 * The plan's cumulative cost and savings. Each project is built by one full-time engineer
 * (40 h/week, 4 weeks/month, so 160 h/month), its cost spent evenly while it is built, and it
 * saves its monthly savings from the day it ships (the source's payback assumes savings start
 * immediately; here they start at shipping).
 */
export function planTimeline(plan: Plan, ranked: readonly RankedOpportunity[], hourlyCost: number, order: PlanOrder, schedule: PlanSchedule): Timeline {
  const chosen = ranked.slice(0, plan.steps.length);
  const ordered = order === 'score' ? chosen : [...chosen].sort((a, b) => a.roi.paybackMonths - b.roi.paybackMonths);
  const hoursPerMonth = FTE_HOURS_PER_WEEK * WEEKS_PER_MONTH;
  const projects: TimelineProject[] = [];
  ordered.forEach((r, i) => {
    const startMonth = schedule === 'quarterly' ? 3 * i : (projects[i - 1]?.shipMonth ?? 0);
    projects.push({
      title: r.opportunity.title,
      startMonth,
      shipMonth: startMonth + r.opportunity.effortHours / hoursPerMonth,
      cost: r.opportunity.effortHours * hourlyCost,
      monthlySavings: r.opportunity.savedHoursPerMonth * hourlyCost,
    });
  });
  const totalCost = projects.reduce((s, p) => s + p.cost, 0);
  const costAt = (t: number) =>
    projects.reduce((s, p) => s + (p.shipMonth === p.startMonth ? (t >= p.startMonth ? p.cost : 0) : p.cost * Math.min(1, Math.max(0, (t - p.startMonth) / (p.shipMonth - p.startMonth)))), 0);
  const savingsAt = (t: number) => projects.reduce((s, p) => s + p.monthlySavings * Math.max(0, t - p.shipMonth), 0);

  // Net (savings - cost) is linear between starts and ship dates: find the last break point where
  // it is negative and solve the segment after it; from there on the plan stays in profit.
  const netAt = (t: number) => savingsAt(t) - costAt(t);
  const breaks = [...new Set([0, ...projects.flatMap((p) => [p.startMonth, p.shipMonth])])].sort((a, b) => a - b);
  const totalRate = projects.reduce((s, p) => s + p.monthlySavings, 0);
  let paybackMonth: number | null = totalCost === 0 ? 0 : null;
  const EPSILON = 1e-9;
  let last = -1;
  breaks.forEach((b, i) => {
    if (netAt(b) < -EPSILON) last = i;
  });
  if (totalCost > 0 && last >= 0) {
    const from = breaks[last]!;
    const to = breaks[last + 1];
    const slope = to === undefined ? totalRate : (netAt(to) - netAt(from)) / (to - from);
    if (slope > 0) paybackMonth = from - netAt(from) / slope;
  }
  if (totalCost > 0 && last < 0) paybackMonth = 0;
  const horizonMonths = Math.min(60, Math.max(12, Math.ceil((paybackMonth ?? 18) + 6)));
  // Whole months plus every start, ship date and the payback point, so straight lines between points are exact.
  const times = new Set<number>(Array.from({ length: horizonMonths + 1 }, (_, m) => m));
  for (const t of [...breaks, paybackMonth ?? -1]) if (t >= 0 && t <= horizonMonths) times.add(t);
  const points: TimelinePoint[] = [];
  for (const month of [...times].sort((a, b) => a - b)) {
    const cumulativeCost = costAt(month);
    const cumulativeSavings = savingsAt(month);
    points.push({ month, cumulativeCost, cumulativeSavings, net: cumulativeSavings - cumulativeCost });
  }
  return { projects, points, totalCost, paybackMonth, netAtYear1: netAt(12), horizonMonths };
}

// ---------------------------------------------------------------------------------------------
// xkcd 1205: is it worth the time?

/** The comic's rows: how often a task runs. */
export const FREQUENCIES = [
  { id: '50/day', label: '50/day', runsPerYear: 50 * 365 },
  { id: '5/day', label: '5/day', runsPerYear: 5 * 365 },
  { id: 'daily', label: 'Daily', runsPerYear: 365 },
  { id: 'weekly', label: 'Weekly', runsPerYear: 52 },
  { id: 'monthly', label: 'Monthly', runsPerYear: 12 },
  { id: 'yearly', label: 'Yearly', runsPerYear: 1 },
] as const;

/** One of the comic's frequencies. */
export type FrequencyId = (typeof FREQUENCIES)[number]['id'];

/** The comic's columns: time shaved off each run, in seconds. */
export const TIME_SAVED = [
  { label: '1 second', seconds: 1 },
  { label: '5 seconds', seconds: 5 },
  { label: '30 seconds', seconds: 30 },
  { label: '1 minute', seconds: 60 },
  { label: '5 minutes', seconds: 300 },
  { label: '30 minutes', seconds: 1800 },
  { label: '1 hour', seconds: 3600 },
  { label: '6 hours', seconds: 21_600 },
  { label: '1 day', seconds: 86_400 },
] as const;

/** The comic's horizon in years. */
export const XKCD_YEARS = 5;
const SECONDS_PER_YEAR = 365 * 86_400;

/** Runs per year of a frequency id. */
export const runsPerYear = (frequency: FrequencyId): number => FREQUENCIES.find((f) => f.id === frequency)!.runsPerYear;

/** Seconds you can spend automating before it stops paying off: saved per run * runs per year * years. */
export function breakEvenSeconds(secondsSavedPerRun: number, frequency: FrequencyId, years = XKCD_YEARS): number {
  return secondsSavedPerRun * runsPerYear(frequency) * years;
}

const COMIC_UNITS = [
  { name: 'year', seconds: SECONDS_PER_YEAR, from: 1 },
  // Months from 2 months up, so 4 to 8 weeks read as weeks, as in the comic.
  { name: 'month', seconds: SECONDS_PER_YEAR / 12, from: 2 },
  { name: 'week', seconds: 7 * 86_400, from: 1 },
  { name: 'day', seconds: 86_400, from: 1 },
  { name: 'hour', seconds: 3600, from: 1 },
  { name: 'minute', seconds: 60, from: 1 },
  { name: 'second', seconds: 1, from: 0 },
] as const;

/**
 * A duration the way the comic writes it: a whole number of the largest unit that fits, rounded
 * down (9,125 minutes -> "6 days", 91,250 s -> "1 day"). Calendar time: days of 24 h, months of 1/12 year.
 */
export function formatComicDuration(seconds: number): string {
  for (const unit of COMIC_UNITS) {
    const count = Math.floor(seconds / unit.seconds);
    if (seconds / unit.seconds >= unit.from && count >= 1) return `${count} ${unit.name}${count === 1 ? '' : 's'}`;
  }
  return `${Math.round(seconds * 10) / 10} seconds`;
}

/** One cell of the comic table. */
export interface XkcdCell {
  seconds: number;
  /** "—" when the task would take at least all the time there is (e.g. 50 times a day for 30 minutes). */
  text: string;
  possible: boolean;
}

/** The whole comic table: rows are frequencies, columns time saved. */
export function xkcdTable(years = XKCD_YEARS): XkcdCell[][] {
  return FREQUENCIES.map((f) =>
    TIME_SAVED.map((c) => {
      const possible = c.seconds * f.runsPerYear < SECONDS_PER_YEAR;
      const seconds = breakEvenSeconds(c.seconds, f.id, years);
      return { seconds, possible, text: possible ? formatComicDuration(seconds) : '—' };
    }),
  );
}

/** Where a survey task falls in the comic table, for a frequency the learner picks. */
export interface TaskPlacement {
  frequency: FrequencyId;
  /** Time per run implied by the weekly hours: hours * 3600 / (runs per year / 52). */
  secondsPerRun: number;
  /** Index into `TIME_SAVED` of the nearest column (log scale). */
  column: number;
  /** Index into `FREQUENCIES`. */
  row: number;
  /** Five-year break-even if the whole task is automated away: hours per week * 52 * 5, in seconds. */
  breakEvenSeconds: number;
}

/** Places a task of `hoursPerWeek` that runs at `frequency` in the comic table. */
export function placeTask(hoursPerWeek: number, frequency: FrequencyId, years = XKCD_YEARS): TaskPlacement {
  const row = FREQUENCIES.findIndex((f) => f.id === frequency);
  const secondsPerRun = (hoursPerWeek * 3600) / (runsPerYear(frequency) / 52);
  let column = 0;
  TIME_SAVED.forEach((c, i) => {
    if (Math.abs(Math.log(c.seconds) - Math.log(secondsPerRun)) < Math.abs(Math.log(TIME_SAVED[column]!.seconds) - Math.log(secondsPerRun))) column = i;
  });
  return { frequency, secondsPerRun, column, row, breakEvenSeconds: breakEvenSeconds(secondsPerRun, frequency, years) };
}

// ---------------------------------------------------------------------------------------------
// Everything at once

/** The whole analysis of one team at one hourly cost. */
export interface ToilAnalysis {
  toil: TeamToil;
  scan: OpportunityScan;
  ranked: RankedOpportunity[];
  plan: Plan;
  hourlyCost: number;
}

/** Runs the survey, the rules, the ranking and the plan for a (valid) team. */
export function analyzeTeam(team: Team, hourlyCost = SOURCE_HOURLY_COST): ToilAnalysis {
  const toil = measureTeam(team);
  const scan = findOpportunities(toil);
  const ranked = prioritize(scan.opportunities, hourlyCost);
  return { toil, scan, ranked, plan: buildPlan(ranked, toil), hourlyCost };
}

// ---------------------------------------------------------------------------------------------
// Where the source goes wrong, and plain-language summaries

/** Thousands separators and no decimals: 83200 -> "83,200". */
export const formatWhole = (x: number): string => {
  const sign = x < 0 ? '-' : '';
  return sign + Math.round(Math.abs(x)).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
};
/** Dollars: 8000 -> "$8,000", -500 -> "-$500". */
export const formatMoney = (x: number): string => (x < 0 ? `-$${formatWhole(-x)}` : `$${formatWhole(x)}`);
/** A percentage with one decimal: 56.666 -> "56.7%". */
export const formatPercent = (x: number): string => `${x.toFixed(1)}%`;
/** Hours, without trailing zeros: 1.5 -> "1.5", 34 -> "34". */
export const formatHours = (x: number): string => String(Math.round(x * 100) / 100);

/** One place where the source's result is wrong or misleading: its value, the corrected one, and why. */
export interface Correction {
  id: 'new-toil-rate' | 'plan-weeks' | 'team-average' | 'score-scale' | 'roi-score' | 'uncovered';
  title: string;
  /** What the source computes or prints. */
  source: string;
  /** What it should be. */
  corrected: string;
  explanation: string;
  /** The two numbers, when the correction is a number. */
  sourceValue?: number;
  correctedValue?: number;
}

/** Every correction that applies to this analysis, the new toil rate first. */
export function corrections(a: ToilAnalysis): Correction[] {
  const { toil, plan, ranked, scan } = a;
  const out: Correction[] = [];
  if (plan.steps.length > 0) {
    const reduction = toil.toilPercent - plan.correctedNewToilPercent;
    out.push({
      id: 'new-toil-rate',
      title: 'New team toil rate after the plan',
      source: `avg_toil - (cumulative_savings/40*3*100) = ${toil.averageOfPercentages.toFixed(1)} - (${plan.totalSavedHoursPerMonth}/40*3*100) = ${formatPercent(plan.sourceNewToilPercent)}`,
      corrected: `(${formatHours(toil.toilHours)} - ${plan.totalSavedHoursPerMonth}/4) h/week of ${formatHours(toil.workHours)} h/week = ${formatHours(plan.newToilHoursPerWeek)} / ${formatHours(toil.workHours)} = ${formatPercent(plan.correctedNewToilPercent)}`,
      explanation:
        `The template subtracts hours per month from a percentage of a week: ${plan.totalSavedHoursPerMonth}/40*3*100 = ${formatWhole(plan.sourceSubtrahend)} "points". ` +
        `It reads monthly hours as weekly ones (4 times too much) and multiplies by 3 people where it should divide by the team's working hours ` +
        `(its 40 and 3 are constants, whatever the team)` +
        (reduction > 0 ? `, so here it subtracts ${formatWhole(plan.sourceSubtrahend / reduction)} times the real reduction of ${reduction.toFixed(1)} points. ` : '. ') +
        `Put everything in hours per week first: the savings were estimated as weekly hours * 4, so ${plan.totalSavedHoursPerMonth} / 4 = ${formatHours(plan.savedHoursPerWeek)} h/week saved, ` +
        `then new toil hours over working hours.`,
      sourceValue: plan.sourceNewToilPercent,
      correctedValue: plan.correctedNewToilPercent,
    });
  }
  const short = plan.steps.filter((s) => s.weeksSource !== s.weeksCorrected);
  if (short.length > 0) {
    out.push({
      id: 'plan-weeks',
      title: 'Weeks of work in the plan',
      source: short.map((s) => `Q${s.quarter}: ${s.effortHours} // 40 = ${s.weeksSource} week${s.weeksSource === 1 ? '' : 's'}`).join('; '),
      corrected: short.map((s) => `Q${s.quarter}: ${s.effortHours} / 40 = ${formatHours(s.effortHours / 40)}, so ${s.weeksCorrected} weeks`).join('; '),
      explanation: "The template's integer division rounds the work down; a 60-hour project at 40 hours a week needs a second week. Round up.",
    });
  }
  if (Math.abs(toil.averageOfPercentages - toil.toilPercent) > 1e-9) {
    out.push({
      id: 'team-average',
      title: "The team's toil percentage",
      source: `mean of the ${toil.people.length} percentages = ${formatPercent(toil.averageOfPercentages)}`,
      corrected: `${formatHours(toil.toilHours)} toil hours of ${formatHours(toil.workHours)} working hours = ${formatPercent(toil.toilPercent)}`,
      explanation: 'People here work different hours, so the average of their percentages is not the share of the team\'s time spent on toil. Divide total toil hours by total working hours.',
      sourceValue: toil.averageOfPercentages,
      correctedValue: toil.toilPercent,
    });
  }
  if (ranked.length > 0) {
    const top = ranked[0]!;
    out.push({
      id: 'score-scale',
      title: 'The combined score "out of 10"',
      source: `${top.combinedScore.toFixed(1)}/10`,
      corrected: `${top.combinedScore.toFixed(1)} of a possible ${MAX_COMBINED_SCORE.toFixed(1)}`,
      explanation: 'The best possible score is 0.4 * 10 + 0.4 * 9 + 0.2 * (2 * 2.0) = 8.4 (a critical automation that pays back within a year); no improvement can reach 10.',
    });
    const fast = ranked.filter((r) => r.roi.paybackMonths < 12).length;
    out.push({
      id: 'roi-score',
      title: 'The ROI part of the score is a switch',
      source: `ROI score = min(10, 120 / payback months) if payback < 12, else 1`,
      corrected: `${fast} of ${ranked.length} improvement${ranked.length === 1 ? '' : 's'} pay back within a year and all get exactly 10; the others get 1`,
      explanation:
        'For any payback under 12 months 120 / payback is above 10, so the cap makes it 10: a two-week payback and an eleven-month one score the same, and the first-year ROI never enters the ranking. Type and priority labels decide the order.',
    });
  }
  if (scan.uncovered.length > 0) {
    out.push({
      id: 'uncovered',
      title: 'Activities the template drops',
      source: 'not mentioned',
      corrected: scan.uncovered.map((u) => `${activityLabel(u.activity)} (${formatHours(u.hoursPerWeek)} h/week)`).join(', '),
      explanation: 'These take more than 5 team hours a week but the catalogue has no improvement for them, so the template silently leaves them out. They need a decision by the team, not a zero.',
    });
  }
  return out;
}

/** One sentence about the team's toil against the 50% line (for the live region and the CLI). */
export function toilSummary(toil: TeamToil): string {
  const over = toil.people.filter((p) => !p.belowLimit);
  return (
    `Team toil ${formatPercent(toil.toilPercent)} (${formatHours(toil.toilHours)} of ${formatHours(toil.workHours)} hours a week), ` +
    `${toil.belowLimit ? 'below' : 'at or above'} the ${TOIL_LIMIT_PERCENT}% line; ` +
    `${over.length} of ${toil.people.length} ${toil.people.length === 1 ? 'person is' : 'people are'} at or above it.`
  );
}
