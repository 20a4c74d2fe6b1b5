/**
 * The post-mortem editor's state machine: the list of post-mortems in this browser, the one open,
 * the tracker's "today" and scope, and a delete that asks for confirmation. It waits in `loading`
 * until the view has read the saved list, so a save can never overwrite it with an empty one.
 * Every change to a document goes through the pure `applyEdit`.
 */
import { assign, setup } from 'xstate';
import type { RunResult } from '../incident/contract';
import { isDate } from './dates';
import { blankPostMortem, nextId, type PostMortem } from './document';
import { applyEdit, type Edit } from './editor';
import { fromRunResult, runHeadline } from './run-result';

/** Which action items the tracker counts. */
export type TrackerScope = 'this' | 'all';

/** The machine's context. */
export interface PostMortemContext {
  documents: PostMortem[];
  currentId: string | null;
  /** Documents deleted in this tab, so a save removes them from storage too. */
  deletedIds: string[];
  /** The tracker's day, `YYYY-MM-DD` (the view passes the real date at start). */
  today: string;
  todayError: string | null;
  scope: TrackerScope;
  /** The last change worth announcing (opened, prefilled, deleted...). */
  notice: string | null;
  /** Why the last edit was refused. */
  refusal: string | null;
  /** Problems of the last file that could not be imported. */
  importErrors: { file: string; errors: string[] } | null;
}

/** Events the view sends. */
export type PostMortemEvent =
  | { type: 'documents.load'; documents: PostMortem[]; today: string }
  | { type: 'new' }
  | { type: 'open'; id: string }
  | { type: 'edit'; edit: Edit }
  | { type: 'prefill'; result: RunResult; from: string }
  | { type: 'import.postmortem'; postmortem: PostMortem; file: string }
  | { type: 'import.failed'; file: string; errors: string[] }
  | { type: 'today.set'; value: string }
  | { type: 'scope.set'; scope: TrackerScope }
  | { type: 'delete.request' }
  | { type: 'delete.confirm' }
  | { type: 'delete.cancel' };

/** What the machine starts from. The real "today" arrives with `documents.load`, after mount. */
export interface PostMortemInput {
  today?: string;
}

/** The open post-mortem, if any. */
export const currentDocument = (context: PostMortemContext): PostMortem | undefined => context.documents.find((d) => d.id === context.currentId);

const newDocId = (context: PostMortemContext) => nextId('pm-', [...context.documents.map((d) => d.id), ...context.deletedIds]);
const label = (doc: PostMortem) => doc.title.trim() || doc.incidentId.trim() || 'untitled post-mortem';

/** The post-mortem editor. */
export const postmortemMachine = setup({
  types: {
    context: {} as PostMortemContext,
    events: {} as PostMortemEvent,
    input: {} as PostMortemInput,
  },
  guards: {
    hasCurrent: ({ context }) => currentDocument(context) !== undefined,
  },
  actions: {
    load: assign(({ event }) => {
      if (event.type !== 'documents.load') return {};
      return { documents: event.documents, currentId: event.documents[0]?.id ?? null, ...(isDate(event.today) ? { today: event.today } : {}) };
    }),
    create: assign(({ context }) => {
      const doc = blankPostMortem(newDocId(context), context.today);
      return { documents: [...context.documents, doc], currentId: doc.id, notice: 'Started a new, empty post-mortem.', refusal: null };
    }),
    open: assign(({ context, event }) => {
      if (event.type !== 'open') return {};
      const doc = context.documents.find((d) => d.id === event.id);
      return doc ? { currentId: doc.id, notice: `Opened ${label(doc)}.`, refusal: null } : {};
    }),
    edit: assign(({ context, event }) => {
      if (event.type !== 'edit') return {};
      const doc = currentDocument(context);
      if (!doc) return {};
      const result = applyEdit(doc, event.edit);
      if (!result.ok) return { refusal: result.reason };
      return { documents: context.documents.map((d) => (d.id === doc.id ? result.doc : d)), refusal: null };
    }),
    prefill: assign(({ context, event }) => {
      if (event.type !== 'prefill') return {};
      const doc = fromRunResult(event.result, newDocId(context), context.today);
      return {
        documents: [...context.documents, doc],
        currentId: doc.id,
        importErrors: null,
        refusal: null,
        notice: `New post-mortem prefilled from ${event.from}: ${runHeadline(event.result)}.`,
      };
    }),
    importPostMortem: assign(({ context, event }) => {
      if (event.type !== 'import.postmortem') return {};
      // An imported copy never replaces a document here: it gets its own id.
      const doc = { ...event.postmortem, id: newDocId(context) };
      return { documents: [...context.documents, doc], currentId: doc.id, importErrors: null, notice: `Imported ${label(doc)} from ${event.file}.` };
    }),
    importFailed: assign(({ event }) => (event.type === 'import.failed' ? { importErrors: { file: event.file, errors: event.errors } } : {})),
    setToday: assign(({ event }) => {
      if (event.type !== 'today.set') return {};
      if (!isDate(event.value)) return { todayError: `"${event.value}" is not a date: the tracker keeps the last valid day` };
      return { today: event.value.trim(), todayError: null };
    }),
    setScope: assign(({ event }) => (event.type === 'scope.set' ? { scope: event.scope } : {})),
    remove: assign(({ context }) => {
      const doc = currentDocument(context);
      if (!doc) return {};
      const documents = context.documents.filter((d) => d.id !== doc.id);
      return { documents, deletedIds: [...context.deletedIds, doc.id], currentId: documents[0]?.id ?? null, notice: `Deleted ${label(doc)}.` };
    }),
  },
}).createMachine({
  id: 'postmortem',
  context: ({ input }) => ({
    documents: [],
    currentId: null,
    deletedIds: [],
    today: input.today ?? '1970-01-01',
    todayError: null,
    scope: 'this',
    notice: null,
    refusal: null,
    importErrors: null,
  }),
  initial: 'loading',
  states: {
    loading: {
      on: { 'documents.load': { target: 'ready', actions: 'load' } },
    },
    ready: {
      on: {
        new: { actions: 'create' },
        open: { actions: 'open' },
        edit: { actions: 'edit' },
        prefill: { actions: 'prefill' },
        'import.postmortem': { actions: 'importPostMortem' },
        'import.failed': { actions: 'importFailed' },
        'today.set': { actions: 'setToday' },
        'scope.set': { actions: 'setScope' },
      },
      initial: 'editing',
      states: {
        editing: {
          on: { 'delete.request': { guard: 'hasCurrent', target: 'confirmingDelete' } },
        },
        confirmingDelete: {
          on: {
            'delete.confirm': { target: 'editing', actions: 'remove' },
            'delete.cancel': { target: 'editing' },
            open: { target: 'editing', actions: 'open' },
            new: { target: 'editing', actions: 'create' },
            prefill: { target: 'editing', actions: 'prefill' },
            'import.postmortem': { target: 'editing', actions: 'importPostMortem' },
          },
        },
      },
    },
  },
});
