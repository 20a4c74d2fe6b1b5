/**
 * The toil-roi simulator's inputs: validation of a team (from a JSON file, saved storage or the
 * form) with messages that name the path of each problem, the form's text drafts, the short
 * settings kept in the page URL, the stored-team area, and the equivalent `rlab toil` command.
 */
import type { StoredArea } from '../../src/lib/storage';
import { clip, parseJsonText, quote } from '../core/input';
import { PLAN_ORDERS, PLAN_SCHEDULES, SOURCE_HOURLY_COST, SOURCE_TEAM, type PlanOrder, type PlanSchedule, type Team } from './model';

/** At most this many people in a team. */
export const MAX_PEOPLE = 20;
/** At most this many tasks per person. */
export const MAX_TASKS = 12;
/** Hours in a week: no one works or toils more. */
export const HOURS_PER_WEEK = 168;
/** Longest name or activity id accepted (characters). */
export const MAX_NAME_LENGTH = 60;
/** Highest loaded hourly cost accepted, in dollars. */
export const MAX_HOURLY_COST = 10_000;

/** One problem in a team, with where it is (`people[1].tasks[0].hoursPerWeek`). */
export interface TeamIssue {
  path: string;
  /** A full sentence that starts with the path. */
  message: string;
}

/** A team that passed validation, or every problem found. */
export type TeamCheck = { ok: true; team: Team } | { ok: false; issues: TeamIssue[] };

const describe = (value: unknown): string => {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value === 'string' ? quote(value) : JSON.stringify(value);
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const ACTIVITY_PATTERN = /^[A-Za-z][A-Za-z0-9 _-]*$/;

/**
 * Checks anything (parsed JSON, stored data, the form's values) against the team format:
 * `{ "people": [{ "name", "totalWorkHours", "tasks": [{ "activity", "hoursPerWeek" }] }] }`.
 * Reports every problem, each naming its path; unknown fields are problems too (nothing is ignored).
 */
export function validateTeam(input: unknown): TeamCheck {
  const issues: TeamIssue[] = [];
  const add = (path: string, text: string) => issues.push({ path, message: `${path} ${text}` });
  if (!isObject(input)) {
    issues.push({ path: '(root)', message: `the team must be an object like {"people": [...]}, got ${describe(input)}` });
    return { ok: false, issues };
  }
  for (const key of Object.keys(input)) if (key !== 'people') add(clip(key), 'is not a known field (expected only "people")');
  const people = input.people;
  if (!Array.isArray(people)) {
    add('people', `must be an array of people, got ${describe(people)}`);
    return { ok: false, issues };
  }
  if (people.length === 0) add('people', 'must list at least one person');
  if (people.length > MAX_PEOPLE) add('people', `may list at most ${MAX_PEOPLE} people, got ${people.length}`);
  const team: Team = { people: [] };
  const names = new Map<string, number>();
  people.forEach((raw, i) => {
    const at = `people[${i}]`;
    if (!isObject(raw)) {
      add(at, `must be an object with name, totalWorkHours and tasks, got ${describe(raw)}`);
      return;
    }
    for (const key of Object.keys(raw)) if (!['name', 'totalWorkHours', 'tasks'].includes(key)) add(`${at}.${key}`, 'is not a known field (expected name, totalWorkHours, tasks)');
    const { name, totalWorkHours, tasks } = raw;
    let ok = true;
    if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_NAME_LENGTH) {
      add(`${at}.name`, `must be a non-empty text of at most ${MAX_NAME_LENGTH} characters, got ${describe(name)}`);
      ok = false;
    } else if (names.has(name.trim())) {
      add(`${at}.name`, `"${name.trim()}" is already used by people[${names.get(name.trim())}]`);
      ok = false;
    } else names.set(name.trim(), i);
    if (typeof totalWorkHours !== 'number' || !Number.isFinite(totalWorkHours) || totalWorkHours <= 0 || totalWorkHours > HOURS_PER_WEEK) {
      add(`${at}.totalWorkHours`, `must be a number greater than 0 and at most ${HOURS_PER_WEEK}, got ${describe(totalWorkHours)}`);
      ok = false;
    }
    if (!Array.isArray(tasks)) {
      add(`${at}.tasks`, `must be an array of tasks, got ${describe(tasks)}`);
      return;
    }
    if (tasks.length > MAX_TASKS) add(`${at}.tasks`, `may list at most ${MAX_TASKS} tasks, got ${tasks.length}`);
    const seen = new Map<string, number>();
    const checked: Team['people'][number]['tasks'] = [];
    tasks.forEach((task, k) => {
      const tat = `${at}.tasks[${k}]`;
      if (!isObject(task)) {
        add(tat, `must be an object with activity and hoursPerWeek, got ${describe(task)}`);
        ok = false;
        return;
      }
      for (const key of Object.keys(task)) if (!['activity', 'hoursPerWeek'].includes(key)) add(`${tat}.${key}`, 'is not a known field (expected activity, hoursPerWeek)');
      const { activity, hoursPerWeek } = task;
      if (typeof activity !== 'string' || !ACTIVITY_PATTERN.test(activity) || activity.length > MAX_NAME_LENGTH) {
        add(`${tat}.activity`, `must be an activity id such as "manualDeployments" (letters, digits, spaces, - and _), got ${describe(activity)}`);
        ok = false;
      } else if (seen.has(activity)) {
        add(`${tat}.activity`, `"${activity}" is already listed at ${at}.tasks[${seen.get(activity)}]`);
        ok = false;
      } else seen.set(activity, k);
      if (typeof hoursPerWeek !== 'number' || !Number.isFinite(hoursPerWeek) || hoursPerWeek < 0 || hoursPerWeek > HOURS_PER_WEEK) {
        add(`${tat}.hoursPerWeek`, `must be a non-negative number${typeof hoursPerWeek === 'number' && hoursPerWeek > HOURS_PER_WEEK ? ` of at most ${HOURS_PER_WEEK}` : ''}, got ${describe(hoursPerWeek)}`);
        ok = false;
      }
      if (typeof activity === 'string' && typeof hoursPerWeek === 'number') checked.push({ activity, hoursPerWeek });
    });
    if (!ok || typeof name !== 'string' || typeof totalWorkHours !== 'number') return;
    const toil = checked.reduce((s, t) => s + t.hoursPerWeek, 0);
    if (toil > totalWorkHours) add(`${at}.tasks`, `add up to ${toil} toil hours, more than the ${totalWorkHours} working hours of ${at}.totalWorkHours`);
    team.people.push({ name: name.trim(), totalWorkHours, tasks: checked });
  });
  return issues.length ? { ok: false, issues } : { ok: true, team };
}

