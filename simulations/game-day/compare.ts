/**
 * The comparison page's logic: read several teams' result files, check each (problems name the
 * file and the field), refuse to mix scenarios or seeds, and set the metrics side by side with the
 * best value of each row marked.
 */
import type { IncidentMetrics, RunResult, TimelineEntry } from '../incident/contract';
import { checkActions, checkBoolean, checkNumber, checkNumberOrNull, checkSeverity, checkString, isRecord, problem, type Problems } from './validate';

/** The `format` marker of a result file. */
export const RESULT_FORMAT = 'reliability-lab-incident-result';

function checkMetrics(problems: Problems, path: string, value: unknown): value is IncidentMetrics {
  if (!isRecord(value)) return problem(problems, path, 'an object of metrics', value);
  for (const name of ['timeToDetect', 'timeToAcknowledge', 'timeToMitigate', 'timeToRecover', 'timeToResolve'] as const) {
    checkNumberOrNull(problems, `${path}.${name}`, value[name]);
  }
  for (const name of ['customerImpactMinutes', 'failedRequests', 'errorBudgetSpent'] as const) checkNumber(problems, `${path}.${name}`, value[name]);
  const severity = value.severity;
  if (!isRecord(severity)) problem(problems, `${path}.severity`, 'an object', severity);
  else {
    if (severity.declared !== null) checkSeverity(problems, `${path}.severity.declared`, severity.declared);
    checkSeverity(problems, `${path}.severity.expected`, severity.expected);
    checkBoolean(problems, `${path}.severity.matches`, severity.matches);
  }
  const practice = value.practice;
  if (!isRecord(practice)) problem(problems, `${path}.practice`, 'an object', practice);
  else {
    checkNumber(problems, `${path}.practice.score`, practice.score);
    if (!Array.isArray(practice.checks)) problem(problems, `${path}.practice.checks`, 'a list', practice.checks);
    else
      practice.checks.forEach((c: unknown, i: number) => {
        const p = `${path}.practice.checks[${i}]`;
        if (!isRecord(c)) return problem(problems, p, 'an object', c);
        checkString(problems, `${p}.name`, c.name);
        checkBoolean(problems, `${p}.passed`, c.passed);
        checkString(problems, `${p}.detail`, c.detail, true);
      });
  }
  return true;
}

function checkTimeline(problems: Problems, path: string, value: unknown): value is TimelineEntry[] {
  if (!Array.isArray(value)) return problem(problems, path, 'a list of timeline entries', value);
  value.forEach((entry: unknown, i: number) => {
    const p = `${path}[${i}]`;
    if (!isRecord(entry)) return problem(problems, p, 'an object', entry);
    checkNumber(problems, `${p}.at`, entry.at);
    if (!['system', 'team', 'facilitator'].includes(entry.source as string)) problem(problems, `${p}.source`, 'one of system, team, facilitator', entry.source);
    checkString(problems, `${p}.kind`, entry.kind);
    checkString(problems, `${p}.text`, entry.text, true);
    checkBoolean(problems, `${p}.visibleToTeam`, entry.visibleToTeam);
  });
  return true;
}

/** Validates a parsed result file; every problem names its field. */
export function checkResult(value: unknown): { ok: true; result: RunResult } | { ok: false; errors: string[] } {
  const problems: Problems = [];
  if (!isRecord(value)) return { ok: false, errors: ['the file must hold a JSON object (a game-day or incident result)'] };
  if (value.format !== RESULT_FORMAT) return { ok: false, errors: [`format must be "${RESULT_FORMAT}" (found ${JSON.stringify(value.format) ?? 'nothing'}): is this an incident result file?`] };
  if (value.version !== 1) problem(problems, 'version', '1', value.version);
  checkString(problems, 'team', value.team, true);
  if (!isRecord(value.run)) problem(problems, 'run', 'an object (scenario, seed, actions)', value.run);
  else {
    checkString(problems, 'run.scenario', value.run.scenario);
    if (checkNumber(problems, 'run.seed', value.run.seed) && !Number.isInteger(value.run.seed)) problem(problems, 'run.seed', 'a whole number', value.run.seed);
    checkActions(problems, 'run.actions', value.run.actions);
  }
  checkString(problems, 'scenarioTitle', value.scenarioTitle, true);
  checkNumber(problems, 'endedAt', value.endedAt);
  checkMetrics(problems, 'metrics', value.metrics);
  checkTimeline(problems, 'timeline', value.timeline);
  checkString(problems, 'rootCause', value.rootCause, true);
  checkString(problems, 'exportedAt', value.exportedAt, true);
  return problems.length ? { ok: false, errors: problems } : { ok: true, result: value as unknown as RunResult };
}

