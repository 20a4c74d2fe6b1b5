/**
 * The scenario file's validator, hand-written so every problem is reported at once with its
 * path (`mitigations[2].effect must be one of fixes, partial, nothing, worse; got "maybe"`).
 * Pure: takes parsed JSON, returns the typed scenario or the list of problems.
 */
import { describe } from '../core/input';
import { mitigations as MITIGATIONS, type Mitigation, type Scenario } from './contract';

const SYMPTOM_KINDS = ['alert', 'log', 'customer-report', 'chart-note', 'status'] as const;
const EFFECTS = ['fixes', 'partial', 'nothing', 'worse'] as const;
const INJECT_KINDS = ['second-failure', 'stakeholder', 'misleading-alert', 'customer-escalation'] as const;
/** Most requests per second a scenario's service may serve. */
export const MAX_REQUESTS_PER_SECOND = 10_000_000;
/** The longest run the engine simulates, in minutes; every time in a scenario must fall inside it. */
export const MAX_SCENARIO_MINUTE = 240;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A value for "got ...": bounded and safe whatever its depth (see `core/input`). */
const show = (v: unknown): string => describe(v, 60);

/** Collects problems while walking a value. */
class Checker {
  readonly errors: string[] = [];
  fail(path: string, message: string) {
    this.errors.push(`${path} ${message}`);
  }
  /** Reports fields not in `allowed`. */
  known(obj: Obj, path: string, allowed: readonly string[]) {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) this.fail(path === '' ? key : `${path}.${key}`, `is not a known field (known: ${allowed.join(', ')})`);
    }
  }
  text(obj: Obj, key: string, path: string, { optional = false, pattern }: { optional?: boolean; pattern?: RegExp } = {}): string | undefined {
    const v = obj[key];
    const at = path === '' ? key : `${path}.${key}`;
    if (v === undefined && optional) return undefined;
    if (typeof v !== 'string' || v.trim() === '') {
      this.fail(at, `must be a non-empty string; got ${show(v)}`);
      return undefined;
    }
    if (pattern && !pattern.test(v)) this.fail(at, `must match ${pattern}; got ${show(v)}`);
    return v;
  }
  number(obj: Obj, key: string, path: string, check: (n: number) => boolean, what: string, optional = false): number | undefined {
    const v = obj[key];
    const at = path === '' ? key : `${path}.${key}`;
    if (v === undefined && optional) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || !check(v)) {
      this.fail(at, `must be ${what}; got ${show(v)}`);
      return undefined;
    }
    return v;
  }
  oneOf<T extends string>(obj: Obj, key: string, path: string, options: readonly T[], optional = false): T | undefined {
    const v = obj[key];
    const at = path === '' ? key : `${path}.${key}`;
    if (v === undefined && optional) return undefined;
    if (typeof v !== 'string' || !(options as readonly string[]).includes(v)) {
      this.fail(at, `must be one of ${options.join(', ')}; got ${show(v)}`);
      return undefined;
    }
    return v as T;
  }
  /** A minute, or a `{ min, max }` draw of whole minutes. */
  minuteOrDraw(obj: Obj, key: string, path: string, lowest: number) {
    const v = obj[key];
    const at = path === '' ? key : `${path}.${key}`;
    const okMinute = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= lowest && n <= MAX_SCENARIO_MINUTE;
    if (typeof v === 'number') {
      if (!okMinute(v)) this.fail(at, `must be a whole number of minutes from ${lowest} to ${MAX_SCENARIO_MINUTE}; got ${show(v)}`);
      return;
    }
    if (!isObj(v)) {
      this.fail(at, `must be a whole number of minutes or { "min": M, "max": N }; got ${show(v)}`);
      return;
    }
    this.known(v, at, ['min', 'max']);
    const bad = ['min', 'max'].filter((k) => !okMinute(v[k]));
    for (const k of bad) this.fail(`${at}.${k}`, `must be a whole number of minutes from ${lowest} to ${MAX_SCENARIO_MINUTE}; got ${show(v[k])}`);
    if (bad.length === 0 && (v.min as number) > (v.max as number)) this.fail(at, `min (${show(v.min)}) must not be above max (${show(v.max)})`);
  }
  list(obj: Obj, key: string): unknown[] {
    const v = obj[key];
    if (!Array.isArray(v)) {
      this.fail(key, `must be a list; got ${show(v)}`);
      return [];
    }
    return v;
  }
}

const SCENARIO_FIELDS = [
  'version', 'id', 'title', 'briefing', 'service', 'requestsPerSecond', 'slo', 'expectedSeverity', 'severityReason', 'rootCause',
  'facilitatorNotes', 'detectionAt', 'signals', 'symptoms', 'diagnostics', 'mitigations', 'injects', 'debrief',
];

