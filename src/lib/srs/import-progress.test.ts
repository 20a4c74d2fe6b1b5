/**
 * Importing a progress file, tried with a full browser, conflicting drafts and hostile files:
 * all or nothing, merged and never written over, and a message that says exactly which happened.
 */
import { describe, expect, it } from 'vitest';
import { fakeStorage } from '../../../tests/unit/fake-storage';
import { describeStanding, draftsArea, exercisesArea, type ExerciseDrafts } from '../../components/exercise/areas';
import { notesArea, progressArea } from '../areas';
import { readArea, storageKey, writeArea } from '../storage';
import { importProgress, maxImportChars } from './import-progress';
import { reviewLogArea, type ReviewEntry } from './review-log';
import { settingsArea } from './schedule';
import { exportFormat } from './transfer';

const T0 = Date.UTC(2026, 0, 5, 9);
const IMPORT_AT = Date.UTC(2026, 1, 1, 12);
const review = (id: string, at: number): ReviewEntry => ({ id, kind: 'review', card: 'a/x', rating: 3, correct: true, at, latencyMs: 4000, source: 'quiz' });
const fileOf = (areas: Record<string, unknown>) => JSON.stringify({ format: exportFormat, version: 1, exportedAt: new Date(T0).toISOString(), areas });
const env = (version: number, data: unknown) => ({ version, data });
const draft = (code: string, savedAt: number, failedRuns = 0) => ({ code, savedAt, failedRuns, solutionSeen: false });

describe('an import is all or nothing', () => {
  it('puts back the areas already written when storage fills up part way, and says nothing was imported', () => {
    const store = fakeStorage();
    writeArea(store, reviewLogArea, { entries: [review('mine', T0)] }, T0);
    writeArea(store, notesArea, { 'a/why': { text: 'my answer', savedAt: T0 } }, T0);
    const before = store.dump();
    store.capacity = store.used() + 600; // room for the merged reviews, not for the big notes
    const file = fileOf({
      reviews: env(1, { entries: [review('theirs', T0 + 1)] }),
      notes: env(1, { 'b/how': { text: 'x'.repeat(5000), savedAt: T0 } }),
    });
    const result = importProgress(store, file, IMPORT_AT);
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/^The import stopped at notes: this browser's storage is full .*Nothing was imported; the data in this browser is unchanged\.$/) });
    expect(store.dump()).toEqual(before);
    expect(store.writes).toContain('rlab:reviews'); // it was written, then put back
  });

  it('validates every area before writing any: one damaged area and nothing is written', () => {
    const store = fakeStorage();
    writeArea(store, reviewLogArea, { entries: [review('mine', T0)] }, T0);
    const before = store.dump();
    const result = importProgress(store, fileOf({ reviews: env(1, { entries: [review('theirs', T0)] }), postmortems: env(1, { documents: [{ id: 'pm1' }] }) }), IMPORT_AT);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(/^The file's postmortems data is damaged: .*Nothing was imported; the data in this browser is unchanged\.$/);
    expect(store.dump()).toEqual(before);
  });

  it.each([
    ['exercise-drafts', env(1, { 'histogram-quantile': { code: 7 } })],
    ['exercises', env(1, { 'histogram-quantile': { passed: 9, total: 7, at: 1 } })],
    ['runbook-draft', env(1, { text: 42 })],
    ['toil-roi-team', env(1, { people: 'many' })],
    ['incident-last-result', env(1, { format: 'nope' })],
    ['game-day-result', env(1, { format: 'nope' })],
    ['srs-settings', env(1, { desiredRetention: 7 })],
  ])('checks %s before reporting it as imported', (area, envelope) => {
    const store = fakeStorage();
    const result = importProgress(store, fileOf({ [area]: envelope }), IMPORT_AT);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(`The file's ${area} data is damaged`);
    expect(store.length).toBe(0);
  });

  it('refuses to merge over this browser\'s unreadable data when no copy of it can be kept', () => {
    const store = fakeStorage({ [storageKey('reviews')]: '{"version":1,"data":{"entries":[' });
    store.capacity = store.used();
    const result = importProgress(store, fileOf({ reviews: env(1, { entries: [review('theirs', T0)] }) }), IMPORT_AT);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/could not be read, and storage is too full to keep a copy/);
    expect(store.getItem(storageKey('reviews'))).toBe('{"version":1,"data":{"entries":[');
  });
});

