/**
 * The exercise storage areas (read and written through `src/lib/storage.ts`, like every area):
 * `exercise-drafts` keeps each exercise's draft code and run count, `exercises` each exercise's
 * last result, read by lessons, the exercise list and the home page. Pure: no DOM.
 */
import { memoryStore, readArea, storageKey, type KeyValueStore, type StoredArea } from '../../lib/storage';

/** One exercise's draft. */
export interface ExerciseDraft {
  /** The learner's code. */
  code: string;
  /** Last edit, ms since epoch. */
  savedAt: number;
  /** Runs that did not pass every visible test. */
  failedRuns: number;
  /** The learner has seen the solution. */
  solutionSeen: boolean;
}

/** Drafts keyed by exercise id. */
export type ExerciseDrafts = Record<string, ExerciseDraft>;

/** One exercise's last run. */
export interface ExerciseStatus {
  /** Visible tests passed in the last run. */
  passed: number;
  /** Visible tests in the last run. */
  total: number;
  /** When it ran, ms since epoch. */
  at: number;
}

/** Last runs keyed by exercise id. */
export type ExerciseStatuses = Record<string, ExerciseStatus>;

/** Longest draft kept (characters); a longer one is refused with a notice, never cut. */
export const maxDraftLength = 200_000;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** Checks one draft; the problem as text, or null when it is fine. */
function draftProblem(value: unknown): string | null {
  if (!isRecord(value)) return 'is not an object';
  if (typeof value.code !== 'string') return 'has no code';
  if (typeof value.savedAt !== 'number') return 'has no time';
  if (!isCount(value.failedRuns)) return 'has no run count';
  if (typeof value.solutionSeen !== 'boolean') return 'has no solutionSeen flag';
  return null;
}

/** Draft code per exercise. A damaged draft is set aside (backed up); the others are kept. */
export const draftsArea: StoredArea<ExerciseDrafts> = {
  area: 'exercise-drafts',
  version: 1,
  empty: () => ({}),
  parse(value) {
    if (!isRecord(value)) return { ok: false, error: 'expected an object keyed by exercise id' };
    const drafts: ExerciseDrafts = {};
    for (const [id, draft] of Object.entries(value)) {
      const problem = draftProblem(draft);
      if (problem) return { ok: false, error: `the draft of "${id}" ${problem}` };
      const d = draft as ExerciseDraft;
      drafts[id] = { code: d.code, savedAt: d.savedAt, failedRuns: d.failedRuns, solutionSeen: d.solutionSeen };
    }
    return { ok: true, value: drafts };
  },
  salvage(value) {
    if (!isRecord(value)) return null;
    const drafts: ExerciseDrafts = {};
    const lost: string[] = [];
    for (const [id, draft] of Object.entries(value)) {
      if (draftProblem(draft)) lost.push(id);
      else drafts[id] = draft as ExerciseDraft;
    }
    if (Object.keys(drafts).length === 0) return null;
    return { value: drafts, setAside: `the draft${lost.length === 1 ? '' : 's'} of ${lost.map((id) => `"${id}"`).join(', ')}` };
  },
};

/** Each exercise's last result: `id -> { passed, total, at }`. */
export const exercisesArea: StoredArea<ExerciseStatuses> = {
  area: 'exercises',
  version: 1,
  empty: () => ({}),
  parse(value) {
    if (!isRecord(value)) return { ok: false, error: 'expected an object keyed by exercise id' };
    const out: ExerciseStatuses = {};
    for (const [id, s] of Object.entries(value)) {
      if (!isRecord(s) || !isCount(s.passed) || !isCount(s.total) || s.passed > s.total || typeof s.at !== 'number') {
        return { ok: false, error: `the result of "${id}" is not { passed, total, at }` };
      }
      out[id] = { passed: s.passed, total: s.total, at: s.at };
    }
    return { ok: true, value: out };
  },
};

/** A fresh draft of the starter code. */
export function newDraft(starter: string, now: number): ExerciseDraft {
  return { code: starter, savedAt: now, failedRuns: 0, solutionSeen: false };
}

/** Returns `drafts` with one draft replaced (the others untouched, for writers that re-read first). */
export function withDraft(drafts: ExerciseDrafts, id: string, draft: ExerciseDraft): ExerciseDrafts {
  return { ...drafts, [id]: draft };
}

/** How an exercise stands, for lists and cards. */
export type ExerciseStanding = 'not-started' | 'in-progress' | 'passed';

/** The standing from the last result and whether a draft exists. */
export function standingOf(status: ExerciseStatus | undefined, hasDraft: boolean): ExerciseStanding {
  if (status && status.total > 0 && status.passed === status.total) return 'passed';
  if (status || hasDraft) return 'in-progress';
  return 'not-started';
}

/** The standing as words: "Passed 7 of 7 visible tests", "In progress: 3 of 7 passed", "Not started". */
export function describeStanding(status: ExerciseStatus | undefined, hasDraft: boolean): string {
  const standing = standingOf(status, hasDraft);
  if (standing === 'passed') return `Passed: ${status!.passed} of ${status!.total} visible tests`;
  if (standing === 'in-progress') return status ? `In progress: ${status.passed} of ${status.total} visible tests pass` : 'In progress: draft saved, not run yet';
  return 'Not started';
}

/**
 * Reads an area without side effects: no backup, no notice. For second readers on a page (a
 * status line, a writer re-reading before it writes) after the page's first `load()` has already
 * backed up and reported damaged data. Damaged or unreadable data reads as `fallback`.
 */
export function peekArea<T>(store: KeyValueStore, spec: StoredArea<T>, fallback: T): T {
  const key = storageKey(spec.area);
  let raw: string | null;
  try {
    raw = store.getItem(key);
  } catch {
    return fallback;
  }
  if (raw === null) return spec.empty();
  const result = readArea(memoryStore({ [key]: raw }), spec, 0);
  return result.problem ? fallback : result.value;
}
