/**
 * Importing a progress file (the export of `transfer.ts`). An import is merged, never written over
 * what is here, and is all or nothing: every area of the file is validated first (nothing is
 * written if one is not), then the merged areas are written, and if the browser refuses one write
 * (storage full) the areas already written are put back as they were. The result says exactly
 * which happened. Every area the course stores has a rule here.
 */
import { mergeDrafts, mergeStatuses, draftsArea, exercisesArea, type ExerciseDrafts, type ExerciseStatuses } from '../../components/exercise/areas';
import { postmortemsArea, type PostMortemList } from '../../../simulations/postmortem/storage-area';
import { lastResultArea } from '../../../simulations/incident/result-store';
import { lastGameDayResultArea } from '../../../simulations/game-day/results';
import { liveGameArea } from '../../../simulations/game-day/sync';
import { runbookDraftArea } from '../../../simulations/runbook-automation/draft-area';
import { teamArea } from '../../../simulations/toil-roi/params';
import { notesArea, progressArea, type ConsolidationNotes } from '../areas';
import type { ProgressState } from '../progress';
import { inspectEnvelope, readArea, storageKey, unprotectedData, type KeyValueStore, type StoredArea } from '../storage';
import { mergeLogs, reviewLogArea, type ReviewLog } from './review-log';
import { settingsArea } from './schedule';
import { exportFormat, type ProgressExport } from './transfer';

/** Largest import accepted (characters): far above a real export (localStorage holds about 5 million). */
export const maxImportChars = 5_000_000;