/** Parses a team JSON text: syntax errors and format problems both come back as issues. */
export function parseTeamJson(text: string): TeamCheck {
  // BOM, depth, syntax position and non-finite numbers: the reader every rlab command shares.
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { ok: false, issues: [{ path: '(file)', message: `the file ${parsed.error}` }] };
  return validateTeam(parsed.value);
}

/** A team as pretty JSON, the format `rlab toil --input` reads. */
export const teamToJson = (team: Team): string => JSON.stringify(team, null, 2) + '\n';

/** A deep copy of the source's team. */
export const sourceTeam = (): Team => structuredClone(SOURCE_TEAM);

/** True when a team is exactly the source's. */
export const isSourceTeam = (team: Team): boolean => JSON.stringify(team) === JSON.stringify(SOURCE_TEAM);

// ---------------------------------------------------------------------------------------------
// The form's drafts: text as typed, so an invalid value stays visible next to its message

/** One task as typed in the form. */
export interface TaskDraft {
  activity: string;
  hoursPerWeek: string;
}

/** One person as typed in the form. */
export interface PersonDraft {
  name: string;
  totalWorkHours: string;
  tasks: TaskDraft[];
}

/** The team as typed in the form. */
export interface TeamDraft {
  people: PersonDraft[];
}

/** The form's text for a team. */
export function teamToDraft(team: Team): TeamDraft {
  return {
    people: team.people.map((p) => ({
      name: p.name,
      totalWorkHours: String(p.totalWorkHours),
      tasks: p.tasks.map((t) => ({ activity: t.activity, hoursPerWeek: String(t.hoursPerWeek) })),
    })),
  };
}

