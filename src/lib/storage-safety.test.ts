/**
 * The storage rule, tried the way an unlucky learner meets it: storage full, an area unreadable,
 * a newer version, the same damaged data seen on every visit, two tabs. Stored data the course
 * cannot read is never written over unless a copy of it exists.
 */
import { describe, expect, it } from 'vitest';
import { fakeStorage, fullStorage } from '../../tests/unit/fake-storage';
import { notesArea, progressArea } from './areas';
import { emptyProgress, recordVisit } from './progress';
import { ReviewStore } from './srs/review-store';
import { reviewLogArea, type ReviewEntry } from './srs/review-log';
import { settingsArea } from './srs/schedule';
import { clearArea, readArea, storageKey, unprotectedData, writeArea, type StoredArea } from './storage';
import { draftsArea, exercisesArea } from '../components/exercise/areas';
import { postmortemsArea } from '../../simulations/postmortem/storage-area';
import { lastResultArea } from '../../simulations/incident/result-store';
import { lastGameDayResultArea } from '../../simulations/game-day/results';
import { liveGameArea } from '../../simulations/game-day/sync';
import { runbookDraftArea } from '../../simulations/runbook-automation/draft-area';
import { teamArea } from '../../simulations/toil-roi/params';

const now = 1_700_000_000_000;
const truncated = '{"version":1,"data":{"lessons":{"lessons/observability":{"firstVisitedAt":1,"lastVisitedAt":2,"completedAt":2},"lessons/sl';
const backups = (dump: Record<string, string>, area: string) => Object.keys(dump).filter((k) => k.startsWith(`rlab:backup:${area}:`));

