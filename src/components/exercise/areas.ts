/**
 * The exercise storage areas (read and written through `src/lib/storage.ts`, like every area):
 * `exercise-drafts` keeps each exercise's draft code and run count, `exercises` each exercise's
 * last result, read by lessons, the exercise list and the home page. Pure: no DOM.
 */
import { memoryStore, readArea, storageKey, type KeyValueStore, type StoredArea } from '../../lib/storage';

/** Another version of a draft, kept when an import met a different draft of the same exercise. */
export interface OtherDraftVersion {
  /** The code. */
  code: string;
  /** Its last edit, ms since epoch. */
  savedAt: number;
  /** Where it came from: an imported file, or this browser (when the imported draft was newer). */
  from: 'import' | 'this-browser';
  /** When the import that set it aside happened, ms since epoch. */
  keptAt: number;
}

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
  /** Other versions of this draft (from imports), newest first; absent when there are none. */
  others?: OtherDraftVersion[];
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
  /** Set when this run happened in another browser and came in with an import (when it was imported, ms since epoch). */
  importedAt?: number;
}

/** Last runs keyed by exercise id. */
export type ExerciseStatuses = Record<string, ExerciseStatus>;

/** Longest draft kept (characters); a longer one is refused with a notice, never cut. */
export const maxDraftLength = 200_000;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Ids that are stored as object keys: `__proto__` would not survive as one. */
const badId = (id: string) => id === '__proto__' || id.length > 200;

/** Checks the other versions of a draft; the problem as text, or null. */
function othersProblem(value: unknown): string | null {
  if (value === undefined) return null;
  if (!Array.isArray(value)) return 'has other versions that are not a list';
  for (const o of value) {
    if (!isRecord(o) || typeof o.code !== 'string' || !isTime(o.savedAt) || !isTime(o.keptAt) || (o.from !== 'import' && o.from !== 'this-browser')) {
      return 'has an other version that is not { code, savedAt, from, keptAt }';
    }
    if (o.code.length > maxDraftLength) return `has an other version longer than ${maxDraftLength} characters`;
  }
  return null;
}

/** A draft with only the known fields (and `others` only when there are some). */
function cleanDraft(d: ExerciseDraft): ExerciseDraft {
  const out: ExerciseDraft = { code: d.code, savedAt: d.savedAt, failedRuns: d.failedRuns, solutionSeen: d.solutionSeen };
  if (d.others && d.others.length > 0) out.others = d.others.map((o) => ({ code: o.code, savedAt: o.savedAt, from: o.from, keptAt: o.keptAt }));
  return out;
}

/** Checks one draft; the problem as text, or null when it is fine. */
function draftProblem(value: unknown): string | null {
  if (!isRecord(value)) return 'is not an object';
  if (typeof value.code !== 'string') return 'has no code';
  if (value.code.length > maxDraftLength) return `is longer than ${maxDraftLength} characters`;
  if (!isTime(value.savedAt)) return 'has no time';
  if (!isCount(value.failedRuns)) return 'has no run count';
  if (typeof value.solutionSeen !== 'boolean') return 'has no solutionSeen flag';
  return othersProblem(value.others);
}

/** Draft code per exercise. A damaged draft is set aside (backed up); the others are kept. */
export const draftsArea: StoredArea<ExerciseDrafts> = {
  area: 'exercise-drafts',
  // Version 2 added `others` (versions kept by an import); version 1 drafts are the same without it.
  version: 2,
  migrations: { 1: (data) => data },
  empty: () => ({}),
  parse(value) {
    if (!isRecord(value)) return { ok: false, error: 'expected an object keyed by exercise id' };
    const drafts: ExerciseDrafts = {};
    for (const [id, draft] of Object.entries(value)) {
      if (badId(id)) return { ok: false, error: `"${id.slice(0, 40)}" is not an exercise id` };
      const problem = draftProblem(draft);
      if (problem) return { ok: false, error: `the draft of "${id}" ${problem}` };
      drafts[id] = cleanDraft(draft as ExerciseDraft);
    }
    return { ok: true, value: drafts };
  },
  salvage(value) {
    if (!isRecord(value)) return null;
    const drafts: ExerciseDrafts = {};
    const lost: string[] = [];
    for (const [id, draft] of Object.entries(value)) {
      if (badId(id) || draftProblem(draft)) lost.push(id.slice(0, 40));
      else drafts[id] = cleanDraft(draft as ExerciseDraft);
    }
    if (Object.keys(drafts).length === 0) return null;
    return { value: drafts, setAside: `the draft${lost.length === 1 ? '' : 's'} of ${lost.map((id) => `"${id}"`).join(', ')}` };
  },
};