const NUMBER_TEXT = /^\s*-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?\s*$/i;
const numberOrText = (text: string): unknown => (text.trim() === '' ? undefined : NUMBER_TEXT.test(text) ? Number(text) : text);

/** Checks the form's text: numbers where numbers are expected, then the same rules as a file. */
export function checkDraft(draft: TeamDraft): TeamCheck {
  return validateTeam({
    people: draft.people.map((p) => ({
      name: p.name,
      totalWorkHours: numberOrText(p.totalWorkHours),
      tasks: p.tasks.map((t) => ({ activity: t.activity, hoursPerWeek: numberOrText(t.hoursPerWeek) })),
    })),
  });
}

// ---------------------------------------------------------------------------------------------
// Settings in the URL, and the equivalent command

/** The short settings a link carries (the team itself is saved in the browser). */
export interface ToilSettings {
  /** Loaded cost of an engineer hour, dollars. */
  hourlyCost: number;
  order: PlanOrder;
  schedule: PlanSchedule;
}

/** The source's settings. */
export const DEFAULT_SETTINGS: ToilSettings = { hourlyCost: SOURCE_HOURLY_COST, order: 'score', schedule: 'quarterly' };

/** Checks an hourly cost; returns a message naming the problem, or null. */
export function hourlyCostProblem(value: number): string | null {
  return Number.isFinite(value) && value > 0 && value <= MAX_HOURLY_COST ? null : `hourly cost must be a number of dollars above 0 and at most ${MAX_HOURLY_COST}, got ${describe(value)}`;
}

/** Reads the settings from a query string (keys prefixed with `prefix`); bad values are reported and skipped. */
export function settingsFromSearch(search: string, prefix = 'tr-'): { params: ToilSettings; problems: string[] } {
  const q = new URLSearchParams(search);
  const params: ToilSettings = { ...DEFAULT_SETTINGS };
  const problems: string[] = [];
  const cost = q.get(`${prefix}cost`);
  if (cost !== null) {
    const value = NUMBER_TEXT.test(cost) ? Number(cost) : NaN;
    const problem = hourlyCostProblem(value);
    if (problem) problems.push(`${prefix}cost "${cost}": ${problem.replace(/, got .*$/, '')}`);
    else params.hourlyCost = value;
  }
  const order = q.get(`${prefix}order`);
  if (order !== null) {
    if ((PLAN_ORDERS as readonly string[]).includes(order)) params.order = order as PlanOrder;
    else problems.push(`${prefix}order "${order}" must be one of ${PLAN_ORDERS.join(', ')}`);
  }
  const schedule = q.get(`${prefix}schedule`);
  if (schedule !== null) {
    if ((PLAN_SCHEDULES as readonly string[]).includes(schedule)) params.schedule = schedule as PlanSchedule;
    else problems.push(`${prefix}schedule "${schedule}" must be one of ${PLAN_SCHEDULES.join(', ')}`);
  }
  return { params, problems };
}

/** Writes the settings into a query string, keeping the page's other parameters. */
export function settingsToSearch(settings: ToilSettings, existing = '', prefix = 'tr-'): string {
  const q = new URLSearchParams(existing);
  q.set(`${prefix}cost`, String(settings.hourlyCost));
  q.set(`${prefix}order`, settings.order);
  q.set(`${prefix}schedule`, settings.schedule);
  return `?${q.toString()}`;
}

/** The `rlab toil` command that prints the same analysis (with the team saved as team.json unless it is the source's). */
export function cliCommand(settings: ToilSettings, team: Team): string {
  return [
    'npx rlab toil',
    ...(isSourceTeam(team) ? [] : ['--input team.json']),
    `--hourly-cost ${settings.hourlyCost}`,
    `--order ${settings.order}`,
    `--schedule ${settings.schedule}`,
  ].join(' ');
}

// ---------------------------------------------------------------------------------------------
// The learner's team in the browser's storage

/** The learner's edited team, saved through `src/lib/storage.ts` under `rlab:toil-roi-team`. */
export const teamArea: StoredArea<Team> = {
  area: 'toil-roi-team',
  version: 1,
  empty: sourceTeam,
  parse(value) {
    const checked = validateTeam(value);
    return checked.ok ? { ok: true, value: checked.team } : { ok: false, error: checked.issues.map((i) => i.message).join('; ') };
  },
};
