import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getInitialSnapshot, getNextSnapshot } from 'xstate';
import { describe, expect, it } from 'vitest';
import { blankPostMortem, type PostMortem } from './document';
import { applyEdit, nextWhyQuestion } from './editor';
import { currentDocument, postmortemMachine, type PostMortemEvent } from './machine';
import { parseRunResultText } from './run-result';

const run = parseRunResultText(readFileSync(join(import.meta.dirname, 'fixtures', 'run-result.json'), 'utf8'));
if (!run.ok) throw new Error('fixture');

function drive(...events: PostMortemEvent[]) {
  let s = getInitialSnapshot(postmortemMachine, {});
  for (const e of events) s = getNextSnapshot(postmortemMachine, s, e);
  return s;
}

describe('the post-mortem machine', () => {
  it('ignores edits until the saved list is loaded, so a save cannot overwrite it', () => {
    const s = drive({ type: 'new' });
    expect(s.value).toBe('loading');
    expect(s.context.documents).toEqual([]);
  });

  it('opens the first saved post-mortem, edits it and keeps the others', () => {
    const s = drive(
      { type: 'documents.load', today: '2024-03-01', documents: [blankPostMortem('pm-1', '2024-01-01'), blankPostMortem('pm-2', '2024-01-02')] },
      { type: 'open', id: 'pm-2' },
      { type: 'edit', edit: { type: 'text', field: 'title', value: 'Second' } },
    );
    expect(s.context.documents.map((d) => d.title)).toEqual(['', 'Second']);
    expect(s.context.notice).toBe('Opened untitled post-mortem.');
  });

  it('prefills a new post-mortem from a run, with a new id', () => {
    const s = drive({ type: 'documents.load', today: '2024-03-01', documents: [blankPostMortem('pm-1', '2024-01-01')] }, { type: 'prefill', result: run.value, from: 'run-result.json' });
    expect(s.context.currentId).toBe('pm-2');
    expect(currentDocument(s.context)?.title).toBe('Primary database outage');
    expect(s.context.notice).toBe(
      'New post-mortem prefilled from run-result.json: Primary database outage (team blue, seed 42): detect 3 min, recover 21 min, resolve 30 min.',
    );
  });

  it('asks before deleting, and never reuses a deleted id', () => {
    let s = drive({ type: 'documents.load', today: '2024-03-01', documents: [blankPostMortem('pm-1', '2024-01-01')] }, { type: 'new' }, { type: 'delete.request' });
    expect(s.value).toEqual({ ready: 'confirmingDelete' });
    s = getNextSnapshot(postmortemMachine, s, { type: 'delete.cancel' });
    expect(s.context.documents).toHaveLength(2);
    s = getNextSnapshot(postmortemMachine, s, { type: 'delete.request' });
    s = getNextSnapshot(postmortemMachine, s, { type: 'delete.confirm' });
    expect(s.context.documents.map((d) => d.id)).toEqual(['pm-1']);
    expect(s.context.deletedIds).toEqual(['pm-2']);
    s = getNextSnapshot(postmortemMachine, s, { type: 'new' });
    expect(s.context.currentId).toBe('pm-3');
  });

  it('keeps the last valid today and says why a bad one was refused', () => {
    const s = drive({ type: 'documents.load', today: '2024-03-01', documents: [] }, { type: 'today.set', value: '2024-02-30' });
    expect(s.context.today).toBe('2024-03-01');
    expect(s.context.todayError).toBe('"2024-02-30" is not a date: the tracker keeps the last valid day');
    expect(getNextSnapshot(postmortemMachine, s, { type: 'today.set', value: '2024-03-09' }).context).toMatchObject({ today: '2024-03-09', todayError: null });
  });

  it('marks an item done on the tracker day, and reopening clears the date', () => {
    const s = drive(
      { type: 'documents.load', today: '2024-03-01', documents: [] },
      { type: 'new' },
      { type: 'edit', edit: { type: 'action.add' } },
      { type: 'today.set', value: '2024-03-04' },
      { type: 'edit', edit: { type: 'action.status', index: 0, done: true, today: '2024-03-04' } },
    );
    expect(currentDocument(s.context)?.actionItems[0]).toMatchObject({ status: 'done', doneDate: '2024-03-04' });
    const reopened = getNextSnapshot(postmortemMachine, s, { type: 'edit', edit: { type: 'action.status', index: 0, done: false, today: '2024-03-04' } });
    expect(currentDocument(reopened.context)?.actionItems[0]).toMatchObject({ status: 'open', doneDate: '' });
  });

  it('reports a failed import without touching the documents', () => {
    const s = drive({ type: 'documents.load', today: '2024-03-01', documents: [] }, { type: 'import.failed', file: 'x.json', errors: ['not valid JSON: oops'] });
    expect(s.context.importErrors).toEqual({ file: 'x.json', errors: ['not valid JSON: oops'] });
    expect(s.context.documents).toEqual([]);
  });
});

describe('editing a document', () => {
  it('asks each new why of the previous answer, and stops at five', () => {
    let doc: PostMortem = { ...blankPostMortem('pm-1', '2024-01-01'), factors: [{ id: 'F1', description: 'Pool exhausted.', category: 'technology', whys: [], evidence: '' }] };
    for (let i = 0; i < 5; i++) {
      const r = applyEdit(doc, { type: 'why.add', factor: 0 });
      if (!r.ok) throw new Error(r.reason);
      doc = r.doc;
      const answered = applyEdit(doc, { type: 'why.edit', factor: 0, index: i, field: 'because', value: `answer ${i + 1}` });
      if (!answered.ok) throw new Error(answered.reason);
      doc = answered.doc;
    }
    expect(doc.factors[0]!.whys.map((w) => w.why)).toEqual(['Why? Pool exhausted', 'Why? answer 1', 'Why? answer 2', 'Why? answer 3', 'Why? answer 4']);
    expect(applyEdit(doc, { type: 'why.add', factor: 0 })).toEqual({ ok: false, reason: expect.stringContaining('Five whys is the most') });
    expect(nextWhyQuestion('')).toBe('Why?');
  });

  it('removing a factor or a went-wrong item removes it from the action items that answered it', () => {
    let doc = blankPostMortem('pm-1', '2024-01-01');
    for (const edit of [{ type: 'factor.add' }, { type: 'wrong.add' }, { type: 'action.add' }] as const) {
      const r = applyEdit(doc, edit);
      if (r.ok) doc = r.doc;
    }
    for (const id of ['F1', 'W1']) {
      const r = applyEdit(doc, { type: 'action.addresses', index: 0, id, answers: true });
      if (r.ok) doc = r.doc;
    }
    expect(doc.actionItems[0]!.addresses).toEqual(['F1', 'W1']);
    const r = applyEdit(doc, { type: 'factor.remove', index: 0 });
    expect(r.ok && r.doc.actionItems[0]!.addresses).toEqual(['W1']);
  });
});