/** Reads one result file's text: JSON errors and field problems are prefixed with the file name. */
export function readResultFile(name: string, text: string): { ok: true; name: string; result: RunResult } | { ok: false; name: string; errors: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, name, errors: [`${name}: not valid JSON (${error instanceof Error ? error.message : String(error)})`] };
  }
  const checked = checkResult(value);
  return checked.ok ? { ok: true, name, result: checked.result } : { ok: false, name, errors: checked.errors.map((e) => `${name}: ${e}`) };
}

/** One row of the comparison: a metric per team, and which teams did best on it. */
export interface ComparisonRow {
  key: string;
  label: string;
  /** Shown per team, in file order. */
  cells: string[];
  /** Indexes of the teams with the best value (none when no team has a value or all are equal). */
  best: number[];
}

/** Teams side by side. */
export interface Comparison {
  scenario: string;
  scenarioTitle: string;
  seed: number;
  teams: { file: string; team: string; endedAt: number; timeline: TimelineEntry[] }[];
  rows: ComparisonRow[];
}

const minutesText = (m: number | null) => (m === null ? 'not reached' : `${m} min`);
const percent = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** Indexes of the lowest (or highest) numbers; empty when no team has one or every team ties. */
function bestOf(values: (number | null)[], lowerIsBetter: boolean): number[] {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return [];
  const target = lowerIsBetter ? Math.min(...present) : Math.max(...present);
  const best = values.flatMap((v, i) => (v === target ? [i] : []));
  return best.length === values.length ? [] : best;
}

/**
 * Sets results side by side. All must be the same scenario and seed (otherwise the numbers do
 * not mean the same thing): the first file that differs is named in the refusal.
 */
export function compareResults(files: readonly { name: string; result: RunResult }[]): { ok: true; comparison: Comparison } | { ok: false; error: string } {
  const first = files[0];
  if (!first) return { ok: false, error: 'Load at least one result file.' };
  const base = first.result.run;
  for (const f of files.slice(1)) {
    const run = f.result.run;
    if (run.scenario !== base.scenario || run.seed !== base.seed) {
      return {
        ok: false,
        error: `Cannot compare: ${f.name} is scenario "${run.scenario}" with seed ${run.seed}, but ${first.name} is "${base.scenario}" with seed ${base.seed}. Load results of the same scenario and seed; the numbers of different incidents do not compare.`,
      };
    }
  }
  const metric = (label: string, key: string, pick: (m: IncidentMetrics) => number | null, text: (v: number | null) => string, lowerIsBetter = true): ComparisonRow => {
    const values = files.map((f) => pick(f.result.metrics));
    return { key, label, cells: values.map(text), best: bestOf(values, lowerIsBetter) };
  };
  const rows: ComparisonRow[] = [
    metric('Time to detect', 'timeToDetect', (m) => m.timeToDetect, minutesText),
    metric('Time to acknowledge', 'timeToAcknowledge', (m) => m.timeToAcknowledge, minutesText),
    metric('Time to mitigate', 'timeToMitigate', (m) => m.timeToMitigate, minutesText),
    metric('Time to recover (MTTR)', 'timeToRecover', (m) => m.timeToRecover, minutesText),
    metric('Time to resolve', 'timeToResolve', (m) => m.timeToResolve, minutesText),
    metric('Customer impact (full-outage minutes)', 'customerImpactMinutes', (m) => m.customerImpactMinutes, (v) => (v === null ? '' : String(Math.round(v * 10) / 10))),
    metric('Failed requests', 'failedRequests', (m) => m.failedRequests, (v) => (v === null ? '' : Math.round(v).toLocaleString('en-US'))),
    metric('Error budget spent', 'errorBudgetSpent', (m) => m.errorBudgetSpent, (v) => (v === null ? '' : percent(v))),
    {
      key: 'severity',
      label: 'Severity declared (expected)',
      cells: files.map(({ result: { metrics: m } }) => `${m.severity.declared === null ? 'none' : `SEV-${m.severity.declared}`} (SEV-${m.severity.expected})${m.severity.matches ? ', matches' : ''}`),
      best: bestOf(files.map((f) => (f.result.metrics.severity.matches ? 1 : 0)), false),
    },
    metric('Practice score', 'practiceScore', (m) => m.practice.score, (v) => (v === null ? '' : String(v)), false),
  ];
  return {
    ok: true,
    comparison: {
      scenario: base.scenario,
      scenarioTitle: first.result.scenarioTitle,
      seed: base.seed,
      teams: files.map((f) => ({ file: f.name, team: f.result.team || '(no name)', endedAt: f.result.endedAt, timeline: f.result.timeline })),
      rows,
    },
  };
}
