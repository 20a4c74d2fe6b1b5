/**
 * Runs as data: validating an action log (from a file or a link), the compact text encoding used in
 * links and on the command line, the page-URL round trip (prefix `in-`) and the `rlab` command
 * that reproduces a run. Pure.
 */
import { mitigations as MITIGATIONS, roles as ROLES, type Action, type Mitigation, type Role, type RunSpec, type Scenario, type Severity } from './contract';
import { describe, quote } from '../core/input';
import { MAX_SEED, parseSeed, SEED_RULE } from '../core/seed';
import { MAX_MINUTES } from './engine';

/** Most actions a run may hold (keeps links and files small). */
export const MAX_ACTIONS = 300;
export { MAX_SEED };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => describe(v);

const FIELDS: Record<Action['kind'], string[]> = {
  acknowledge: ['by'],
  declare: ['severity', 'title'],
  'set-severity': ['severity', 'reason'],
  'assign-role': ['role', 'person'],
  'status-update': ['audience', 'text'],
  diagnose: ['check'],
  mitigate: ['mitigation', 'target'],
  escalate: ['to', 'reason'],
  resolve: [],
  note: ['text'],
  inject: ['inject'],
};
const KINDS = Object.keys(FIELDS) as Action['kind'][];

/**
 * Validates an action log. Reports every problem with its path (`actions[3].severity must be ...`),
 * including checks and injects the scenario does not have (when a scenario is given) and actions out
 * of time order.
 */
