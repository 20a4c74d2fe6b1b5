/**
 * The runbook simulator's parameters: defaults, the success-chance overrides the learner sets
 * with sliders, their round trip through the page URL (`rb-seed`, `rb-chance`, `rb-alert`,
 * `rb-policy`), and the `rlab runbook` command that reproduces the same run.
 */
import { quote } from '../core/input';
import { MAX_SEED, parseSeed, SEED_RULE } from '../core/seed';
import type { Runbook } from './format';
import { alertScenario, policyNamed, POLICIES, type PolicyName } from './orchestrator';
import { CONNECTION_POOL_RUNBOOK } from './connection-pool';

/** Everything that decides a run, besides the runbook itself. */
export interface RunbookParams {
  seed: number;
  /** Success chances set by the learner, by step id, replacing the runbook's own. */
  chances: Record<string, number>;
  /** Id of the alert fired through the orchestrator, or `none` (a person starts the runbook). */
  alert: string;
  policy: PolicyName;
}

export { MAX_SEED };

/** What a learner sees first: the connection-pool runbook started by hand, seed 1. */
export const DEFAULT_PARAMS: RunbookParams = { seed: 1, chances: {}, alert: 'none', policy: 'lesson' };

/** The runbook with the learner's success chances applied (ids it does not have are ignored here; see `unknownChanceIds`). */
export function applyChances(runbook: Runbook, chances: Readonly<Record<string, number>>): Runbook {
  return { ...runbook, steps: runbook.steps.map((s) => (Object.hasOwn(chances, s.id) ? { ...s, successChance: chances[s.id]! } : s)) };
}

/** Ids in `chances` that the runbook has no step for. */
export function unknownChanceIds(runbook: Runbook, chances: Readonly<Record<string, number>>): string[] {
  return Object.keys(chances).filter((id) => !runbook.steps.some((s) => s.id === id));
}

/** A chance as the URL and CLI write it: at most 3 decimals. */
const chanceText = (p: number) => String(Math.round(p * 1000) / 1000);

/** `id:0.5,id2:0` */
export const chancesToText = (chances: Readonly<Record<string, number>>, sep = ':') =>
  Object.entries(chances)
    .map(([id, p]) => `${id}${sep}${chanceText(p)}`)
    .join(',');

/** Parses one `ID=P` or `ID:P` chance; P from 0 to 1 or a percentage. Returns a message when it cannot. */
export function parseChance(text: string): { ok: true; id: string; chance: number } | { ok: false; error: string } {
  const m = /^([A-Za-z][A-Za-z0-9_-]{0,39})[=:](\d+(?:\.\d+)?)(%?)$/.exec(text.trim());
  if (!m) return { ok: false, error: `a success chance must look like STEP_ID=0.5 (or 50%), got ${quote(text)}` };
  const chance = m[3] ? Number(m[2]) / 100 : Number(m[2]);
  if (!(chance >= 0 && chance <= 1)) return { ok: false, error: `the success chance of ${m[1]} must be from 0 to 1 (0% to 100%), got "${m[2]}${m[3]}"` };
  return { ok: true, id: m[1]!, chance };
}

/**
 * Reads parameters from a query string (keys prefixed with `prefix`); bad values are reported
 * and skipped. Chances are checked against `runbook` (the built-in one unless given).
 */
export function paramsFromSearch(search: string, prefix = 'rb-', runbook: Runbook = CONNECTION_POOL_RUNBOOK): { params: RunbookParams; problems: string[] } {
  const q = new URLSearchParams(search);
  const problems: string[] = [];
  const params: RunbookParams = { ...DEFAULT_PARAMS, chances: {} };
  const seed = q.get(`${prefix}seed`);
  if (seed !== null) {
    const value = parseSeed(seed);
    if (value !== null) params.seed = value;
    else problems.push(`seed ${quote(seed)} must be ${SEED_RULE}`);
  }
  const chances = q.get(`${prefix}chance`);
  if (chances !== null) {
    for (const text of chances.split(',').filter((t) => t.trim() !== '')) {
      const c = parseChance(text);
      if (!c.ok) problems.push(c.error);
      else if (!runbook.steps.some((s) => s.id === c.id)) problems.push(`chance "${text}": the runbook has no step "${c.id}"`);
      else params.chances[c.id] = c.chance;
    }
  }
  const alert = q.get(`${prefix}alert`);
  if (alert !== null) {
    if (alert === 'none' || alertScenario(alert)) params.alert = alert;
    else problems.push(`alert "${alert}" is not one of the alerts offered`);
  }
  const policy = q.get(`${prefix}policy`);
  if (policy !== null) {
    const named = policyNamed(policy);
    if (named !== undefined) params.policy = named;
    else problems.push(`policy "${policy}" must be ${POLICIES.join(' or ')}`);
  }
  return { params, problems };
}

/** Writes parameters into a query string, keeping the page's other parameters. */
export function paramsToSearch(params: RunbookParams, existing = '', prefix = 'rb-'): string {
  const q = new URLSearchParams(existing);
  q.set(`${prefix}seed`, String(params.seed));
  if (Object.keys(params.chances).length > 0) q.set(`${prefix}chance`, chancesToText(params.chances));
  else q.delete(`${prefix}chance`);
  q.set(`${prefix}alert`, params.alert);
  q.set(`${prefix}policy`, params.policy);
  return `?${q.toString()}`;
}

/** File name suggested for a learner's own runbook in the CLI command. */
export const OWN_RUNBOOK_FILE = 'my-runbook.yaml';

/** The `rlab` command that reproduces the same run (with `--runbook FILE` for the learner's own runbook). */
export function cliCommand(params: RunbookParams, ownRunbook = false): string {
  return [
    'npx rlab runbook',
    ...(ownRunbook ? [`--runbook ${OWN_RUNBOOK_FILE}`] : []),
    `--seed ${params.seed}`,
    ...Object.entries(params.chances).map(([id, p]) => `--chance ${id}=${chanceText(p)}`),
    ...(params.alert !== 'none' ? [`--alert ${params.alert}`] : []),
    ...(params.alert !== 'none' && params.policy !== 'lesson' ? [`--policy ${params.policy}`] : []),
  ].join(' ');
}
