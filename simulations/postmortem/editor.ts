/**
 * The edits the post-mortem form makes, as one pure function: `applyEdit(doc, edit)` returns the new
 * document, or a reason the edit was refused (a list at its size limit). Removing a factor or a
 * went-wrong item also removes it from the action items that answered it, so no reference dangles.
 */
import {
  LIMITS,
  nextId,
  type ActionItem,
  type FactorCategory,
  type Impact,
  type PostMortem,
  type Priority,
  type TimelineLine,
  type WhyStep,
} from './document';
import type { Severity } from '../incident/contract';

/** Top-level text fields the form edits. */
export type TextField = 'title' | 'incidentId' | 'date' | 'facilitator' | 'participants' | 'summary';
/** Simple lists of text. */
export type TextList = 'wentWell' | 'lucky';
/** Text fields of an action item. */
export type ActionField = 'description' | 'owner' | 'dueDate' | 'doneDate' | 'successCriteria';

/** One change to a document. */
export type Edit =
  | { type: 'text'; field: TextField; value: string }
  | { type: 'severity'; value: Severity }
  | { type: 'impact'; field: keyof Impact; value: string }
  | { type: 'timeline.add' }
  | { type: 'timeline.remove'; index: number }
  | { type: 'timeline.edit'; index: number; field: keyof TimelineLine; value: string }
  | { type: 'factor.add' }
  | { type: 'factor.remove'; index: number }
  | { type: 'factor.edit'; index: number; field: 'description' | 'evidence'; value: string }
  | { type: 'factor.category'; index: number; value: FactorCategory }
  | { type: 'why.add'; factor: number }
  | { type: 'why.remove'; factor: number; index: number }
  | { type: 'why.edit'; factor: number; index: number; field: keyof WhyStep; value: string }
  | { type: 'list.add'; list: TextList }
  | { type: 'list.remove'; list: TextList; index: number }
  | { type: 'list.edit'; list: TextList; index: number; value: string }
  | { type: 'wrong.add' }
  | { type: 'wrong.remove'; index: number }
  | { type: 'wrong.edit'; index: number; value: string }
  | { type: 'action.add' }
  | { type: 'action.remove'; index: number }
  | { type: 'action.edit'; index: number; field: ActionField; value: string }
  | { type: 'action.priority'; index: number; value: Priority }
  | { type: 'action.status'; index: number; done: boolean; today: string }
  | { type: 'action.addresses'; index: number; id: string; answers: boolean };

/** The outcome of an edit. */
export type EditResult = { ok: true; doc: PostMortem } | { ok: false; reason: string };

const ok = (doc: PostMortem): EditResult => ({ ok: true, doc });
const full = (what: string, max: number): EditResult => ({ ok: false, reason: `${what} can have at most ${max} entries` });
const replaceAt = <T>(list: readonly T[], index: number, change: (item: T) => T): T[] => list.map((item, i) => (i === index ? change(item) : item));
const removeAt = <T>(list: readonly T[], index: number): T[] => list.filter((_, i) => i !== index);
const dropReference = (items: readonly ActionItem[], id: string | undefined) => (id === undefined ? [...items] : items.map((a) => ({ ...a, addresses: a.addresses.filter((r) => r !== id) })));

/** The question a new why-step asks: of the last answer, or of the factor itself. */
export function nextWhyQuestion(previousAnswer: string): string {
  const t = previousAnswer.trim().replace(/[.?!]+$/, '');
  return t === '' ? 'Why?' : `Why? ${t}`;
}