export function parseActions(value: unknown, scenario?: Scenario, path = 'actions'): { ok: true; actions: Action[] } | { ok: false; errors: string[] } {
  if (!Array.isArray(value)) return { ok: false, errors: [`${path} must be a list of actions; got ${show(value)}`] };
  const errors: string[] = [];
  if (value.length > MAX_ACTIONS) return { ok: false, errors: [`${path} has ${value.length} actions; at most ${MAX_ACTIONS}`] };
  let previous = 0;
  value.forEach((a, i) => {
    const at = `${path}[${i}]`;
    if (!isObj(a)) return errors.push(`${at} must be an object; got ${show(a)}`);
    const kind = a.kind as Action['kind'];
    if (!KINDS.includes(kind)) return errors.push(`${at}.kind must be one of ${KINDS.join(', ')}; got ${show(a.kind)}`);
    for (const key of Object.keys(a)) if (key !== 'at' && key !== 'kind' && !FIELDS[kind].includes(key)) errors.push(`${at}.${key} is not a field of a ${kind} action (fields: at, kind${FIELDS[kind].map((f) => `, ${f}`).join('')})`);
    if (typeof a.at !== 'number' || !Number.isInteger(a.at) || a.at < 0 || a.at > MAX_MINUTES) errors.push(`${at}.at must be a whole minute from 0 to ${MAX_MINUTES}; got ${show(a.at)}`);
    else {
      if (a.at < previous) errors.push(`${at}.at is ${a.at}, before the previous action's minute ${previous}: actions must be in time order`);
      previous = Math.max(previous, a.at);
    }
    const text = (key: string, optional = false) => {
      if (optional && a[key] === undefined) return;
      if (typeof a[key] !== 'string' || (a[key] as string).trim() === '') errors.push(`${at}.${key} must be a non-empty string; got ${show(a[key])}`);
      else if ((a[key] as string).length > 500) errors.push(`${at}.${key} is longer than 500 characters`);
    };
    const severity = () => {
      if (![1, 2, 3, 4].includes(a.severity as number)) errors.push(`${at}.severity must be 1, 2, 3 or 4; got ${show(a.severity)}`);
    };
    switch (kind) {
      case 'acknowledge':
        text('by');
        break;
      case 'declare':
        severity();
        text('title');
        break;
      case 'set-severity':
        severity();
        text('reason');
        break;
      case 'assign-role':
        if (!(ROLES as readonly unknown[]).includes(a.role)) errors.push(`${at}.role must be one of ${ROLES.join(', ')}; got ${show(a.role)}`);
        text('person');
        break;
      case 'status-update':
        if (a.audience !== 'internal' && a.audience !== 'public') errors.push(`${at}.audience must be one of internal, public; got ${show(a.audience)}`);
        text('text');
        break;
      case 'diagnose':
        text('check');
        if (scenario && typeof a.check === 'string' && !scenario.diagnostics.some((d) => d.check === a.check)) {
          errors.push(`${at}.check "${a.check}" is not a check of scenario ${scenario.id} (${scenario.diagnostics.map((d) => d.check).join('; ')})`);
        }
        break;
      case 'mitigate':
        if (!(MITIGATIONS as readonly unknown[]).includes(a.mitigation)) errors.push(`${at}.mitigation must be one of ${MITIGATIONS.join(', ')}; got ${show(a.mitigation)}`);
        text('target', true);
        break;
      case 'escalate':
        text('to');
        text('reason');
        break;
      case 'note':
        text('text');
        break;
      case 'inject':
        text('inject');
        if (scenario && typeof a.inject === 'string' && !scenario.injects.some((x) => x.id === a.inject)) {
          errors.push(`${at}.inject "${a.inject}" is not an inject of scenario ${scenario.id} (${scenario.injects.map((x) => x.id).join(', ') || 'none'})`);
        }
        break;
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, actions: value as Action[] };
}

/** Validates a run file: `{ scenario, seed, actions }`, or a bare list of actions. */
export function parseRunFile(
  value: unknown,
  scenarios: Record<string, Scenario> = {},
): { ok: true; run: Partial<RunSpec> & { actions: Action[] } } | { ok: false; errors: string[] } {
  if (Array.isArray(value)) {
    const parsed = parseActions(value);
    return parsed.ok ? { ok: true, run: { actions: parsed.actions } } : parsed;
  }
  if (!isObj(value)) return { ok: false, errors: [`a run file must be { "scenario", "seed", "actions" } or a list of actions; got ${show(value)}`] };
  const errors: string[] = [];
  for (const key of Object.keys(value)) if (!['scenario', 'seed', 'actions'].includes(key)) errors.push(`${key} is not a known field (known: scenario, seed, actions)`);
  if (value.scenario !== undefined && (typeof value.scenario !== 'string' || value.scenario === '')) errors.push(`scenario must be a scenario id; got ${show(value.scenario)}`);
  if (value.seed !== undefined && !(typeof value.seed === 'number' && Number.isInteger(value.seed) && value.seed >= 0 && value.seed <= MAX_SEED)) {
    errors.push(`seed must be a whole number from 0 to ${MAX_SEED}; got ${show(value.seed)}`);
  }
  const scenario = typeof value.scenario === 'string' && Object.hasOwn(scenarios, value.scenario) ? scenarios[value.scenario] : undefined;
  const parsed = parseActions(value.actions ?? [], scenario);
  if (!parsed.ok) errors.push(...parsed.errors);
  if (errors.length > 0 || !parsed.ok) return { ok: false, errors };
  return { ok: true, run: { scenario: value.scenario as string | undefined, seed: value.seed as number | undefined, actions: parsed.actions } };
}

// ---------------------------------------------------------------------------------------------
// Compact encoding: `11d.1.Checkout_20down*11r.ic.sam*12m.failover`
// ---------------------------------------------------------------------------------------------

const CODE: Record<Action['kind'], string> = {
  acknowledge: 'a',
  declare: 'd',
  'set-severity': 'v',
  'assign-role': 'r',
  'status-update': 'u',
  diagnose: 'g',
  mitigate: 'm',
  escalate: 'e',
  resolve: 'x',
  note: 'n',
  inject: 'j',
};
const KIND_OF = Object.fromEntries(Object.entries(CODE).map(([k, c]) => [c, k])) as Record<string, Action['kind']>;
const ROLE_CODE: Record<Role, string> = { 'incident-commander': 'ic', operations: 'ops', communications: 'comms', scribe: 'scribe' };
const ROLE_OF = Object.fromEntries(Object.entries(ROLE_CODE).map(([k, c]) => [c, k])) as Record<string, Role>;

/** Text safe inside a query parameter without further escaping: `%XX` becomes `_XX`. */
function encodeText(s: string): string {
  return encodeURIComponent(s)
    .replace(/[_.*!'()~-]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
    .replace(/%/g, '_');
}
function decodeText(s: string): string {
  return decodeURIComponent(s.replace(/_/g, '%'));
}

/** Encodes an action log compactly for a link or the command line (`*` between actions, `.` between fields). */
export function encodeActions(actions: readonly Action[]): string {
  return actions
    .map((a) => {
      const f: string[] = [];
      switch (a.kind) {
        case 'acknowledge':
          f.push(encodeText(a.by));
          break;
        case 'declare':
          f.push(String(a.severity), encodeText(a.title));
          break;
        case 'set-severity':
          f.push(String(a.severity), encodeText(a.reason));
          break;
        case 'assign-role':
          f.push(ROLE_CODE[a.role], encodeText(a.person));
          break;
        case 'status-update':
          f.push(a.audience === 'public' ? 'p' : 'i', encodeText(a.text));
          break;
        case 'diagnose':
          f.push(encodeText(a.check));
          break;
        case 'mitigate':
          f.push(a.mitigation, ...(a.target ? [encodeText(a.target)] : []));
          break;
        case 'escalate':
          f.push(encodeText(a.to), encodeText(a.reason));
          break;
        case 'note':
          f.push(encodeText(a.text));
          break;
        case 'inject':
          f.push(a.inject);
          break;
        case 'resolve':
          break;
      }
      return [`${a.at}${CODE[a.kind]}`, ...f].join('.');
    })
    .join('*');
}

/** Decodes `encodeActions` output; every problem names the action's position and text. */
export function decodeActions(text: string, scenario?: Scenario): { ok: true; actions: Action[] } | { ok: false; errors: string[] } {
  if (text.trim() === '') return { ok: true, actions: [] };
  const errors: string[] = [];
  const raw: unknown[] = [];
  text.split('*').forEach((token, i) => {
    const where = `action ${i + 1} ("${token.length > 40 ? `${token.slice(0, 37)}...` : token}")`;
    const [head = '', ...rest] = token.split('.');
    const m = /^(\d+)([a-z])$/.exec(head);
    const kind = m ? KIND_OF[m[2]!] : undefined;
    if (!m || !kind) return errors.push(`${where} must start with a minute and a kind letter (${Object.values(CODE).join('')}), e.g. 12m`);
    let fields: string[];
    try {
      fields = rest.map(decodeText);
    } catch {
      return errors.push(`${where} has badly escaped text`);
    }
    const at = Number(m[1]);
    const need = (n: number, optional = 0) => {
      if (fields.length < n || fields.length > n + optional) {
        errors.push(`${where}: a ${kind} needs ${n}${optional ? ` or ${n + optional}` : ''} field${n === 1 ? '' : 's'}; got ${fields.length}`);
        return false;
      }
      return true;
    };
    switch (kind) {
      case 'acknowledge':
        if (need(1)) raw.push({ at, kind, by: fields[0] });
        break;
      case 'declare':
      case 'set-severity':
        if (need(2)) raw.push({ at, kind, severity: Number(fields[0]) as Severity, [kind === 'declare' ? 'title' : 'reason']: fields[1] });
        break;
      case 'assign-role': {
        if (!need(2)) break;
        const role = ROLE_OF[fields[0]!];
        if (!role) errors.push(`${where}: role must be one of ${Object.values(ROLE_CODE).join(', ')}; got "${fields[0]}"`);
        else raw.push({ at, kind, role, person: fields[1] });
        break;
      }
      case 'status-update':
        if (!need(2)) break;
        if (fields[0] !== 'i' && fields[0] !== 'p') errors.push(`${where}: audience must be i (internal) or p (public); got "${fields[0]}"`);
        else raw.push({ at, kind, audience: fields[0] === 'p' ? 'public' : 'internal', text: fields[1] });
        break;
      case 'diagnose':
        if (need(1)) raw.push({ at, kind, check: fields[0] });
        break;
      case 'mitigate':
        if (need(1, 1)) raw.push({ at, kind, mitigation: fields[0] as Mitigation, ...(fields[1] ? { target: fields[1] } : {}) });
        break;
      case 'escalate':
        if (need(2)) raw.push({ at, kind, to: fields[0], reason: fields[1] });
        break;
      case 'note':
        if (need(1)) raw.push({ at, kind, text: fields[0] });
        break;
      case 'inject':
        if (need(1)) raw.push({ at, kind, inject: fields[0] });
        break;
      case 'resolve':
        if (need(0)) raw.push({ at, kind });
        break;
    }
  });
  if (errors.length > 0) return { ok: false, errors };
  const parsed = parseActions(raw, scenario, 'log');
  if (!parsed.ok) return { ok: false, errors: parsed.errors.map((e) => e.replace(/^log\[(\d+)\]/, (_, n: string) => `action ${Number(n) + 1}`)) };
  return parsed;
}

// ---------------------------------------------------------------------------------------------
// The page URL and the command line
// ---------------------------------------------------------------------------------------------

/** What a link holds: the run and the minute reached. */
export interface IncidentLink {
  scenario: string;
  seed: number;
  actions: Action[];
  minute: number;
}

/** Reads `in-scenario`, `in-seed`, `in-log`, `in-t` from a query string; problems name the parameter. */
export function linkFromSearch(search: string, scenarios: Record<string, Scenario>, defaults: IncidentLink): { link: IncidentLink; problems: string[] } {
  const q = new URLSearchParams(search);
  const problems: string[] = [];
  const link: IncidentLink = { ...defaults, actions: [...defaults.actions] };
  const id = q.get('in-scenario');
  if (id !== null) {
    if (Object.hasOwn(scenarios, id)) link.scenario = id;
    else problems.push(`in-scenario "${id}" is not a scenario (${Object.keys(scenarios).join(', ')})`);
  }
  const seed = q.get('in-seed');
  if (seed !== null) {
    const value = parseSeed(seed);
    if (value !== null) link.seed = value;
    else problems.push(`in-seed ${quote(seed)} must be ${SEED_RULE}`);
  }
  const log = q.get('in-log');
  if (log !== null) {
    const decoded = decodeActions(log, scenarios[link.scenario]);
    if (decoded.ok) link.actions = decoded.actions;
    else problems.push(`in-log: ${decoded.errors.join('; ')}`);
  }
  const t = q.get('in-t');
  if (t !== null) {
    if (/^\d+$/.test(t) && Number(t) <= MAX_MINUTES) link.minute = Number(t);
    else problems.push(`in-t "${t}" must be a minute from 0 to ${MAX_MINUTES}`);
  }
  const lastAction = link.actions.length ? link.actions[link.actions.length - 1]!.at : 0;
  if (link.minute < lastAction) link.minute = lastAction;
  return { link, problems };
}

/** Writes the run into a query string, keeping the page's other parameters. */
export function linkToSearch(link: IncidentLink, existing = ''): string {
  const q = new URLSearchParams(existing);
  q.set('in-scenario', link.scenario);
  q.set('in-seed', String(link.seed));
  if (link.actions.length > 0) q.set('in-log', encodeActions(link.actions));
  else q.delete('in-log');
  q.set('in-t', String(link.minute));
  return `?${q.toString()}`;
}

/** Quotes a shell argument when it needs it. */
const shellQuote = (s: string) => (/^[\w./:=@-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** The `rlab` command that reproduces the same run in a terminal. */
export function cliCommand(link: IncidentLink): string {
  const parts = ['npx rlab incident', `--scenario ${link.scenario}`, `--seed ${link.seed}`];
  if (link.actions.length > 0) parts.push(`--log ${shellQuote(encodeActions(link.actions))}`);
  parts.push(`--until ${link.minute}`);
  return parts.join(' ');
}
