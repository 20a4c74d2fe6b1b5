/**
 * The run result as a file and in the browser: a validator for `RunResult` (files the post-mortem
 * editor and the comparison page import) and the storage area `rlab:incident-last-result`, where the
 * lesson's view keeps the last finished run so the post-mortem editor can prefill from it.
 */
import type { StoredArea } from '../../src/lib/storage';
import type { RunResult } from './contract';
import { parseActions } from './run-spec';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v)?.slice(0, 60));

const DURATIONS = ['timeToDetect', 'timeToAcknowledge', 'timeToMitigate', 'timeToRecover', 'timeToResolve'] as const;

/** Validates a result file; every problem names its path (`metrics.timeToRecover must be ...`). */
export function parseRunResult(value: unknown): { ok: true; result: RunResult } | { ok: false; errors: string[] } {
  if (!isObj(value)) return { ok: false, errors: [`a result must be a JSON object; got ${show(value)}`] };
  const errors: string[] = [];
  if (value.format !== 'reliability-lab-incident-result') errors.push(`format must be "reliability-lab-incident-result"; got ${show(value.format)}`);
  if (value.version !== 1) errors.push(`version must be 1; got ${show(value.version)}`);
  for (const key of ['team', 'scenarioTitle', 'rootCause', 'exportedAt']) if (typeof value[key] !== 'string') errors.push(`${key} must be a string; got ${show(value[key])}`);
  if (!(typeof value.endedAt === 'number' && Number.isInteger(value.endedAt) && value.endedAt >= 0)) errors.push(`endedAt must be a whole minute; got ${show(value.endedAt)}`);
  const run = value.run;
  if (!isObj(run)) errors.push(`run must be { scenario, seed, actions }; got ${show(run)}`);
  else {
    if (typeof run.scenario !== 'string' || run.scenario === '') errors.push(`run.scenario must be a scenario id; got ${show(run.scenario)}`);
    if (!(typeof run.seed === 'number' && Number.isInteger(run.seed) && run.seed >= 0)) errors.push(`run.seed must be a whole number; got ${show(run.seed)}`);
    const actions = parseActions(run.actions, undefined, 'run.actions');
    if (!actions.ok) errors.push(...actions.errors);
  }
  const m = value.metrics;
  if (!isObj(m)) errors.push(`metrics must be an object; got ${show(m)}`);
  else {
    for (const key of DURATIONS) if (!(m[key] === null || (typeof m[key] === 'number' && (m[key] as number) >= 0))) errors.push(`metrics.${key} must be minutes or null; got ${show(m[key])}`);
    for (const key of ['customerImpactMinutes', 'failedRequests', 'errorBudgetSpent']) {
      if (!(typeof m[key] === 'number' && Number.isFinite(m[key]) && (m[key] as number) >= 0)) errors.push(`metrics.${key} must be a number >= 0; got ${show(m[key])}`);
    }
    const sev = m.severity;
    if (!isObj(sev) || !(sev.declared === null || [1, 2, 3, 4].includes(sev.declared as number)) || ![1, 2, 3, 4].includes(sev.expected as number) || typeof sev.matches !== 'boolean') {
      errors.push(`metrics.severity must be { declared: 1-4 or null, expected: 1-4, matches: true/false }; got ${show(sev)}`);
    }
    const p = m.practice;
    if (!isObj(p) || typeof p.score !== 'number' || !Array.isArray(p.checks)) errors.push(`metrics.practice must be { score, checks: [...] }; got ${show(p)}`);
    else {
      p.checks.forEach((c, i) => {
        if (!isObj(c) || typeof c.name !== 'string' || typeof c.passed !== 'boolean' || typeof c.detail !== 'string') errors.push(`metrics.practice.checks[${i}] must be { name, passed, detail }; got ${show(c)}`);
      });
    }
  }
  if (!Array.isArray(value.timeline)) errors.push(`timeline must be a list; got ${show(value.timeline)}`);
  else {
    value.timeline.forEach((e, i) => {
      if (!isObj(e)) return errors.push(`timeline[${i}] must be an object; got ${show(e)}`);
      if (typeof e.at !== 'number' || !Number.isFinite(e.at)) errors.push(`timeline[${i}].at must be a minute; got ${show(e.at)}`);
      if (!['system', 'team', 'facilitator'].includes(e.source as string)) errors.push(`timeline[${i}].source must be one of system, team, facilitator; got ${show(e.source)}`);
      if (typeof e.kind !== 'string' || typeof e.text !== 'string') errors.push(`timeline[${i}] needs a kind and a text`);
      if (typeof e.visibleToTeam !== 'boolean') errors.push(`timeline[${i}].visibleToTeam must be true or false; got ${show(e.visibleToTeam)}`);
    });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, result: value as unknown as RunResult };
}

/** `rlab:incident-last-result`: the last finished run of the lesson's simulator (null: none yet). */
export const lastResultArea: StoredArea<RunResult | null> = {
  area: 'incident-last-result',
  version: 1,
  empty: () => null,
  parse: (value) => {
    if (value === null) return { ok: true, value: null };
    const parsed = parseRunResult(value);
    return parsed.ok ? { ok: true, value: parsed.result } : { ok: false, error: parsed.errors.slice(0, 3).join('; ') };
  },
};
