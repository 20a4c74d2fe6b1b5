/**
 * Where the learner's runbook text is kept in the browser: an area of `src/lib/storage.ts`
 * (`rlab:runbook-draft`), versioned and validated like every other area, so a draft survives
 * reloads and parse errors, and damaged data is backed up and reported, never dropped.
 */
import type { StoredArea } from '../../src/lib/storage';
import { MAX_RUNBOOK_CHARS } from './format';

/** The saved draft. */
export interface RunbookDraft {
  text: string;
}

/** The runbook editor's draft. Text longer than the parser accepts is still kept (with room to spare). */
export const runbookDraftArea: StoredArea<RunbookDraft> = {
  area: 'runbook-draft',
  version: 1,
  empty: () => ({ text: '' }),
  parse(value) {
    if (typeof value !== 'object' || value === null || typeof (value as { text?: unknown }).text !== 'string') {
      return { ok: false, error: 'expected { text }' };
    }
    const text = (value as RunbookDraft).text;
    if (text.length > 5 * MAX_RUNBOOK_CHARS) return { ok: false, error: `the draft is longer than ${5 * MAX_RUNBOOK_CHARS} characters` };
    return { ok: true, value: { text } };
  },
};