describe('an import merges, never overwrites', () => {
  it('keeps both drafts of an exercise, the newer in the editor and the other reachable', () => {
    const store = fakeStorage();
    writeArea(store, draftsArea, { 'histogram-quantile': draft('// mine, edited later', T0 + 10, 1) }, T0);
    writeArea(store, exercisesArea, { 'histogram-quantile': { passed: 2, total: 7, at: T0 + 9 } }, T0);
    const file = fileOf({
      'exercise-drafts': env(1, { 'histogram-quantile': draft('// theirs', T0, 4), 'error-budget': draft('// only in the file', T0) }),
      exercises: env(1, { 'histogram-quantile': { passed: 7, total: 7, at: T0 + 1 }, 'error-budget': { passed: 7, total: 7, at: T0 + 2 } }),
    });
    const result = importProgress(store, file, IMPORT_AT);
    expect(result.ok).toBe(true);
    const drafts = readArea(store, draftsArea, T0).value;
    expect(drafts['histogram-quantile']).toEqual({
      code: '// mine, edited later',
      savedAt: T0 + 10,
      failedRuns: 4,
      solutionSeen: false,
      others: [{ code: '// theirs', savedAt: T0, from: 'import', keptAt: IMPORT_AT }],
    });
    expect(drafts['error-budget']!.code).toBe('// only in the file');
    const statuses = readArea(store, exercisesArea, T0).value;
    // This browser's run belongs to the draft in the editor: the file's older pass is not claimed.
    expect(statuses['histogram-quantile']).toEqual({ passed: 2, total: 7, at: T0 + 9 });
    // A run that came with its draft is kept, and says where it happened.
    expect(statuses['error-budget']).toEqual({ passed: 7, total: 7, at: T0 + 2, importedAt: IMPORT_AT });
    expect(describeStanding(statuses['error-budget'], true)).toBe('Passed: 7 of 7 visible tests in another browser (imported 1 Feb 2026)');
    if (result.ok) expect(result.summary.join('\n')).toMatch(/exercise drafts: 1 draft added, 1 exercise now keeping both versions/);
  });

  it('puts a newer imported draft in the editor and keeps this browser\'s as the other version', () => {
    const store = fakeStorage();
    writeArea(store, draftsArea, { x: draft('// mine', T0) }, T0);
    importProgress(store, fileOf({ 'exercise-drafts': env(1, { x: draft('// theirs, newer', T0 + 5) }) }), IMPORT_AT);
    const x = readArea(store, draftsArea, T0).value.x!;
    expect(x.code).toBe('// theirs, newer');
    expect(x.others).toEqual([{ code: '// mine', savedAt: T0, from: 'this-browser', keptAt: IMPORT_AT }]);
  });

  it('importing the same file again adds nothing and loses nothing', () => {
    const store = fakeStorage();
    writeArea(store, draftsArea, { x: draft('// mine', T0 + 1) }, T0);
    const file = fileOf({ 'exercise-drafts': env(1, { x: draft('// theirs', T0) }) });
    importProgress(store, file, IMPORT_AT);
    const once = store.getItem(storageKey('exercise-drafts'));
    const again = importProgress(store, file, IMPORT_AT + 1);
    expect(store.getItem(storageKey('exercise-drafts'))).toBe(once);
    if (again.ok) expect(again.summary.join()).toMatch(/1 already the same/);
  });

  it('keeps this browser\'s settings, answers and single records, and says the file\'s were not applied', () => {
    const store = fakeStorage();
    writeArea(store, settingsArea, { desiredRetention: 0.9, sessionLength: 20, newPerSession: 5 }, T0);
    writeArea(store, notesArea, { 'a/why': { text: 'mine', savedAt: T0 } }, T0);
    const result = importProgress(
      store,
      fileOf({
        'srs-settings': env(1, { desiredRetention: 0.8, sessionLength: 50, newPerSession: 10 }),
        notes: env(1, { 'a/why': { text: 'theirs, newer', savedAt: T0 + 1 }, 'b/how': { text: 'new', savedAt: T0 } }),
        progress: env(1, { lessons: { 'lessons/a': { firstVisitedAt: T0, lastVisitedAt: T0, completedAt: null } } }),
      }),
      IMPORT_AT,
    );
    expect(readArea(store, settingsArea, T0).value.desiredRetention).toBe(0.9);
    expect(readArea(store, notesArea, T0).value).toEqual({ 'a/why': { text: 'mine', savedAt: T0 }, 'b/how': { text: 'new', savedAt: T0 } });
    expect(result.ok && result.summary).toEqual([
      'lesson progress: 1 lesson (1 new here)',
      "written answers: 1 added; 1 answer written differently here kept as they are (the file's versions were not applied)",
      "drill settings: this browser's kept (the file's differs and was not applied)",
    ]);
  });

  it('leaves out, and names, parts it does not import', () => {
    const store = fakeStorage();
    const result = importProgress(store, fileOf({ progress: env(1, { lessons: {} }), 'game-day-live': env(1, null), 'from-the-future': env(1, {}) }), IMPORT_AT);
    expect(result.ok && result.leftOut).toEqual(['game-day-live (the live game-day state belongs to the browser running the console)', 'from-the-future (not a part of this version of the course)']);
    expect(store.getItem('rlab:from-the-future')).toBeNull();
    expect(store.getItem('rlab:game-day-live')).toBeNull();
  });
});

