/**
 * Incident run results (`RunResult` of `simulations/incident/contract.ts`) as the post-mortem
 * editor reads them: a file checker that names every problem with its path (`metrics.timeToRecover`),
 * and `fromRunResult`, which prefills a post-mortem's summary, impact, timeline, severity,
 * participants and what went well or wrong from a run.
 */
import { roles, type IncidentMetrics, type Role, type RunResult, type TimelineEntry } from '../incident/contract';
import { parseRunResult as parseIncidentResult } from '../incident/result-store';
import { isDate } from './dates';
import { blankPostMortem, LIMITS, type PostMortem } from './document';

type Checked<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/**
 * Checks parsed JSON against the RunResult format with the incident simulator's own validator
 * (`simulations/incident/result-store.ts`), after a first look at `format` and `version` so that a
 * file of another kind gets one clear sentence rather than a list of missing fields.
 */
export function parseRunResult(value: unknown): Checked<RunResult> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, errors: [`the file must hold a JSON object (an incident result), got ${JSON.stringify(value)?.slice(0, 40) ?? 'nothing'}`] };
  }
  const { format, version } = value as { format?: unknown; version?: unknown };
  if (format !== 'reliability-lab-incident-result') {
    return { ok: false, errors: [`format must be "reliability-lab-incident-result", got ${JSON.stringify(format) ?? 'nothing'}: this is not an incident result file`] };
  }
  if (version !== 1) return { ok: false, errors: [`version ${JSON.stringify(version) ?? 'nothing'} is not supported (this course reads version 1)`] };
  const checked = parseIncidentResult(value);
  return checked.ok ? { ok: true, value: checked.result } : checked;
}

/** Parses the text of a result file; a JSON syntax error is reported with its position. */
export function parseRunResultText(text: string): Checked<RunResult> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  return parseRunResult(value);
}

const ROLE_NAMES: Record<Role, string> = {
  'incident-commander': 'incident commander',
  operations: 'operations',
  communications: 'communications',
  scribe: 'scribe',
};

/** Who took part, with their roles, from the run's actions (`dana (incident commander)`). */
export function runParticipants(result: RunResult): string[] {
  const byPerson = new Map<string, Set<string>>();
  const add = (person: string, role?: string) => {
    const name = person.trim();
    if (!name) return;
    const set = byPerson.get(name) ?? new Set<string>();
    if (role) set.add(role);
    byPerson.set(name, set);
  };
  for (const action of result.run.actions) {
    if (action.kind === 'assign-role' && roles.includes(action.role)) add(action.person, ROLE_NAMES[action.role]);
    if (action.kind === 'acknowledge') add(action.by);
  }
  return [...byPerson].map(([name, set]) => (set.size > 0 ? `${name} (${[...set].join(', ')})` : name));
}

const num = (n: number | null) => (n === null ? '' : String(Math.round(n * 10) / 10));
const minutesText = (n: number | null) => (n === null ? 'not reached' : `${num(n)} min`);

/** Where a run's timeline line came from, as a post-mortem cites it. */
function sourceOf(entry: TimelineEntry): string {
  const where = entry.source === 'system' ? 'monitoring' : entry.source === 'team' ? 'incident log' : 'facilitator';
  return `${where}: ${entry.kind}`;
}

/** One paragraph for a reader who was not there: impact, duration, cause, fix. */
export function runSummary(result: RunResult): string {
  const m = result.metrics;
  const recovered = m.timeToRecover === null ? `Service was not restored within the ${result.endedAt} minutes of the run` : `Customers were affected for ${num(m.timeToRecover)} minutes until service was restored`;
  const detected = m.timeToDetect === null ? 'no alert fired' : `the first alert fired after ${num(m.timeToDetect)} minutes`;
  return (
    `${result.scenarioTitle}. ${recovered}; ${detected}. ` +
    `${Math.round(m.failedRequests).toLocaleString('en-US')} requests failed, spending ${formatPercent(m.errorBudgetSpent * 100)} of the error budget. ` +
    `What broke: ${result.rootCause.trim() || 'to be established'}`
  );
}

const formatPercent = (p: number) => `${Math.round(p * 10) / 10}%`;

/**
 * A post-mortem prefilled from a run: title, severity (declared, else the expected one), summary,
 * impact (detection, recovery, resolution, failed requests, budget), the timeline the team could see
 * (facilitator-only lines left out), participants with their roles, and what went well or wrong
 * from the run's practice checks. The incident date is the day the result was exported when that is
 * a date, otherwise `fallbackDate` (the view passes today). Factors and action items are the
 * learner's to write.
 */
export function fromRunResult(result: RunResult, id: string, fallbackDate: string): PostMortem {
  const exported = result.exportedAt.slice(0, 10);
  const date = isDate(exported) ? exported : fallbackDate;
  const m = result.metrics;
  const severity = m.severity.declared ?? m.severity.expected;
  const doc = blankPostMortem(id, date);
  const wentWell = m.practice.checks.filter((c) => c.passed).map((c) => `${c.name}: ${c.detail}`);
  const wentWrong = m.practice.checks.filter((c) => !c.passed).map((c, i) => ({ id: `W${i + 1}`, text: `${c.name}: ${c.detail}` }));
  if (m.severity.declared !== null && m.severity.matches) wentWell.push(`Severity declared as SEV-${m.severity.declared}, as the facts justified`);
  if (!m.severity.matches) {
    wentWrong.push({
      id: `W${wentWrong.length + 1}`,
      text: m.severity.declared === null ? `No severity was declared (the facts justified SEV-${m.severity.expected})` : `Severity declared as SEV-${m.severity.declared}; the facts justified SEV-${m.severity.expected}`,
    });
  }
  return {
    ...doc,
    title: result.scenarioTitle,
    incidentId: `${result.run.scenario}-seed-${result.run.seed}`,
    severity,
    participants: runParticipants(result).join(', '),
    summary: runSummary(result),
    impact: {
      detectionMinutes: num(m.timeToDetect),
      // Not restored by the end of the run: customers were affected for at least the whole run.
      recoveryMinutes: num(m.timeToRecover ?? result.endedAt),
      resolutionMinutes: num(m.timeToResolve),
      usersAffected: '',
      failedRequests: String(Math.round(m.failedRequests)),
      errorBudgetSpentPercent: num(m.errorBudgetSpent * 100),
    },
    timeline: result.timeline
      .filter((e) => e.visibleToTeam)
      .slice(0, LIMITS.timeline)
      .map((e) => ({ minute: String(e.at), event: e.text, source: sourceOf(e) })),
    factors: [{ id: 'F1', description: result.rootCause, category: 'technology', whys: [], evidence: '' }],
    wentWell: wentWell.slice(0, LIMITS.listItems),
    wentWrong: wentWrong.slice(0, LIMITS.listItems),
    fromRun: { scenario: result.run.scenario, seed: result.run.seed, team: result.team },
  };
}

/** The run's key metrics in one line, for the editor's "prefilled from" note. */
export function runHeadline(result: RunResult): string {
  const m: IncidentMetrics = result.metrics;
  return `${result.scenarioTitle} (team ${result.team || 'unnamed'}, seed ${result.run.seed}): detect ${minutesText(m.timeToDetect)}, recover ${minutesText(m.timeToRecover)}, resolve ${minutesText(m.timeToResolve)}`;
}

