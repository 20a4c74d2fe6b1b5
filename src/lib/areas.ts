import { emptyProgress, parseProgress, type ProgressState } from './progress';
import type { StoredArea } from './storage';

/** Lesson visits and completions. */
export const progressArea: StoredArea<ProgressState> = {
  area: 'progress',
  version: 1,
  empty: emptyProgress,
  parse: parseProgress,
};

/** One consolidation answer. */
export interface ConsolidationNote {
  text: string;
  /** Last edit, ms since epoch. */
  savedAt: number;
}

/** The learner's consolidation answers, keyed by prompt id (`observability/explain-golden-signals`). */
export type ConsolidationNotes = Record<string, ConsolidationNote>;

/** Longest answer we keep per prompt (characters); longer text is refused, not cut. */
export const maxNoteLength = 20_000;

/** Consolidation prompt answers. */
export const notesArea: StoredArea<ConsolidationNotes> = {
  area: 'notes',
  version: 1,
  empty: () => ({}),
  parse(value) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { ok: false, error: 'expected an object keyed by prompt id' };
    }
    const notes: ConsolidationNotes = {};
    for (const [id, note] of Object.entries(value)) {
      // `__proto__` would set the object's prototype instead of storing an answer.
      if (id === '__proto__') return { ok: false, error: '"__proto__" is not a prompt id' };
      const n = note as Partial<ConsolidationNote> | null;
      if (typeof n !== 'object' || n === null || typeof n.text !== 'string' || typeof n.savedAt !== 'number') {
        return { ok: false, error: `answer "${id}" is not { text, savedAt }` };
      }
      notes[id] = { text: n.text, savedAt: n.savedAt };
    }
    return { ok: true, value: notes };
  },
};
