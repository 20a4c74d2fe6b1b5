/**
 * Small validators for data that arrives from outside the console (another window, a file):
 * each problem names where it is (`run.actions[3].severity`) and what was found.
 */
import { mitigations, roles, type Action } from '../incident/contract';

/** A problem collector: `at(path)` reports under a path. */
export type Problems = string[];

const shown = (value: unknown) => {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 40 ? `${text.slice(0, 37)}...` : text;
};

/** Records `path must be <what> (found <value>)` and returns false. */
export function problem(problems: Problems, path: string, what: string, value: unknown): false {
  problems.push(`${path} must be ${what} (found ${shown(value)})`);
  return false;
}

/** True for a plain object. */
export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks a string field (non-empty unless `allowEmpty`). */
export function checkString(problems: Problems, path: string, value: unknown, allowEmpty = false): value is string {
  if (typeof value !== 'string' || (!allowEmpty && value.trim() === '')) return problem(problems, path, allowEmpty ? 'text' : 'non-empty text', value);
  return true;
}

/** Checks a finite number, at least `min`. */
export function checkNumber(problems: Problems, path: string, value: unknown, min = 0): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) return problem(problems, path, `a number of at least ${min}`, value);
  return true;
}

/** Checks a number or null (metrics not reached yet). */
export function checkNumberOrNull(problems: Problems, path: string, value: unknown): value is number | null {
  return value === null || checkNumber(problems, path, value);
}

/** Checks a boolean. */
export function checkBoolean(problems: Problems, path: string, value: unknown): value is boolean {
  if (typeof value !== 'boolean') return problem(problems, path, 'true or false', value);
  return true;
}

/** Checks a severity 1-4. */
export function checkSeverity(problems: Problems, path: string, value: unknown): value is 1 | 2 | 3 | 4 {
  if (value !== 1 && value !== 2 && value !== 3 && value !== 4) return problem(problems, path, 'a severity from 1 to 4', value);
  return true;
}

const oneOf = <T extends string>(problems: Problems, path: string, value: unknown, options: readonly T[]): value is T => {
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) return problem(problems, path, `one of ${options.join(', ')}`, value);
  return true;
};

/** Checks one action of the contract's log (every kind and its fields). */
export function checkAction(problems: Problems, path: string, value: unknown): value is Action {
  if (!isRecord(value)) return problem(problems, path, 'an action object', value);
  const before = problems.length;
  checkNumber(problems, `${path}.at`, value.at);
  const f = (name: string) => `${path}.${name}`;
  switch (value.kind) {
    case 'acknowledge':
      checkString(problems, f('by'), value.by);
      break;
    case 'declare':
      checkSeverity(problems, f('severity'), value.severity);
      checkString(problems, f('title'), value.title, true);
      break;
    case 'set-severity':
      checkSeverity(problems, f('severity'), value.severity);
      checkString(problems, f('reason'), value.reason, true);
      break;
    case 'assign-role':
      oneOf(problems, f('role'), value.role, roles);
      checkString(problems, f('person'), value.person);
      break;
    case 'status-update':
      oneOf(problems, f('audience'), value.audience, ['internal', 'public'] as const);
      checkString(problems, f('text'), value.text, true);
      break;
    case 'diagnose':
      checkString(problems, f('check'), value.check);
      break;
    case 'mitigate':
      oneOf(problems, f('mitigation'), value.mitigation, mitigations);
      if (value.target !== undefined) checkString(problems, f('target'), value.target, true);
      break;
    case 'escalate':
      checkString(problems, f('to'), value.to);
      checkString(problems, f('reason'), value.reason, true);
      break;
    case 'resolve':
      break;
    case 'note':
      checkString(problems, f('text'), value.text, true);
      break;
    case 'inject':
      checkString(problems, f('inject'), value.inject);
      break;
    default:
      problem(problems, f('kind'), 'an action kind (acknowledge, declare, set-severity, assign-role, status-update, diagnose, mitigate, escalate, resolve, note, inject)', value.kind);
  }
  return problems.length === before;
}

/** Checks a list of actions in time order. */
export function checkActions(problems: Problems, path: string, value: unknown): value is Action[] {
  if (!Array.isArray(value)) return problem(problems, path, 'a list of actions', value);
  const before = problems.length;
  value.forEach((a, i) => checkAction(problems, `${path}[${i}]`, a));
  if (problems.length === before) {
    for (let i = 1; i < value.length; i++) {
      if ((value[i] as Action).at < (value[i - 1] as Action).at) {
        problems.push(`${path}[${i}].at must not be earlier than the action before it (${(value[i - 1] as Action).at})`);
        break;
      }
    }
  }
  return problems.length === before;
}
