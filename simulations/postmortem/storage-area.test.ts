import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryStore, readArea, writeArea } from '../../src/lib/storage';
import { blankPostMortem } from './document';
import { fromRunResult, parseRunResultText } from './run-result';
import { mergeForSave, parseImportedFile, postMortemFile, postmortemsArea } from './storage-area';

const runText = readFileSync(join(import.meta.dirname, 'fixtures', 'run-result.json'), 'utf8');
const run = parseRunResultText(runText);
if (!run.ok) throw new Error('fixture');
const prefilled = fromRunResult(run.value, 'pm-1', '2030-01-01');
const NOW = 1_700_000_000_000;

describe('the postmortems storage area', () => {
  it('round-trips the list through the versioned envelope', () => {
    const store = memoryStore();
    const list = { documents: [prefilled, blankPostMortem('pm-2', '2024-03-01')] };
    expect(writeArea(store, postmortemsArea, list)).toBeUndefined();
    expect(JSON.parse(store.getItem('rlab:postmortems')!).version).toBe(1);
    expect(readArea(store, postmortemsArea, NOW)).toEqual({ value: list });
  });

  it('backs up data that is not JSON and starts afresh, reporting it', () => {
    const store = memoryStore({ 'rlab:postmortems': '{"version":1,"data":{"documents":[' });
    const read = readArea(store, postmortemsArea, NOW);
    expect(read.value).toEqual({ documents: [] });
    expect(read.problem).toEqual({ message: 'Saved postmortems data is not valid JSON', backupKey: `rlab:backup:postmortems:${NOW}`, raw: '{"version":1,"data":{"documents":[' });
    expect(store.getItem(`rlab:backup:postmortems:${NOW}`)).toBe('{"version":1,"data":{"documents":[');
  });

  it('keeps the readable post-mortems when one is damaged, and backs up the original', () => {
    const damaged = { ...blankPostMortem('pm-2', '2024-03-01'), actionItems: [{ id: 'A1', priority: 'P9' }] };
    const raw = JSON.stringify({ version: 1, data: { documents: [prefilled, damaged] } });
    const store = memoryStore({ 'rlab:postmortems': raw });
    const read = readArea(store, postmortemsArea, NOW);
    expect(read.value.documents.map((d) => d.id)).toEqual(['pm-1']);
    expect(read.problem?.message).toBe(
      'Saved postmortems data is damaged: documents[1].actionItems[0].description must be text; documents[1].actionItems[0].owner must be text; documents[1].actionItems[0].dueDate must be text. Kept the rest; 1 unreadable post-mortem set aside',
    );
    expect(store.getItem(`rlab:backup:postmortems:${NOW}`)).toBe(raw);
  });

  it('reports data from a newer version of the course instead of reading it', () => {
    const store = memoryStore({ 'rlab:postmortems': JSON.stringify({ version: 2, data: {} }) });
    expect(readArea(store, postmortemsArea, NOW).problem?.message).toBe('Saved postmortems data comes from a newer version (2) of the course');
  });
});

describe('saving from two tabs', () => {
  it("re-reads before writing: another tab's new post-mortem survives, deletions apply", () => {
    const a = blankPostMortem('pm-1', '2024-01-01');
    const b = blankPostMortem('pm-2', '2024-01-02');
    const fromOtherTab = blankPostMortem('pm-3', '2024-01-03');
    const mine = [{ ...a, title: 'edited here' }];
    expect(mergeForSave([a, b, fromOtherTab], mine, ['pm-2']).map((d) => [d.id, d.title])).toEqual([
      ['pm-1', 'edited here'],
      ['pm-3', ''],
    ]);
  });
});

describe('importing a file', () => {
  it('recognises an incident result and a post-mortem file', () => {
    expect(parseImportedFile(runText)).toMatchObject({ ok: true, value: { kind: 'run-result' } });
    const file = postMortemFile(prefilled);
    expect(parseImportedFile(file)).toEqual({ ok: true, value: { kind: 'postmortem', postmortem: prefilled } });
  });

  it('names the problem and its location', () => {
    expect(parseImportedFile('not json')).toEqual({ ok: false, errors: [expect.stringMatching(/^not valid JSON: /)] });
    expect(parseImportedFile('{"format": "csv"}')).toEqual({
      ok: false,
      errors: ['format must be "reliability-lab-incident-result" (an incident result) or "reliability-lab-postmortem", got "csv"'],
    });
    const bad = JSON.parse(postMortemFile(prefilled));
    bad.postmortem.severity = 7;
    bad.postmortem.timeline[2].event = 12;
    expect(parseImportedFile(JSON.stringify(bad))).toEqual({ ok: false, errors: ['postmortem.severity must be 1 to 4', 'postmortem.timeline[2].event must be text'] });
  });
});
