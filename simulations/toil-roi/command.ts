/**
 * `rlab toil`: the common template's toil survey, ranked improvement opportunities with ROI and
 * priority score, its three-quarter plan, and where its arithmetic goes wrong, for the template's
 * team or a team read from a JSON file.
 */
import { formatOptions, MAX_JSON_FILE_BYTES, parseArgs, readInput, UsageError, type Command, type Io, type OptionsSpec } from '../core/command';
import { clip, listProblems, quote } from '../core/input';
import {
  activityLabel,
  analyzeTeam,
  corrections,
  formatHours,
  formatMoney,
  formatPercent,
  formatWhole,
  MAX_COMBINED_SCORE,
  OPPORTUNITY_MIN_HOURS,
  PLAN_ORDERS,
  PLAN_SCHEDULES,
  planTimeline,
  TOIL_LIMIT_PERCENT,
  toilSummary,
  type PlanOrder,
  type PlanSchedule,
  type Team,
  type Timeline,
  type ToilAnalysis,
} from './model';
import { DEFAULT_SETTINGS, hourlyCostProblem, parseTeamJson, sourceTeam, type ToilSettings } from './params';

const OPTIONS = {
  input: { type: 'string', valueName: 'FILE', description: "team survey as JSON (default: the common template's three engineers)" },
  'hourly-cost': { type: 'string', valueName: 'DOLLARS', description: 'loaded cost of an engineer hour (default 100, as in the template)' },
  order: { type: 'string', valueName: 'ORDER', description: `plan order on the timeline: ${PLAN_ORDERS.join(' or ')} (default score)` },
  schedule: { type: 'string', valueName: 'WHEN', description: `when projects start: ${PLAN_SCHEDULES.join(' or ')} (default quarterly)` },
  json: { type: 'boolean', description: 'print JSON instead of a report' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
} satisfies OptionsSpec;

const USAGE = `Usage: rlab toil [--input team.json] [--hourly-cost 100] [--order score] [--schedule quarterly] [--json]

Runs a widely copied toil framework (lesson 5's "common template") on a team's weekly survey:
each person's and the team's toil against the ${TOIL_LIMIT_PERCENT}% line, the improvement opportunities (activities above ${OPPORTUNITY_MIN_HOURS} team hours a
week that the template's catalogue covers), their cost, monthly savings, payback and first-year ROI,
the template's combined priority score and ranking, its three-quarter plan, and corrections where
the template's arithmetic is wrong (its "new team toil rate" mixes hours per month with percent).
The timeline puts the plan's cumulative cost against its savings, month by month.

Options:
${formatOptions(OPTIONS)}

Team file (hours per week; activity ids: manualDeployments, incidentResponse, manualMonitoring,
ticketTriaging, manualTesting, or your own, which have no catalogue entry):
  {"people": [{"name": "alice", "totalWorkHours": 40,
               "tasks": [{"activity": "manualDeployments", "hoursPerWeek": 8}]}]}

Exit status: 0 done, 2 bad arguments or an invalid team file (each problem named by its path).

Examples:
  rlab toil
  rlab toil --input team.json --hourly-cost 120 --json
  rlab toil --order fastest-payback --schedule back-to-back
`;

/** Reads and validates the team file; throws a usage error listing every problem. */
function readTeam(path: string, io: Io): Team {
  const read = readInput(io, path, MAX_JSON_FILE_BYTES, '--input');
  if (!read.ok) throw new UsageError(read.error);
  const checked = parseTeamJson(read.text);
  if (!checked.ok) throw new UsageError(`${clip(path)} is not a valid team:\n${listProblems(checked.issues.map((i) => i.message)).map((m) => `  ${m}`).join('\n')}`);
  return checked.team;
}

/** Reads `--hourly-cost`, `--order`, `--schedule`. */
function readSettings(values: { 'hourly-cost'?: string; order?: string; schedule?: string }): ToilSettings {
  const settings = { ...DEFAULT_SETTINGS };
  if (values['hourly-cost'] !== undefined) {
    const text = values['hourly-cost'];
    const value = /^\d{1,16}(?:\.\d{1,16})?$/.test(text) ? Number(text) : NaN;
    const problem = hourlyCostProblem(value);
    if (problem) throw new UsageError(`--hourly-cost: ${problem.replace(/got .*$/, `got ${quote(text)}`)}`);
    settings.hourlyCost = value;
  }
  if (values.order !== undefined) {
    if (!(PLAN_ORDERS as readonly string[]).includes(values.order)) throw new UsageError(`--order must be one of ${PLAN_ORDERS.join(', ')}; got ${quote(values.order)}`);
    settings.order = values.order as PlanOrder;
  }
  if (values.schedule !== undefined) {
    if (!(PLAN_SCHEDULES as readonly string[]).includes(values.schedule)) throw new UsageError(`--schedule must be one of ${PLAN_SCHEDULES.join(', ')}; got ${quote(values.schedule)}`);
    settings.schedule = values.schedule as PlanSchedule;
  }
  return settings;
}

/** Columns of numbers right-aligned (with their heading), others left-aligned. */
function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const numeric = rows[0]!.map((_, c) => rows.slice(1).every((r) => /^[-$\d.,%]+$|^-$|^never$/.test(r[c] ?? '')));
  const pad = (cell: string, c: number) => (numeric[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!));
  return rows.map((r) => ('  ' + r.map(pad).join('  ')).trimEnd()).join('\n');
}