/** Applies one edit. Indices out of range leave the document as it was. */
export function applyEdit(doc: PostMortem, edit: Edit): EditResult {
  switch (edit.type) {
    case 'text':
      return ok({ ...doc, [edit.field]: edit.value });
    case 'severity':
      return ok({ ...doc, severity: edit.value });
    case 'impact':
      return ok({ ...doc, impact: { ...doc.impact, [edit.field]: edit.value } });
    case 'timeline.add': {
      if (doc.timeline.length >= LIMITS.timeline) return full('The timeline', LIMITS.timeline);
      const last = doc.timeline[doc.timeline.length - 1];
      return ok({ ...doc, timeline: [...doc.timeline, { minute: last?.minute ?? '0', event: '', source: '' }] });
    }
    case 'timeline.remove':
      return ok({ ...doc, timeline: removeAt(doc.timeline, edit.index) });
    case 'timeline.edit':
      return ok({ ...doc, timeline: replaceAt(doc.timeline, edit.index, (t) => ({ ...t, [edit.field]: edit.value })) });
    case 'factor.add': {
      if (doc.factors.length >= LIMITS.factors) return full('Contributing factors', LIMITS.factors);
      const id = nextId('F', doc.factors.map((f) => f.id));
      return ok({ ...doc, factors: [...doc.factors, { id, description: '', category: 'technology', whys: [], evidence: '' }] });
    }
    case 'factor.remove': {
      const id = doc.factors[edit.index]?.id;
      return ok({ ...doc, factors: removeAt(doc.factors, edit.index), actionItems: dropReference(doc.actionItems, id) });
    }
    case 'factor.edit':
      return ok({ ...doc, factors: replaceAt(doc.factors, edit.index, (f) => ({ ...f, [edit.field]: edit.value })) });
    case 'factor.category':
      return ok({ ...doc, factors: replaceAt(doc.factors, edit.index, (f) => ({ ...f, category: edit.value })) });
    case 'why.add': {
      const factor = doc.factors[edit.factor];
      if (!factor) return ok(doc);
      if (factor.whys.length >= LIMITS.whys) return { ok: false, reason: `Five whys is the most this editor keeps per factor: stop at something you can change, or start another branch` };
      const previous = factor.whys[factor.whys.length - 1]?.because ?? factor.description;
      return ok({ ...doc, factors: replaceAt(doc.factors, edit.factor, (f) => ({ ...f, whys: [...f.whys, { why: nextWhyQuestion(previous), because: '' }] })) });
    }
    case 'why.remove':
      return ok({ ...doc, factors: replaceAt(doc.factors, edit.factor, (f) => ({ ...f, whys: removeAt(f.whys, edit.index) })) });
    case 'why.edit':
      return ok({
        ...doc,
        factors: replaceAt(doc.factors, edit.factor, (f) => ({ ...f, whys: replaceAt(f.whys, edit.index, (w) => ({ ...w, [edit.field]: edit.value })) })),
      });
    case 'list.add':
      if (doc[edit.list].length >= LIMITS.listItems) return full(edit.list === 'wentWell' ? 'What went well' : 'Where we got lucky', LIMITS.listItems);
      return ok({ ...doc, [edit.list]: [...doc[edit.list], ''] });
    case 'list.remove':
      return ok({ ...doc, [edit.list]: removeAt(doc[edit.list], edit.index) });
    case 'list.edit':
      return ok({ ...doc, [edit.list]: replaceAt(doc[edit.list], edit.index, () => edit.value) });
    case 'wrong.add': {
      if (doc.wentWrong.length >= LIMITS.listItems) return full('What went wrong', LIMITS.listItems);
      const id = nextId('W', doc.wentWrong.map((w) => w.id));
      return ok({ ...doc, wentWrong: [...doc.wentWrong, { id, text: '' }] });
    }
    case 'wrong.remove': {
      const id = doc.wentWrong[edit.index]?.id;
      return ok({ ...doc, wentWrong: removeAt(doc.wentWrong, edit.index), actionItems: dropReference(doc.actionItems, id) });
    }
    case 'wrong.edit':
      return ok({ ...doc, wentWrong: replaceAt(doc.wentWrong, edit.index, (w) => ({ ...w, text: edit.value })) });
    case 'action.add': {
      if (doc.actionItems.length >= LIMITS.actionItems) return full('Action items', LIMITS.actionItems);
      const id = nextId('A', doc.actionItems.map((a) => a.id));
      const item: ActionItem = { id, description: '', owner: '', priority: 'P1', dueDate: '', status: 'open', doneDate: '', successCriteria: '', addresses: [] };
      return ok({ ...doc, actionItems: [...doc.actionItems, item] });
    }
    case 'action.remove':
      return ok({ ...doc, actionItems: removeAt(doc.actionItems, edit.index) });
    case 'action.edit':
      return ok({ ...doc, actionItems: replaceAt(doc.actionItems, edit.index, (a) => ({ ...a, [edit.field]: edit.value })) });
    case 'action.priority':
      return ok({ ...doc, actionItems: replaceAt(doc.actionItems, edit.index, (a) => ({ ...a, priority: edit.value })) });
    case 'action.status':
      // Done today unless a done date was already typed; reopening clears it.
      return ok({
        ...doc,
        actionItems: replaceAt(doc.actionItems, edit.index, (a) =>
          edit.done ? { ...a, status: 'done', doneDate: a.doneDate.trim() || edit.today } : { ...a, status: 'open', doneDate: '' },
        ),
      });
    case 'action.addresses':
      return ok({
        ...doc,
        actionItems: replaceAt(doc.actionItems, edit.index, (a) => {
          const others = a.addresses.filter((r) => r !== edit.id);
          return { ...a, addresses: edit.answers ? [...others, edit.id] : others };
        }),
      });
  }
}