/**
 * Validates a parsed scenario file. Reports every problem with its path: wrong types, unknown
 * fields, unknown symptom/effect/inject kinds and mitigations, duplicate ids, an SLO outside
 * (0, 1), a missing lasting fix, and injects cleared by a mitigation the scenario does not list.
 */
export function validateScenario(value: unknown): { ok: true; scenario: Scenario } | { ok: false; errors: string[] } {
  const c = new Checker();
  if (!isObj(value)) return { ok: false, errors: [`the scenario must be a JSON object; got ${show(value)}`] };
  c.known(value, '', SCENARIO_FIELDS);
  if (value.version !== 1) c.fail('version', `must be 1; got ${show(value.version)}`);
  c.text(value, 'id', '', { pattern: /^[a-z0-9]+(?:-[a-z0-9]+)*$/ });
  for (const key of ['title', 'briefing', 'service', 'severityReason', 'rootCause', 'debrief']) c.text(value, key, '');
  // Bounded so impact figures stay finite (1e308 req/s printed "Infinity failed requests").
  c.number(value, 'requestsPerSecond', '', (n) => n > 0 && n <= MAX_REQUESTS_PER_SECOND, `a number of requests per second above 0 and at most ${MAX_REQUESTS_PER_SECOND}`);
  if (!isObj(value.slo)) c.fail('slo', `must be { "target": 0.999, "periodDays": 30 }; got ${show(value.slo)}`);
  else {
    c.known(value.slo, 'slo', ['target', 'periodDays']);
    c.number(value.slo, 'target', 'slo', (n) => n > 0 && n < 1, 'a fraction strictly between 0 and 1 (99.9% is 0.999)');
    c.number(value.slo, 'periodDays', 'slo', (n) => Number.isInteger(n) && n >= 1 && n <= 366, 'a whole number of days from 1 to 366');
  }
  c.number(value, 'expectedSeverity', '', (n) => [1, 2, 3, 4].includes(n), 'a severity 1, 2, 3 or 4 (1 is the most severe)');
  const notes = c.list(value, 'facilitatorNotes');
  notes.forEach((n, i) => {
    if (typeof n !== 'string' || n.trim() === '') c.fail(`facilitatorNotes[${i}]`, `must be a non-empty string; got ${show(n)}`);
  });
  c.minuteOrDraw(value, 'detectionAt', '', 0);

  if (!isObj(value.signals)) c.fail('signals', `must be an object with errorRatio, p99Ms, traffic, saturation, rampMinutes; got ${show(value.signals)}`);
  else {
    const s = value.signals;
    c.known(s, 'signals', ['errorRatio', 'p99Ms', 'traffic', 'saturation', 'rampMinutes']);
    c.number(s, 'errorRatio', 'signals', (n) => n > 0 && n <= 1, 'a fraction above 0 and at most 1');
    c.number(s, 'p99Ms', 'signals', (n) => n > 0 && n <= 120_000, 'a latency in ms above 0 and at most 120000');
    c.number(s, 'traffic', 'signals', (n) => n > 0 && n <= 100, 'a multiplier of normal traffic above 0 (1 is normal)');
    c.number(s, 'saturation', 'signals', (n) => n >= 0 && n <= 100, 'a percentage from 0 to 100');
    c.number(s, 'rampMinutes', 'signals', (n) => Number.isInteger(n) && n >= 0 && n <= MAX_SCENARIO_MINUTE, `a whole number of minutes from 0 to ${MAX_SCENARIO_MINUTE}`);
  }

  const symptomIds = new Set<string>();
  const symptoms = c.list(value, 'symptoms');
  symptoms.forEach((s, i) => {
    const at = `symptoms[${i}]`;
    if (!isObj(s)) return c.fail(at, `must be an object; got ${show(s)}`);
    c.known(s, at, ['id', 'kind', 'at', 'text', 'visibleToTeam']);
    const id = c.text(s, 'id', at);
    if (id !== undefined) {
      if (symptomIds.has(id)) c.fail(`${at}.id`, `"${id}" is used by an earlier symptom; ids must be unique`);
      symptomIds.add(id);
    }
    c.oneOf(s, 'kind', at, SYMPTOM_KINDS);
    c.minuteOrDraw(s, 'at', at, 0);
    c.text(s, 'text', at);
    if (s.visibleToTeam !== undefined && typeof s.visibleToTeam !== 'boolean') c.fail(`${at}.visibleToTeam`, `must be true or false; got ${show(s.visibleToTeam)}`);
  });
  if (Array.isArray(value.symptoms) && !symptoms.some((s) => isObj(s) && s.kind === 'alert')) {
    c.fail('symptoms', 'must include at least one "alert" (the first alert is the one that detects the incident)');
  }

  const checks = new Set<string>();
  c.list(value, 'diagnostics').forEach((d, i) => {
    const at = `diagnostics[${i}]`;
    if (!isObj(d)) return c.fail(at, `must be an object; got ${show(d)}`);
    c.known(d, at, ['check', 'minutes', 'finding']);
    const check = c.text(d, 'check', at);
    if (check !== undefined) {
      if (checks.has(check)) c.fail(`${at}.check`, `"${check}" is listed twice`);
      checks.add(check);
    }
    c.number(d, 'minutes', at, (n) => Number.isInteger(n) && n >= 1 && n <= 60, 'a whole number of minutes from 1 to 60');
    c.text(d, 'finding', at);
  });

  const listed = new Set<Mitigation>();
  let lastingFix = false;
  c.list(value, 'mitigations').forEach((m, i) => {
    const at = `mitigations[${i}]`;
    if (!isObj(m)) return c.fail(at, `must be an object; got ${show(m)}`);
    c.known(m, at, ['mitigation', 'effect', 'delayMinutes', 'factor', 'chance', 'message', 'recursAfterMinutes']);
    const mitigation = c.oneOf(m, 'mitigation', at, MITIGATIONS);
    if (mitigation !== undefined) {
      if (listed.has(mitigation)) c.fail(`${at}.mitigation`, `"${mitigation}" is listed twice`);
      listed.add(mitigation);
    }
    const effect = c.oneOf(m, 'effect', at, EFFECTS);
    const delay = m.delayMinutes;
    if (typeof delay === 'number' || isObj(delay)) c.minuteOrDraw(m, 'delayMinutes', at, 0);
    else c.fail(`${at}.delayMinutes`, `must be a whole number of minutes or { "min": M, "max": N }; got ${show(delay)}`);
    if (effect === 'partial') c.number(m, 'factor', at, (n) => n >= 0 && n < 1, 'a multiplier from 0 up to (not including) 1 for a partial effect');
    else if (effect === 'worse') c.number(m, 'factor', at, (n) => n > 1 && n <= 100, 'a multiplier above 1 for a worse effect');
    else if (m.factor !== undefined) c.fail(`${at}.factor`, `is only used by partial and worse effects; remove it from a "${String(effect)}" effect`);
    c.number(m, 'chance', at, (n) => n > 0 && n <= 1, 'a probability above 0 and at most 1', true);
    c.text(m, 'message', at);
    if (m.recursAfterMinutes !== undefined) {
      if (effect !== 'fixes') c.fail(`${at}.recursAfterMinutes`, `only applies to a "fixes" effect; got effect ${show(effect)}`);
      else c.number(m, 'recursAfterMinutes', at, (n) => Number.isInteger(n) && n >= 1 && n <= MAX_SCENARIO_MINUTE, `a whole number of minutes from 1 to ${MAX_SCENARIO_MINUTE}`);
    }
    if (effect === 'fixes' && m.recursAfterMinutes === undefined) lastingFix = true;
  });
  if (Array.isArray(value.mitigations) && !lastingFix) c.fail('mitigations', 'must include at least one "fixes" effect without recursAfterMinutes (a fix that lasts)');

  const injectIds = new Set<string>();
  c.list(value, 'injects').forEach((inj, i) => {
    const at = `injects[${i}]`;
    if (!isObj(inj)) return c.fail(at, `must be an object; got ${show(inj)}`);
    c.known(inj, at, ['id', 'title', 'kind', 'text', 'addsErrorRatio', 'clearedBy', 'autoAt']);
    const id = c.text(inj, 'id', at, { pattern: /^[a-z0-9]+(?:-[a-z0-9]+)*$/ });
    if (id !== undefined) {
      if (injectIds.has(id)) c.fail(`${at}.id`, `"${id}" is used by an earlier inject; ids must be unique`);
      injectIds.add(id);
    }
    c.text(inj, 'title', at);
    const kind = c.oneOf(inj, 'kind', at, INJECT_KINDS);
    c.text(inj, 'text', at);
    if (kind === 'second-failure') {
      c.number(inj, 'addsErrorRatio', at, (n) => n > 0 && n <= 1, 'a fraction above 0 and at most 1 for a second failure');
      const by = c.oneOf(inj, 'clearedBy', at, MITIGATIONS);
      if (by !== undefined && Array.isArray(value.mitigations) && !listed.has(by)) {
        c.fail(`${at}.clearedBy`, `"${by}" is not one of this scenario's mitigations (${[...listed].join(', ') || 'none'})`);
      }
    } else {
      for (const key of ['addsErrorRatio', 'clearedBy']) {
        if (inj[key] !== undefined) c.fail(`${at}.${key}`, `is only used by a second-failure inject; got kind ${show(kind)}`);
      }
    }
    if (inj.autoAt !== undefined) c.number(inj, 'autoAt', at, (n) => Number.isInteger(n) && n >= 0 && n <= MAX_SCENARIO_MINUTE, `a whole number of minutes from 0 to ${MAX_SCENARIO_MINUTE}`);
  });

  if (c.errors.length > 0) return { ok: false, errors: c.errors };
  return { ok: true, scenario: value as unknown as Scenario };
}