const months = (m: number) => (Number.isFinite(m) ? m.toFixed(2) : 'never');

/** The readable report. */
export function formatReport(a: ToilAnalysis, timeline: Timeline, settings: ToilSettings, label: string): string {
  const { toil, scan, ranked, plan } = a;
  const out: string[] = [`Toil survey: ${label}; loaded cost ${formatMoney(settings.hourlyCost)} per engineer hour`, ''];
  out.push(
    table([
      ['person', 'work h/week', 'toil h/week', 'toil %', `${TOIL_LIMIT_PERCENT}% line`],
      ...toil.people.map((p) => [p.name, formatHours(p.totalHours), formatHours(p.toilHours), p.toilPercent.toFixed(1), p.belowLimit ? 'below' : 'at or above']),
      ['team', formatHours(toil.workHours), formatHours(toil.toilHours), toil.toilPercent.toFixed(1), toil.belowLimit ? 'below' : 'at or above'],
    ]),
  );
  out.push(`  (the template's "team average toil", a mean of the percentages: ${formatPercent(toil.averageOfPercentages)})`, '', toilSummary(toil), '');
  const opportunityOf = new Map(scan.opportunities.map((o) => [o.activity as string, o]));
  out.push(`Activities (team hours per week; the template proposes an improvement above ${OPPORTUNITY_MIN_HOURS}):`);
  out.push(
    table([
      ['activity', 'h/week', 'outcome'],
      ...toil.activityHours.map(({ activity, hoursPerWeek }) => [
        activityLabel(activity),
        formatHours(hoursPerWeek),
        opportunityOf.has(activity)
          ? `opportunity: ${opportunityOf.get(activity)!.title}`
          : hoursPerWeek > OPPORTUNITY_MIN_HOURS
            ? 'no catalogue entry: the template drops it silently'
            : `at most ${OPPORTUNITY_MIN_HOURS} h: not considered`,
      ]),
    ]),
    '',
  );
  out.push(`Ranked opportunities (combined score: 0.4 ROI score + 0.4 strategic + 0.2 x 2 x priority multiplier; at most ${MAX_COMBINED_SCORE.toFixed(1)}):`);
  if (ranked.length === 0) out.push('  none: no activity with a catalogue entry takes more than 5 team hours a week');
  else
    out.push(
      table([
        ['rank', 'improvement', 'type', 'priority', 'effort h', 'saved h/month', 'cost', 'savings/month', 'payback months', 'ROI year 1', 'score'],
        ...ranked.map((r) => [
          String(r.rank),
          r.opportunity.title,
          r.opportunity.type,
          r.opportunity.priority,
          String(r.opportunity.effortHours),
          String(r.opportunity.savedHoursPerMonth),
          formatMoney(r.roi.implementationCost),
          formatMoney(r.roi.monthlySavings),
          months(r.roi.paybackMonths),
          `${formatWhole(r.roi.roiYear1)}%`,
          r.combinedScore.toFixed(1),
        ]),
      ]),
    );
  out.push('', 'Plan (the top three, one per quarter, one full-time engineer each):');
  if (plan.steps.length === 0) out.push('  nothing to plan');
  else
    out.push(
      table([
        ['quarter', 'improvement', 'effort h', 'weeks', "template's weeks", 'saved h/month', 'owner'],
        ...plan.steps.map((s) => [`Q${s.quarter}`, s.title, String(s.effortHours), String(s.weeksCorrected), String(s.weeksSource), String(s.savedHoursPerMonth), s.owner]),
      ]),
      `  total investment ${plan.totalEffortHours} h; total savings ${plan.totalSavedHoursPerMonth} h a month (${formatHours(plan.savedHoursPerWeek)} h a week)`,
      `  new team toil rate: ${formatPercent(plan.correctedNewToilPercent)} (the template prints ${formatPercent(plan.sourceNewToilPercent)})`,
    );
  if (timeline.projects.length > 0) {
    out.push(
      '',
      `Timeline (${settings.order === 'score' ? 'in score order' : 'fastest payback first'}, ${settings.schedule === 'quarterly' ? 'one project per quarter' : 'back to back'}; savings start when a project ships):`,
      ...timeline.projects.map((p) => `  ${p.title}: months ${p.startMonth.toFixed(2)} to ${p.shipMonth.toFixed(2)}, cost ${formatMoney(p.cost)}, then ${formatMoney(p.monthlySavings)} a month`),
      timeline.paybackMonth === null
        ? '  the plan never pays back: it saves nothing'
        : `  savings overtake cost for good after ${timeline.paybackMonth.toFixed(2)} months; net after 12 months ${formatMoney(timeline.netAtYear1)}`,
    );
  }
  const fixes = corrections(a);
  if (fixes.length > 0) {
    out.push('', 'Corrections to the template:');
    for (const c of fixes) out.push(`  ${c.title}`, `    template:  ${c.source}`, `    corrected: ${c.corrected}`, `    why: ${c.explanation}`);
  }
  return out.join('\n') + '\n';
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** The JSON report (Infinity, a payback that never comes, becomes null). */
export function jsonReport(a: ToilAnalysis, timeline: Timeline, settings: ToilSettings, input: string | null) {
  const { toil, scan, ranked, plan } = a;
  return {
    input,
    settings,
    limitPercent: TOIL_LIMIT_PERCENT,
    people: toil.people,
    team: {
      toilHours: toil.toilHours,
      workHours: toil.workHours,
      toilPercent: toil.toilPercent,
      averageOfPercentages: toil.averageOfPercentages,
      belowLimit: toil.belowLimit,
    },
    activities: toil.activityHours.map(({ activity, hoursPerWeek }) => ({
      activity,
      hoursPerWeek,
      outcome: scan.opportunities.some((o) => o.activity === activity) ? 'opportunity' : hoursPerWeek > OPPORTUNITY_MIN_HOURS ? 'uncovered' : 'below-threshold',
    })),
    opportunities: ranked.map((r) => ({
      rank: r.rank,
      activity: r.opportunity.activity,
      title: r.opportunity.title,
      type: r.opportunity.type,
      priority: r.opportunity.priority,
      owner: r.opportunity.owner,
      effortHours: r.opportunity.effortHours,
      savedHoursPerMonth: r.opportunity.savedHoursPerMonth,
      ...r.roi,
      paybackMonths: finite(r.roi.paybackMonths),
      roiScore: r.roiScore,
      strategicScore: r.strategicScore,
      priorityMultiplier: r.priorityMultiplier,
      combinedScore: r.combinedScore,
    })),
    uncovered: scan.uncovered,
    plan,
    timeline: { ...timeline, points: timeline.points },
    corrections: corrections(a),
  };
}

/** The `toil` subcommand. */
export const toilCommand: Command = {
  name: 'toil',
  summary: "rank toil-reduction work by a widely copied ROI and priority score, with its errors corrected",
  run(argv, io) {
    const { values, positionals } = parseArgs(argv, OPTIONS);
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${quote(positionals[0]!)}`);
    const settings = readSettings(values);
    const team = values.input === undefined ? sourceTeam() : readTeam(values.input, io);
    const analysis = analyzeTeam(team, settings.hourlyCost);
    const timeline = planTimeline(analysis.plan, analysis.ranked, settings.hourlyCost, settings.order, settings.schedule);
    if (values.json) io.stdout(JSON.stringify(jsonReport(analysis, timeline, settings, values.input ?? null), null, 2) + '\n');
    else io.stdout(formatReport(analysis, timeline, settings, values.input ?? "the common template's three engineers"));
    return 0;
  },
};