describe('unreadable data when storage is full', () => {
  it('is not written over: the write is refused, the data stays, and it is offered for download', () => {
    const store = fullStorage({ [storageKey('progress')]: truncated });
    const read = readArea(store, progressArea, now);
    expect(read.problem).toMatchObject({ backupKey: null, raw: truncated });
    // The page then records the visit: a fresh, shorter record would fit where the old one was.
    const error = writeArea(store, progressArea, recordVisit(read.value, 'lessons/foundation', now), now);
    expect(error).toMatch(/Not saved: the saved progress data could not be read and this browser's storage is too full to keep a copy/);
    expect(store.getItem(storageKey('progress'))).toBe(truncated);
    expect(unprotectedData(store, progressArea)).toBe(truncated);
  });

  it('is not removed by a reset either', () => {
    const store = fullStorage({ [storageKey('progress')]: truncated });
    expect(clearArea(store, progressArea, now)).toMatch(/Not cleared/);
    expect(store.getItem(storageKey('progress'))).toBe(truncated);
  });

  it('is saved again as soon as there is room for a copy, and the copy is the exact data', () => {
    const store = fullStorage({ [storageKey('progress')]: truncated });
    expect(writeArea(store, progressArea, emptyProgress(), now)).toBeDefined();
    store.capacity = Infinity;
    expect(writeArea(store, progressArea, recordVisit(emptyProgress(), 'lessons/a', now + 1), now + 1)).toBeUndefined();
    const copies = backups(store.dump(), 'progress');
    expect(copies.map((k) => store.getItem(k))).toEqual([truncated]);
    expect(unprotectedData(store, progressArea)).toBeNull();
  });

  it('keeps a review log from a newer version (2,000 entries) when a review is recorded', () => {
    const entries = Array.from({ length: 2000 }, (_, i) => ({ id: `e${i}`, kind: 'review', card: 'a/b', rating: 3, correct: true, at: now + i, latencyMs: 1, source: 'drill', extra: 'v2' }));
    const newer = JSON.stringify({ version: 2, data: { entries } });
    const store = fullStorage({ [storageKey('reviews')]: newer });
    const tab = new ReviewStore(store, 'tab', () => now);
    tab.record({ card: 'x/y', rating: 3, correct: true, at: now, latencyMs: 10, source: 'drill' } as Omit<ReviewEntry, 'id' | 'kind'>);
    expect(store.getItem(storageKey('reviews'))).toBe(newer);
    expect(tab.log().entries).toHaveLength(1); // this tab still holds the new review in memory
    expect(tab.problems.map((p) => p.message).join('\n')).toMatch(/storage is full.*new reviews are not saved/s);
    expect(tab.problems.map((p) => p.message).join('\n')).toMatch(/Not saved/);
  });

  it('keeps a readable entry salvaged from a damaged log in memory only, never writing the part over the whole', () => {
    const raw = JSON.stringify({ version: 1, data: { entries: [{ id: 'ok', kind: 'review', card: 'a/b', rating: 3, correct: true, at: now, latencyMs: 1, source: 'drill' }, { id: 'bad', note: 'x'.repeat(300) }] } });
    const store = fullStorage({ [storageKey('reviews')]: raw });
    const tab = new ReviewStore(store, 'tab', () => now);
    expect(tab.log().entries.map((e) => e.id)).toEqual(['ok']);
    tab.undo();
    expect(store.getItem(storageKey('reviews'))).toBe(raw);
  });

  it('does not block writes to readable areas, or to an area after a copy was made', () => {
    const store = fakeStorage({ [storageKey('progress')]: truncated });
    readArea(store, progressArea, now);
    expect(writeArea(store, progressArea, emptyProgress(), now)).toBeUndefined();
    expect(writeArea(store, notesArea, {}, now)).toBeUndefined();
  });

  it('a write that makes its own copy (nobody read the area first) still keeps the data', () => {
    const store = fakeStorage({ [storageKey('notes')]: '{"version":1,"data":[]}' });
    expect(writeArea(store, notesArea, { 'a/b': { text: 'hi', savedAt: now } }, now)).toBeUndefined();
    expect(backups(store.dump(), 'notes').map((k) => store.getItem(k))).toEqual(['{"version":1,"data":[]}']);
  });

  it('refuses to write when the stored data cannot even be read from storage', () => {
    const store = fakeStorage({ [storageKey('notes')]: 'x' });
    store.getItem = () => {
      throw new Error('SecurityError');
    };
    expect(writeArea(store, notesArea, {}, now)).toMatch(/Not saved/);
  });
});

describe('one backup per distinct content', () => {
  it('copies damaged drill settings once, however many visits read them', () => {
    const damaged = JSON.stringify({ version: 1, data: { desiredRetention: 'high', padding: 'x'.repeat(600_000) } });
    const store = fakeStorage({ [storageKey('srs-settings')]: damaged });
    for (let visit = 0; visit < 12; visit++) {
      const read = readArea(store, settingsArea, now + visit * 86_400_000);
      expect(read.problem?.backupKey).toBe(`rlab:backup:srs-settings:${now}`);
    }
    expect(backups(store.dump(), 'srs-settings')).toHaveLength(1);
  });

  it('keeps a second copy when the content differs, even at the same moment', () => {
    const store = fakeStorage({ [storageKey('notes')]: 'first' });
    readArea(store, notesArea, now);
    store.setItem(storageKey('notes'), 'second');
    readArea(store, notesArea, now);
    expect(backups(store.dump(), 'notes').map((k) => store.getItem(k)).sort()).toEqual(['first', 'second']);
  });
});

describe('two tabs', () => {
  it('a tab that read the area while it was fine does not write over data that became unreadable', () => {
    const store = fullStorage({ [storageKey('progress')]: JSON.stringify({ version: 1, data: recordVisit(emptyProgress(), 'lessons/a', now) }) });
    const tabA = readArea(store, progressArea, now).value;
    // Another tab (or a newer course version in another tab) leaves data this one cannot read.
    store.capacity = Infinity;
    store.setItem(storageKey('progress'), JSON.stringify({ version: 7, data: { lessons: {}, more: 'x'.repeat(500) } }));
    store.capacity = store.used();
    expect(writeArea(store, progressArea, recordVisit(tabA, 'lessons/b', now), now)).toMatch(/Not saved/);
    expect(store.getItem(storageKey('progress'))).toContain('"version":7');
  });
});

describe('every area follows the rule', () => {
  const areas: StoredArea<any>[] = [progressArea, notesArea, reviewLogArea, settingsArea, draftsArea, exercisesArea, postmortemsArea, lastResultArea, lastGameDayResultArea, liveGameArea, runbookDraftArea, teamArea];
  it.each(areas.map((a) => [a.area, a]))('%s: newer or corrupt data is neither written over nor removed while no copy fits', (_name, spec) => {
    for (const raw of [JSON.stringify({ version: 99, data: 'x'.repeat(500) }), `{"version":1,"data":${'['.repeat(300)}`]) {
      const store = fullStorage({ [storageKey(spec.area)]: raw });
      const read = readArea(store, spec, now);
      expect(read.problem?.backupKey).toBeNull();
      expect(writeArea(store, spec, read.value, now)).toMatch(/^Not saved/);
      expect(clearArea(store, spec, now)).toMatch(/^Not cleared/);
      expect(store.getItem(storageKey(spec.area))).toBe(raw);
      expect(unprotectedData(store, spec)).toBe(raw);
    }
  });
});