/** Each exercise's last result: `id -> { passed, total, at }`. */
export const exercisesArea: StoredArea<ExerciseStatuses> = {
  area: 'exercises',
  // Version 2 added `importedAt` (a run from another browser); version 1 results are the same without it.
  version: 2,
  migrations: { 1: (data) => data },
  empty: () => ({}),
  parse(value) {
    if (!isRecord(value)) return { ok: false, error: 'expected an object keyed by exercise id' };
    const out: ExerciseStatuses = {};
    for (const [id, s] of Object.entries(value)) {
      if (badId(id)) return { ok: false, error: `"${id.slice(0, 40)}" is not an exercise id` };
      if (!isRecord(s) || !isCount(s.passed) || !isCount(s.total) || s.passed > s.total || !isTime(s.at) || !(s.importedAt === undefined || isTime(s.importedAt))) {
        return { ok: false, error: `the result of "${id}" is not { passed, total, at }` };
      }
      out[id] = { passed: s.passed, total: s.total, at: s.at, ...(s.importedAt === undefined ? {} : { importedAt: s.importedAt }) };
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

/** A date as the learner reads it: "5 Jan 2026". */
export const shortDate = (ms: number) => new Date(ms).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/**
 * The standing as words: "Passed 7 of 7 visible tests", "In progress: 3 of 7 passed", "Not started";
 * a run from another browser says so ("... in another browser (imported 5 Jan 2026)").
 */
export function describeStanding(status: ExerciseStatus | undefined, hasDraft: boolean): string {
  const standing = standingOf(status, hasDraft);
  const where = status?.importedAt !== undefined ? ` in another browser (imported ${shortDate(status.importedAt)})` : '';
  if (standing === 'passed') return `Passed: ${status!.passed} of ${status!.total} visible tests${where}`;
  if (standing === 'in-progress') return status ? `In progress: ${status.passed} of ${status.total} visible tests pass${where}` : 'In progress: draft saved, not run yet';
  return 'Not started';
}

/** How an import changed the drafts: counts for the learner's message. */
export interface DraftMergeCounts {
  added: number;
  same: number;
  /** Exercises that now hold two versions (this browser's and the file's). */
  bothKept: number;
}

/** Unique by code, newest first, leaving out `except` (the current code). */
function uniqueVersions(versions: OtherDraftVersion[], except: string): OtherDraftVersion[] {
  const seen = new Set([except]);
  return [...versions]
    .sort((a, b) => b.savedAt - a.savedAt)
    .filter((v) => (seen.has(v.code) ? false : (seen.add(v.code), true)));
}

/**
 * Merges imported drafts into this browser's, never dropping code: an exercise with a draft on
 * one side takes it; with two different drafts, the newer edit becomes the draft and the other is
 * kept in `others` (reachable from the exercise page). Run counts take the larger, "solution seen" either.
 */
export function mergeDrafts(here: ExerciseDrafts, incoming: ExerciseDrafts, importedAt: number): { drafts: ExerciseDrafts; counts: DraftMergeCounts } {
  const drafts: ExerciseDrafts = { ...here };
  const counts: DraftMergeCounts = { added: 0, same: 0, bothKept: 0 };
  for (const [id, theirs] of Object.entries(incoming)) {
    const mine = Object.hasOwn(here, id) ? here[id] : undefined;
    if (!mine) {
      drafts[id] = theirs;
      counts.added += 1;
      continue;
    }
    const newer = theirs.savedAt > mine.savedAt ? theirs : mine;
    const older = newer === theirs ? mine : theirs;
    const set = (d: ExerciseDraft, from: OtherDraftVersion['from']): OtherDraftVersion[] => [{ code: d.code, savedAt: d.savedAt, from, keptAt: importedAt }, ...(d.others ?? [])];
    const others = uniqueVersions([...set(older, older === theirs ? 'import' : 'this-browser'), ...(newer.others ?? [])], newer.code);
    // An "other" already known here keeps its original origin and date.
    const known = new Map((mine.others ?? []).map((o) => [o.code, o]));
    const merged: ExerciseDraft = {
      code: newer.code,
      savedAt: newer.savedAt,
      failedRuns: Math.max(mine.failedRuns, theirs.failedRuns),
      solutionSeen: mine.solutionSeen || theirs.solutionSeen,
      ...(others.length > 0 ? { others: others.map((o) => known.get(o.code) ?? o) } : {}),
    };
    if (JSON.stringify(merged) === JSON.stringify(mine)) counts.same += 1;
    else counts.bothKept += 1;
    drafts[id] = merged;
  }
  return { drafts, counts };
}

/**
 * The draft one tab writes: its own code and counts, keeping every version that an import or
 * another tab stored meanwhile. `lastSeenCode` is the code this tab last read or wrote: stored
 * code that differs from both it and this tab's code came from elsewhere and becomes an other version.
 */
export function draftToSave(stored: ExerciseDraft | undefined, mine: ExerciseDraft, lastSeenCode: string | undefined, now: number): ExerciseDraft {
  if (!stored) return mine;
  const fromElsewhere: OtherDraftVersion[] =
    stored.code !== mine.code && stored.code !== lastSeenCode ? [{ code: stored.code, savedAt: stored.savedAt, from: 'this-browser', keptAt: now }] : [];
  const others = uniqueVersions([...(mine.others ?? []), ...(stored.others ?? []), ...fromElsewhere], mine.code);
  const out: ExerciseDraft = { code: mine.code, savedAt: mine.savedAt, failedRuns: Math.max(mine.failedRuns, stored.failedRuns), solutionSeen: mine.solutionSeen || stored.solutionSeen };
  if (others.length > 0) out.others = others;
  return out;
}

/** The draft with one of its other versions in the editor; the code it replaces becomes an other version. */
export function openOtherVersion(draft: ExerciseDraft, index: number, now: number): ExerciseDraft {
  const chosen = draft.others?.[index];
  if (!chosen) return draft;
  const others = uniqueVersions([{ code: draft.code, savedAt: draft.savedAt, from: 'this-browser', keptAt: now }, ...(draft.others ?? [])], chosen.code);
  return { ...draft, code: chosen.code, savedAt: now, others };
}

/** How an other version is named on the exercise page. */
export function describeOtherVersion(version: OtherDraftVersion): string {
  const lines = version.code.split('\n').length;
  const origin = version.from === 'import' ? `From an import (${shortDate(version.keptAt)})` : `Kept from this browser (${shortDate(version.keptAt)})`;
  return `${origin}: last edited ${shortDate(version.savedAt)}, ${lines} ${lines === 1 ? 'line' : 'lines'}`;
}

/**
 * Merges imported last runs into this browser's. A run from the file is taken only when it is
 * newer than this browser's and belongs to the draft that is now current (the imported one); it is
 * marked `importedAt`, so the page never claims a pass happened here when it did not.
 */
export function mergeStatuses(
  here: ExerciseStatuses,
  incoming: ExerciseStatuses,
  drafts: { merged: ExerciseDrafts; incoming: ExerciseDrafts },
  importedAt: number,
): { statuses: ExerciseStatuses; taken: number; notTaken: number } {
  const statuses: ExerciseStatuses = { ...here };
  let taken = 0;
  let notTaken = 0;
  for (const [id, theirs] of Object.entries(incoming)) {
    const mine = Object.hasOwn(here, id) ? here[id] : undefined;
    const draftIsTheirs = Object.hasOwn(drafts.incoming, id) && Object.hasOwn(drafts.merged, id) && drafts.merged[id]!.code === drafts.incoming[id]!.code;
    const theirsIsNewer = !mine || theirs.at > mine.at;
    if (theirsIsNewer && draftIsTheirs) {
      statuses[id] = { passed: theirs.passed, total: theirs.total, at: theirs.at, importedAt: theirs.importedAt ?? importedAt };
      taken += 1;
    } else if (!mine || mine.at !== theirs.at || mine.passed !== theirs.passed) {
      notTaken += 1;
    }
  }
  return { statuses, taken, notTaken };
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
