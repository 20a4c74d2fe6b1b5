/** The exercise storage areas: drafts and results are validated, damaged drafts backed up, the rest kept. */
import { describe, expect, it } from 'vitest';
import { memoryStore, readArea, storageKey, writeArea } from '../../src/lib/storage';
import { describeOtherVersion, describeStanding, draftToSave, draftsArea, exercisesArea, newDraft, openOtherVersion, peekArea, standingOf, withDraft } from '../../src/components/exercise/areas';

const envelope = (data: unknown) => JSON.stringify({ version: 1, data });

describe('exercise drafts', () => {
  it('round-trips drafts through storage', () => {
    const store = memoryStore();
    const drafts = withDraft({}, 'histogram-quantile', { ...newDraft('starter', 5), code: 'mine', failedRuns: 2 });
    expect(writeArea(store, draftsArea, drafts)).toBeUndefined();
    expect(readArea(store, draftsArea, 10)).toEqual({ value: drafts });
  });

  it('keeps the readable drafts of a damaged area and backs up the original', () => {
    const raw = envelope({ good: newDraft('a', 1), bad: { code: 42 } });
    const store = memoryStore({ [storageKey('exercise-drafts')]: raw });
    const result = readArea(store, draftsArea, 77);
    expect(Object.keys(result.value)).toEqual(['good']);
    expect(result.problem?.message).toMatch(/the draft of "bad" has no code.*"bad" set aside/);
    expect(store.getItem('rlab:backup:exercise-drafts:77')).toBe(raw);
  });

  it('backs up an unreadable area and starts empty', () => {
    const store = memoryStore({ [storageKey('exercise-drafts')]: '{not json' });
    const result = readArea(store, draftsArea, 9);
    expect(result.value).toEqual({});
    expect(store.getItem('rlab:backup:exercise-drafts:9')).toBe('{not json');
  });

  it('replaces one draft and leaves the others', () => {
    const both = withDraft(withDraft({}, 'a', newDraft('A', 1)), 'b', newDraft('B', 1));
    expect(withDraft(both, 'a', newDraft('A2', 2))).toEqual({ a: newDraft('A2', 2), b: newDraft('B', 1) });
  });
});

describe('exercise results', () => {
  it('accepts id -> { passed, total, at } and refuses more passes than tests', () => {
    expect(exercisesArea.parse({ x: { passed: 3, total: 7, at: 1 } })).toEqual({ ok: true, value: { x: { passed: 3, total: 7, at: 1 } } });
    expect(exercisesArea.parse({ x: { passed: 8, total: 7, at: 1 } }).ok).toBe(false);
    expect(exercisesArea.parse([]).ok).toBe(false);
  });

  it('describes where the learner stands', () => {
    expect(standingOf(undefined, false)).toBe('not-started');
    expect(standingOf(undefined, true)).toBe('in-progress');
    expect(standingOf({ passed: 7, total: 7, at: 1 }, true)).toBe('passed');
    expect(describeStanding({ passed: 3, total: 7, at: 1 }, true)).toBe('In progress: 3 of 7 visible tests pass');
    expect(describeStanding({ passed: 7, total: 7, at: 1 }, false)).toBe('Passed: 7 of 7 visible tests');
  });
});

describe('peekArea', () => {
  it('reads without backing up or reporting, and falls back on damaged data', () => {
    const good = memoryStore({ [storageKey('exercises')]: envelope({ x: { passed: 1, total: 2, at: 3 } }) });
    expect(peekArea(good, exercisesArea, {})).toEqual({ x: { passed: 1, total: 2, at: 3 } });
    const bad = memoryStore({ [storageKey('exercises')]: 'nope' });
    const fallback = { y: { passed: 0, total: 1, at: 0 } };
    expect(peekArea(bad, exercisesArea, fallback)).toBe(fallback);
    expect(bad.length).toBe(1);
    expect(peekArea(memoryStore(), exercisesArea, fallback)).toEqual({});
  });
});

describe('other versions of a draft', () => {
  const d = (code: string, savedAt: number) => newDraft(code, savedAt);
  it('a tab that saves keeps a version an import or another tab stored meanwhile', () => {
    // This tab last saw "mine"; meanwhile an import put a newer "theirs" in the editor slot.
    const stored = { ...d('theirs', 20), others: [{ code: 'old', savedAt: 5, from: 'import' as const, keptAt: 21 }] };
    const saved = draftToSave(stored, d('mine, edited', 30), 'mine', 40);
    expect(saved.code).toBe('mine, edited');
    expect(saved.others?.map((o) => o.code)).toEqual(['theirs', 'old']);
  });

  it('its own earlier autosave is not kept as another version', () => {
    expect(draftToSave(d('mine', 10), d('mine, edited', 11), 'mine', 12).others).toBeUndefined();
  });

  it('opening an other version keeps the code it replaces', () => {
    const draft = { ...d('current', 10), others: [{ code: 'imported', savedAt: 5, from: 'import' as const, keptAt: 9 }] };
    const opened = openOtherVersion(draft, 0, 50);
    expect(opened.code).toBe('imported');
    expect(opened.others).toEqual([{ code: 'current', savedAt: 10, from: 'this-browser', keptAt: 50 }]);
    expect(openOtherVersion(opened, 0, 60).code).toBe('current');
    expect(describeOtherVersion(draft.others[0]!)).toBe('From an import (1 Jan 1970): last edited 1 Jan 1970, 1 line');
  });

  it('reads version 1 drafts and results (before other versions existed)', () => {
    const store = memoryStore({ [storageKey('exercise-drafts')]: envelope({ a: newDraft('x', 1) }), [storageKey('exercises')]: envelope({ a: { passed: 1, total: 2, at: 3 } }) });
    expect(readArea(store, draftsArea, 0)).toEqual({ value: { a: newDraft('x', 1) } });
    expect(readArea(store, exercisesArea, 0)).toEqual({ value: { a: { passed: 1, total: 2, at: 3 } } });
  });
});