describe('hostile and broken files: a clear message, nothing written', () => {
  const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
  it.each([
    ['deeply nested data (deep.json)', fileOf({}).replace('"areas":{}', `"areas":{"reviews":{"version":1,"data":{"entries":[${deep(100_000)}]}}}`), /^The file's reviews data is damaged: entry 1: .*Nothing was imported; the data in this browser is unchanged\.$/],
    ['deeply nested data in an area that copies it', fileOf({}).replace('"areas":{}', `"areas":{"incident-last-result":{"version":1,"data":${deep(100_000)}}}`), /Nothing was imported; the data in this browser is unchanged\.$/],
    ['a huge file', 'x'.repeat(maxImportChars + 1), /^This file holds 5,000,001 characters; .*Nothing was imported/],
    ['not JSON', 'hello', /^This is not a JSON file .*Nothing was imported/],
    ['an empty file', '', /^This file is empty\. Nothing was imported/],
    ['a JSON array', '[]', /not a Reliability Lab progress file/],
    ['null', 'null', /not a Reliability Lab progress file/],
    ['areas as an array', JSON.stringify({ format: exportFormat, version: 1, areas: [] }), /has no "areas"/],
    ['no areas at all', fileOf({}), /^This file holds no progress this course can import\. Nothing was imported/],
    ['a prototype key as an area name', fileOf({}).replace('"areas":{}', '"areas":{"__proto__":{"version":1,"data":{}}}'), /part named "__proto__", which is not allowed/],
    ['a prototype key as a lesson id', fileOf({}).replace('"areas":{}', '"areas":{"progress":{"version":1,"data":{"lessons":{"__proto__":{"firstVisitedAt":1,"lastVisitedAt":1,"completedAt":null}}}}}'), /"__proto__" is not a lesson id/],
    ['a prototype key as an exercise id', fileOf({}).replace('"areas":{}', '"areas":{"exercise-drafts":{"version":1,"data":{"__proto__":{"code":"x","savedAt":1,"failedRuns":0,"solutionSeen":false}}}}'), /"__proto__" is not an exercise id/],
    ['a prototype key as a prompt id', fileOf({}).replace('"areas":{}', '"areas":{"notes":{"version":1,"data":{"__proto__":{"text":"x","savedAt":1}}}}'), /"__proto__" is not a prompt id/],
    ['a huge area name', fileOf({ ['a'.repeat(100_000)]: env(1, {}) }), /part named "a{40}…", which is not allowed/],
    ['a huge draft', fileOf({ 'exercise-drafts': env(1, { x: draft('y'.repeat(300_000), T0) }) }), /the draft of "x" is longer than 200000 characters/],
    ['an area from a newer course', fileOf({ reviews: env(9, { entries: [] }) }), /The file's reviews data comes from a newer version \(9\)/],
    ['an area envelope that is a string', fileOf({ reviews: 'oops' }), /The file's reviews data has no version/],
  ])('%s', (_what, text, message) => {
    const store = fakeStorage();
    writeArea(store, reviewLogArea, { entries: [review('mine', T0)] }, T0);
    const before = store.dump();
    const result = importProgress(store, text, IMPORT_AT);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(message);
    expect(result.error).not.toMatch(/Kept the rest/);
    expect(result.error.length).toBeLessThan(600);
    expect(store.dump()).toEqual(before);
  });

  it('reads a file that starts with a UTF-8 byte order mark', () => {
    const store = fakeStorage();
    const result = importProgress(store, `\uFEFF${fileOf({ reviews: env(1, { entries: [review('r1', T0)] }) })}`, IMPORT_AT);
    expect(result.ok).toBe(true);
    expect(readArea(store, reviewLogArea, T0).value.entries).toHaveLength(1);
  });

  it('does not let a draft or exercise id pollute prototypes', () => {
    const store = fakeStorage();
    const result = importProgress(store, fileOf({ 'exercise-drafts': env(1, { constructor: draft('// c', T0), toString: draft('// t', T0) }) }), IMPORT_AT);
    expect(result.ok).toBe(true);
    const drafts: ExerciseDrafts = readArea(store, draftsArea, T0).value;
    expect(Object.keys(drafts).sort()).toEqual(['constructor', 'toString']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('progress keeps merging lesson by lesson', () => {
  it('completed in either browser is completed', () => {
    const store = fakeStorage();
    writeArea(store, progressArea, { lessons: { 'lessons/a': { firstVisitedAt: T0 + 5, lastVisitedAt: T0 + 5, completedAt: null } } }, T0);
    importProgress(store, fileOf({ progress: env(1, { lessons: { 'lessons/a': { firstVisitedAt: T0, lastVisitedAt: T0 + 1, completedAt: T0 + 1 } } }) }), IMPORT_AT);
    expect(readArea(store, progressArea, T0).value.lessons['lessons/a']).toEqual({ firstVisitedAt: T0, lastVisitedAt: T0 + 5, completedAt: T0 + 1 });
  });
});