/** Merges lesson progress: earliest first visit, latest last visit, completed if completed in either. */
function mergeProgress(a: ProgressState, b: ProgressState): ProgressState {
  const lessons = { ...a.lessons };
  for (const [id, p] of Object.entries(b.lessons)) {
    const q = Object.hasOwn(lessons, id) ? lessons[id] : undefined;
    lessons[id] = q
      ? {
          firstVisitedAt: Math.min(q.firstVisitedAt, p.firstVisitedAt),
          lastVisitedAt: Math.max(q.lastVisitedAt, p.lastVisitedAt),
          completedAt: q.completedAt === null ? p.completedAt : p.completedAt === null ? q.completedAt : Math.min(q.completedAt, p.completedAt),
        }
      : p;
  }
  return { lessons };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What an area's import rule sees: the value here (and whether one was stored), the file's, and the other areas of the file. */
interface MergeInput<T> {
  here: T;
  hereStored: boolean;
  incoming: T;
  now: number;
  /** The validated values of every area in the file, and the merged values decided so far, by area name. */
  file: Map<string, unknown>;
  merged: Map<string, unknown>;
}

/** How one area is imported: merged with what is here, described in words. */
interface ImportRule<T> {
  spec: StoredArea<T>;
  merge: (input: MergeInput<T>) => { value: T; summary: string };
}

/** One record (settings, a last result, a draft text): taken when none is stored here, else this browser's stays. */
function keepHereOrTake<T>(spec: StoredArea<T>, what: string): ImportRule<T> {
  return {
    spec,
    merge: ({ here, hereStored, incoming }) => {
      if (!hereStored) return { value: incoming, summary: `${what}: taken from the file` };
      if (same(here, incoming)) return { value: here, summary: `${what}: already the same here` };
      return { value: here, summary: `${what}: this browser's kept (the file's differs and was not applied)` };
    },
  };
}

/** Every area the course stores, in the order an import handles them (drafts before the results that depend on them). */
const importRules: ImportRule<any>[] = [
  {
    spec: reviewLogArea,
    merge: ({ here, incoming }: MergeInput<ReviewLog>) => {
      const value = mergeLogs(here, incoming);
      const added = value.entries.length - here.entries.length;
      return { value, summary: `reviews: ${added === 0 ? 'nothing new' : `${plural(added, 'new entry', 'new entries')}`} (${plural(value.entries.length, 'entry', 'entries')} in all)` };
    },
  },
  {
    spec: progressArea,
    merge: ({ here, incoming }: MergeInput<ProgressState>) => {
      const value = mergeProgress(here, incoming);
      const added = Object.keys(value.lessons).length - Object.keys(here.lessons).length;
      return { value, summary: `lesson progress: ${plural(Object.keys(value.lessons).length, 'lesson')} (${added} new here)` };
    },
  },
  {
    spec: notesArea,
    merge: ({ here, incoming }: MergeInput<ConsolidationNotes>) => {
      const value = { ...here };
      let added = 0;
      let differ = 0;
      for (const [id, note] of Object.entries(incoming)) {
        const mine = Object.hasOwn(here, id) ? here[id] : undefined;
        if (!mine) {
          value[id] = note;
          added += 1;
        } else if (mine.text !== note.text) differ += 1;
      }
      return { value, summary: `written answers: ${plural(added, 'added')}${differ ? `; ${plural(differ, 'answer')} written differently here kept as they are (the file's versions were not applied)` : ''}` };
    },
  },
  keepHereOrTake(settingsArea, 'drill settings'),
  {
    spec: draftsArea,
    merge: ({ here, incoming, now }: MergeInput<ExerciseDrafts>) => {
      const { drafts, counts } = mergeDrafts(here, incoming, now);
      const parts = [counts.added ? `${plural(counts.added, 'draft')} added` : '', counts.bothKept ? `${plural(counts.bothKept, 'exercise')} now keeping both versions (the newer one is in the editor; open the exercise for the other)` : '', counts.same ? `${counts.same} already the same` : ''];
      return { value: drafts, summary: `exercise drafts: ${parts.filter(Boolean).join(', ') || 'none in the file'}` };
    },
  },
  {
    spec: exercisesArea,
    merge: ({ here, incoming, now, file, merged }: MergeInput<ExerciseStatuses>) => {
      const drafts = { merged: (merged.get(draftsArea.area) as ExerciseDrafts | undefined) ?? {}, incoming: (file.get(draftsArea.area) as ExerciseDrafts | undefined) ?? {} };
      const { statuses, taken, notTaken } = mergeStatuses(here, incoming, drafts, now);
      const parts = [taken ? `${plural(taken, 'result')} of runs in another browser (marked as such)` : '', notTaken ? `${plural(notTaken, 'result')} not taken (older than this browser's, or for a draft that is not the current one)` : ''];
      return { value: statuses, summary: `exercise results: ${parts.filter(Boolean).join('; ') || 'nothing new'}` };
    },
  },
  {
    spec: postmortemsArea,
    merge: ({ here, incoming }: MergeInput<PostMortemList>) => {
      const documents = [...here.documents];
      let added = 0;
      let differ = 0;
      for (const doc of incoming.documents) {
        const mine = documents.find((d) => d.id === doc.id);
        if (!mine) {
          documents.push(doc);
          added += 1;
        } else if (!same(mine, doc)) differ += 1;
      }
      return { value: { documents }, summary: `post-mortems: ${plural(added, 'added')}${differ ? `; ${plural(differ, 'post-mortem')} edited differently here kept as they are (the file's versions were not applied)` : ''}` };
    },
  },
  keepHereOrTake(lastResultArea, 'last incident run'),
  keepHereOrTake(lastGameDayResultArea, 'last game-day result'),
  keepHereOrTake(runbookDraftArea, 'runbook draft'),
  keepHereOrTake(teamArea, 'toil team'),
];

/** Areas an import leaves alone on purpose, and why. */
const notImportable: Record<string, string> = {
  [liveGameArea.area]: 'the live game-day state belongs to the browser running the console',
};

/** The outcome of an import: what was merged (per area), or why nothing was. */
export type ImportResult = { ok: true; summary: string[]; leftOut: string[] } | { ok: false; error: string };

const nothing = 'Nothing was imported; the data in this browser is unchanged.';
const shorten = (text: string, max = 40) => (text.length > max ? `${text.slice(0, max)}…` : text);

/**
 * Imports an export file's text into the store: validates every area, merges each with what is
 * here, and writes all of them or none. Never throws.
 */
export function importProgress(store: KeyValueStore, text: string, now: number): ImportResult {
  try {
    return importChecked(store, text, now);
  } catch (error) {
    // Whatever slipped past the checks (say, a value nested too deeply to re-encode): nothing was written.
    if (error instanceof RangeError) return { ok: false, error: `This file holds data nested too deeply to read. ${nothing}` };
    return { ok: false, error: `This file could not be imported (${shorten(error instanceof Error ? error.message : String(error), 120)}). ${nothing}` };
  }
}

function importChecked(store: KeyValueStore, text: string, now: number): ImportResult {
  if (text.length > maxImportChars) return { ok: false, error: `This file holds ${text.length.toLocaleString('en')} characters; a progress file is far smaller (at most ${maxImportChars.toLocaleString('en')}). ${nothing}` };
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { ok: false, error: `This file is empty. ${nothing}` };
  let file: unknown;
  try {
    file = JSON.parse(body);
  } catch (e) {
    return { ok: false, error: `This is not a JSON file (${shorten(e instanceof Error ? e.message : String(e), 120)}). ${nothing}` };
  }
  const f = file as Partial<ProgressExport> | null;
  if (typeof f !== 'object' || f === null || Array.isArray(f) || f.format !== exportFormat) {
    return { ok: false, error: `This is not a Reliability Lab progress file (its "format" should be "${exportFormat}"). ${nothing}` };
  }
  if (f.version !== 1) return { ok: false, error: `This progress file is version ${shorten(JSON.stringify(f.version) ?? 'missing')}; this course reads version 1. ${nothing}` };
  if (typeof f.areas !== 'object' || f.areas === null || Array.isArray(f.areas)) return { ok: false, error: `This progress file has no "areas". ${nothing}` };

  // 1. Validate every area of the file, through the same checks that read browser storage.
  const incoming = new Map<string, unknown>();
  const leftOut: string[] = [];
  for (const [name, envelope] of Object.entries(f.areas)) {
    if (!/^[a-z0-9-]{1,40}$/.test(name)) return { ok: false, error: `The file has a part named "${shorten(name)}", which is not allowed. ${nothing}` };
    if (name in notImportable) {
      leftOut.push(`${name} (${notImportable[name]})`);
      continue;
    }
    const rule = importRules.find((r) => r.spec.area === name);
    if (!rule) {
      leftOut.push(`${name} (not a part of this version of the course)`);
      continue;
    }
    const checked = inspectEnvelope(envelope, rule.spec, { salvage: false, source: "The file's" });
    if (!checked.ok) return { ok: false, error: `${checked.message}. ${nothing}` };
    incoming.set(name, checked.value);
  }
  if (incoming.size === 0) {
    return { ok: false, error: `This file holds no progress this course can import${leftOut.length ? ` (left out: ${leftOut.join('; ')})` : ''}. ${nothing}` };
  }

  // 2. Merge each with what is here; unreadable data here must be copied before it can be merged over.
  const merged = new Map<string, unknown>();
  const plan: { name: string; value: string; summary: string }[] = [];
  for (const rule of importRules) {
    const name = rule.spec.area;
    if (!incoming.has(name)) continue;
    const key = storageKey(name);
    const raw = store.getItem(key);
    const here = readArea(store, rule.spec, now);
    if (here.problem && unprotectedData(store, rule.spec) !== null) {
      return { ok: false, error: `Your saved ${name} data in this browser could not be read, and storage is too full to keep a copy of it, so the import will not write over it. ${nothing}` };
    }
    const { value, summary } = rule.merge({ here: here.value, hereStored: raw !== null && !here.problem, incoming: incoming.get(name), now, file: incoming, merged });
    merged.set(name, value);
    plan.push({ name, value: JSON.stringify({ version: rule.spec.version, data: value }), summary });
  }

  // 3. Write them all, or put back what was written.
  const written: { key: string; before: string | null }[] = [];
  for (const { name, value } of plan) {
    const key = storageKey(name);
    const before = store.getItem(key);
    if (before === value) continue;
    try {
      store.setItem(key, value);
      written.push({ key, before });
    } catch (error) {
      const notRestored = rollBack(store, written);
      const why = error instanceof Error && /quota/i.test(`${error.name} ${error.message}`) ? "this browser's storage is full" : `the browser refused to save it (${shorten(error instanceof Error ? error.message : String(error), 120)})`;
      if (notRestored.length > 0) {
        return { ok: false, error: `The import stopped at ${name}: ${why}. Putting back ${notRestored.join(', ')} failed too, so those parts now hold the merged data (nothing was lost: it is this browser's data plus the file's).` };
      }
      return { ok: false, error: `The import stopped at ${name}: ${why} (about ${Math.ceil(value.length / 1024).toLocaleString('en')} KB needed for it). ${nothing}` };
    }
  }
  return { ok: true, summary: plan.map((p) => p.summary), leftOut };
}

/** Restores written keys to their earlier text (newest first); returns the keys it could not restore. */
function rollBack(store: KeyValueStore, written: { key: string; before: string | null }[]): string[] {
  const failed: string[] = [];
  for (const { key, before } of [...written].reverse()) {
    try {
      if (before === null) store.removeItem(key);
      else store.setItem(key, before);
    } catch {
      failed.push(key);
    }
  }
  return failed;
}
