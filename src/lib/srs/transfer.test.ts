import { describe, expect, it } from 'vitest';
import { notesArea, progressArea } from '../areas';
import type { CourseCard } from '../cards/schema';
import { memoryStore, readArea, writeArea } from '../storage';
import { reviewLogArea, type ReviewEntry } from './review-log';
import { settingsArea } from './schedule';
import { importProgress } from './import-progress';
import { ankiDeck, exportProgress } from './transfer';

const T0 = Date.UTC(2026, 0, 5, 9);
const review = (id: string, card: string, at: number): ReviewEntry => ({ id, kind: 'review', card, rating: 3, correct: true, at, latencyMs: 4000, source: 'quiz' });

describe('export and import of progress', () => {
  it('moves reviews, notes, lesson progress and settings to another browser, merging with what is there', () => {
    const laptop = memoryStore();
    writeArea(laptop, reviewLogArea, { entries: [review('r1', 'a/x', T0), review('r2', 'a/y', T0 + 1)] });
    writeArea(laptop, notesArea, { 'a/why': { text: 'laptop answer', savedAt: T0 + 5 } });
    writeArea(laptop, progressArea, { lessons: { 'lessons/a': { firstVisitedAt: T0, lastVisitedAt: T0 + 9, completedAt: T0 + 9 } } });
    writeArea(laptop, settingsArea, { desiredRetention: 0.85, sessionLength: 30, newPerSession: 3 });
    laptop.setItem('rlab:backup:notes:1', 'old junk');
    const { file, skipped } = exportProgress(laptop, T0 + 100);
    expect(skipped).toEqual([]);
    expect(Object.keys(file.areas)).toEqual(['notes', 'progress', 'reviews', 'srs-settings']);

    const phone = memoryStore();
    writeArea(phone, reviewLogArea, { entries: [review('r2', 'a/y', T0 + 1), review('r3', 'b/z', T0 + 2)] });
    writeArea(phone, notesArea, { 'a/why': { text: 'newer phone answer', savedAt: T0 + 50 }, 'b/how': { text: 'phone only', savedAt: T0 } });
    const result = importProgress(phone, JSON.stringify(file), T0 + 200);
    expect(result.ok).toBe(true);
    expect(readArea(phone, reviewLogArea, T0).value.entries.map((e) => e.id)).toEqual(['r1', 'r2', 'r3']);
    expect(readArea(phone, notesArea, T0).value).toEqual({ 'a/why': { text: 'newer phone answer', savedAt: T0 + 50 }, 'b/how': { text: 'phone only', savedAt: T0 } });
    expect(readArea(phone, progressArea, T0).value.lessons['lessons/a']!.completedAt).toBe(T0 + 9);
    // The phone had no settings of its own, so the file's are taken.
    expect(readArea(phone, settingsArea, T0).value.desiredRetention).toBe(0.85);
  });

  it('imports the same file twice without duplicating anything', () => {
    const a = memoryStore();
    writeArea(a, reviewLogArea, { entries: [review('r1', 'a/x', T0)] });
    const text = JSON.stringify(exportProgress(a, T0).file);
    const b = memoryStore();
    importProgress(b, text, T0 + 1);
    importProgress(b, text, T0 + 2);
    expect(readArea(b, reviewLogArea, T0).value.entries).toHaveLength(1);
  });

  it.each([
    ['not JSON', '{"format":', /not a JSON file/],
    ['another format', '{"format":"anki"}', /not a Reliability Lab progress file/],
    ['a newer version', '{"format":"reliability-lab-progress","version":2,"areas":{}}', /version 2/],
    ['a damaged area', '{"format":"reliability-lab-progress","version":1,"areas":{"reviews":{"version":1,"data":{"entries":[{"id":"x","kind":"review","rating":7}]}}}}', /The file's reviews data is damaged/],
    ['a strange area name', '{"format":"reliability-lab-progress","version":1,"areas":{"../x":{"version":1,"data":1}}}', /not allowed/],
  ])('refuses %s and changes nothing', (_what, text, message) => {
    const store = memoryStore();
    writeArea(store, reviewLogArea, { entries: [review('r1', 'a/x', T0)] });
    const before = store.getItem('rlab:reviews');
    const result = importProgress(store, text, T0);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(message);
    expect(result.error).toMatch(/Nothing was imported/);
    expect(store.getItem('rlab:reviews')).toBe(before);
    expect(store.length).toBe(1);
  });
});

describe('Anki export', () => {
  const card = (extra: object): CourseCard => ({ id: 'les/c', lesson: 'lessons/les', block: 1, lessonTitle: 'L', section: 's', prompt: 'Q <b>?', explanation: 'Why', ...extra }) as CourseCard;
  it('writes a header Anki reads and one tab-separated note per card, HTML escaped, with tags', () => {
    const text = ankiDeck([card({ type: 'cloze', text: 'Page at {{14.4|14.4x}}\tnow' }), card({ type: 'numeric', answer: 43.2, tolerance: 0.5, unit: 'minutes' })]);
    const lines = text.trimEnd().split('\n');
    expect(lines.slice(0, 4)).toEqual(['#separator:tab', '#html:true', '#columns:Front\tBack\tTags', '#tags column:3']);
    const [front, back, tags] = lines[4]!.split('\t');
    expect(front).toBe('Q &lt;b&gt;?<br>Page at [...] now');
    expect(back).toBe('Page at <b>14.4</b> now<br><br><i>Why</i>');
    expect(tags).toBe('reliability-lab lesson::les type::cloze id::les::c');
    expect(lines[5]!.split('\t')[1]).toBe('43.2 minutes (±0.5)<br><br><i>Why</i>');
    expect(lines.every((l) => l.startsWith('#') || l.split('\t').length === 3)).toBe(true);
  });
});
