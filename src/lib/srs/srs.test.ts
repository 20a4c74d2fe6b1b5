import { describe, expect, it } from 'vitest';
import { fsrs, generatorParameters, get_fuzz_range, createEmptyCard } from 'ts-fsrs';
import type { Rating } from '../cards/grade';
import type { CourseCard } from '../cards/schema';
import { readArea, writeArea, memoryStore } from '../storage';
import { appendEntry, covers, effectiveReviews, entryIds, lastUndoable, mergeLogs, reviewCount, reviewLogArea, type ReviewEntry, type ReviewLog } from './review-log';
import { cardDue, checkSettings, defaultSettings, deriveStates, dueCards, forecast, leechLapses, retention, reviewsPerDay, stageCounts, stageOf, dayMs } from './schedule';
import { interleave, planSession } from './session';

const T0 = Date.UTC(2026, 0, 5, 9); // a Monday, 09:00 UTC
const minute = 60_000;
let n = 0;
function review(card: string, rating: Rating, at: number, extra: Partial<ReviewEntry> = {}): ReviewEntry {
  return { id: `${at}-t-${n++}`, kind: 'review', card, rating, correct: rating > 1, at, latencyMs: 5000, source: 'drill', ...extra };
}
const log = (...entries: ReviewEntry[]): ReviewLog => ({ entries });

describe('the review number of a card (the seed of its shuffled choices)', () => {
  it('counts the reviews in effect: an undo takes one back, so the undone showing gets its number again', () => {
    const r1 = review('x/a', 3, T0);
    const r2 = review('x/a', 1, T0 + minute);
    const other = review('x/b', 3, T0 + 2 * minute);
    const l = log(r1, r2, other);
    expect(reviewCount(l, 'x/a')).toBe(2);
    expect(reviewCount(l, 'x/c')).toBe(0);
    const undone = appendEntry(l, { id: 'u', kind: 'undo', target: r2.id, at: T0 + 3 * minute });
    expect(reviewCount(undone, 'x/a')).toBe(1);
  });

  it('gives the due time of one card as the whole replay does', () => {
    const l = log(review('x/a', 3, T0), review('x/b', 1, T0 + minute), review('x/a', 3, T0 + 20 * minute));
    expect(cardDue(l, defaultSettings, 'x/a')).toBe(deriveStates(l, defaultSettings).get('x/a')!.fsrs.due.getTime());
    expect(cardDue(l, defaultSettings, 'x/none')).toBeUndefined();
  });
});

describe('the review log', () => {
  it('merges two logs as a union by id, in time order, without duplicates', () => {
    const a = review('x/a', 3, T0 + 2);
    const b = review('x/b', 3, T0 + 1);
    const merged = mergeLogs(log(a), log(b, a));
    expect(merged.entries.map((e) => e.id)).toEqual([b.id, a.id]);
    expect(covers(merged, log(a)) && covers(merged, log(b))).toBe(true);
  });

  it('undoes a review by appending, so the log only grows', () => {
    const r1 = review('x/a', 3, T0);
    const r2 = review('x/a', 1, T0 + minute);
    let l = log(r1, r2);
    expect(lastUndoable(l)?.id).toBe(r2.id);
    l = appendEntry(l, { id: 'u1', kind: 'undo', target: r2.id, at: T0 + 2 * minute });
    expect(l.entries).toHaveLength(3);
    expect(effectiveReviews(l).map((r) => r.id)).toEqual([r1.id]);
    expect(lastUndoable(l)?.id).toBe(r1.id);
  });

  it('makes ids that differ across tabs and within a tab', () => {
    const tabA = entryIds('aaaa');
    const tabB = entryIds('bbbb');
    const ids = [tabA(T0), tabA(T0), tabB(T0)];
    expect(new Set(ids).size).toBe(3);
  });

  it('keeps the readable reviews of a damaged log and backs up the original', () => {
    const good = review('x/a', 3, T0);
    const store = memoryStore({ 'rlab:reviews': JSON.stringify({ version: 1, data: { entries: [good, { id: 'bad', kind: 'review', rating: 9 }] } }) });
    const read = readArea(store, reviewLogArea, T0);
    expect(read.value.entries).toEqual([good]);
    expect(read.problem?.message).toMatch(/damaged.*1 unreadable review set aside/);
    expect(store.getItem(read.problem!.backupKey!)).toContain('"rating":9');
  });

  it('backs up a log that is not JSON and starts empty, without crashing', () => {
    const store = memoryStore({ 'rlab:reviews': '{"version":1,"data":{"entr' });
    const read = readArea(store, reviewLogArea, T0);
    expect(read.value.entries).toEqual([]);
    expect(store.getItem(read.problem!.backupKey!)).toBe('{"version":1,"data":{"entr');
  });

  it('round-trips through storage', () => {
    const store = memoryStore();
    const l = log(review('x/a', 3, T0), review('x/b', 4, T0 + 1));
    expect(writeArea(store, reviewLogArea, l)).toBeUndefined();
    expect(readArea(store, reviewLogArea, T0).value).toEqual(l);
  });
});

describe('scheduling with FSRS', () => {
  it('graduates a card answered Good twice and brings it back days later, not before', () => {
    // New card: Good -> second learning step (10 min); Good again -> review, interval of days.
    const first = review('x/a', 3, T0);
    const s1 = deriveStates(log(first), defaultSettings).get('x/a')!;
    expect(s1.fsrs.due.getTime()).toBe(T0 + 10 * minute);
    expect(stageOf(s1)).toBe('learning');
    const second = review('x/a', 3, T0 + 10 * minute);
    const s2 = deriveStates(log(first, second), defaultSettings).get('x/a')!;
    expect(stageOf(s2)).toBe('young');
    const days = (s2.fsrs.due.getTime() - second.at) / dayMs;
    expect(days).toBeGreaterThanOrEqual(1);
    expect(dueCards(deriveStates(log(first, second), defaultSettings), second.at + (days - 0.5) * dayMs)).toEqual([]);
    expect(dueCards(deriveStates(log(first, second), defaultSettings), s2.fsrs.due.getTime()).map((s) => s.card)).toEqual(['x/a']);
  });

  it('orders first intervals Again < Hard < Good < Easy', () => {
    const due = (r: Rating) => deriveStates(log(review('x/a', r, T0)), defaultSettings).get('x/a')!.fsrs.due.getTime();
    expect(due(1)).toBeLessThan(due(2));
    expect(due(2)).toBeLessThan(due(3));
    expect(due(3)).toBeLessThan(due(4));
  });

  it('fuzzes review intervals within the FSRS fuzz range (fuzz is on)', () => {
    const plain = fsrs(generatorParameters({ request_retention: 0.9, enable_fuzz: false }));
    const spread = new Set<number>();
    for (let k = 0; k < 20; k++) {
      const at = T0 + k * 997 * minute;
      const card = plain.next(plain.next(createEmptyCard(new Date(at)), new Date(at), 4).card, new Date(at + 20 * dayMs), 3).card;
      const l = log(review('x/a', 4, at), review('x/a', 3, at + 20 * dayMs));
      const fuzzed = deriveStates(l, defaultSettings).get('x/a')!.fsrs.scheduled_days;
      const range = get_fuzz_range(card.scheduled_days, card.elapsed_days, 36500);
      expect(fuzzed).toBeGreaterThanOrEqual(range.min_ivl);
      expect(fuzzed).toBeLessThanOrEqual(range.max_ivl);
      spread.add(fuzzed);
    }
    expect(spread.size).toBeGreaterThan(1);
  });

  it('asks more often when the desired retention is higher', () => {
    const l = log(review('x/a', 4, T0), review('x/a', 3, T0 + 20 * dayMs));
    const at = (r: number) => deriveStates(l, { desiredRetention: r }).get('x/a')!.fsrs.scheduled_days;
    expect(at(0.95)).toBeLessThan(at(0.9));
    expect(at(0.9)).toBeLessThan(at(0.8));
  });

  it('gives the same schedule for the same log, and forgets an undone review', () => {
    const r1 = review('x/a', 4, T0);
    const r2 = review('x/a', 1, T0 + 20 * dayMs);
    const withUndo = log(r1, r2);
    const undone = appendEntry(withUndo, { id: 'u', kind: 'undo', target: r2.id, at: T0 + 20 * dayMs + 1 });
    expect(deriveStates(withUndo, defaultSettings)).toEqual(deriveStates(withUndo, defaultSettings));
    expect(deriveStates(undone, defaultSettings).get('x/a')!.fsrs).toEqual(deriveStates(log(r1), defaultSettings).get('x/a')!.fsrs);
  });

  it(`flags a card as a leech after ${leechLapses} lapses`, () => {
    const entries: ReviewEntry[] = [];
    let t = T0;
    // Learn it, then forget it each time it comes back.
    entries.push(review('x/a', 4, t));
    for (let lapse = 1; lapse <= leechLapses; lapse++) {
      const state = deriveStates(log(...entries), defaultSettings).get('x/a')!;
      expect(state.leech).toBe(false);
      t = Math.max(t + minute, state.fsrs.due.getTime());
      entries.push(review('x/a', 1, t));
      // Relearn (Good after the relearning step) so the next failure is a new lapse.
      const relearning = deriveStates(log(...entries), defaultSettings).get('x/a')!;
      t = relearning.fsrs.due.getTime();
      entries.push(review('x/a', 3, t));
    }
    const state = deriveStates(log(...entries), defaultSettings).get('x/a')!;
    expect(state.lapses).toBe(leechLapses);
    expect(state.leech).toBe(true);
    expect(stageCounts(deriveStates(log(...entries), defaultSettings), ['x/a', 'x/b']).leech).toBe(1);
  });
});

describe('statistics', () => {
  const l = log(review('x/a', 3, T0), review('x/b', 1, T0 + minute), review('x/a', 3, T0 + dayMs));
  it('counts reviews per day, zero-filled, oldest first', () => {
    const days = reviewsPerDay(l, T0 + dayMs, 3);
    expect(days.map((d) => d.reviews)).toEqual([0, 2, 1]);
    expect(days[1]!.again).toBe(1);
  });

  it('measures retention only on cards that were in review', () => {
    // x/a: Easy (-> review), then 30 days later Good (pass) and then Again (fail).
    const r = log(review('x/a', 4, T0), review('x/a', 3, T0 + 30 * dayMs), review('x/a', 1, T0 + 200 * dayMs), review('x/b', 1, T0));
    expect(retention(r, defaultSettings)).toEqual({ rate: 0.5, reviews: 2 });
    expect(retention(log(), defaultSettings).rate).toBeNull();
  });

  it('forecasts the reviews due on each of the next days, overdue ones today', () => {
    const states = deriveStates(log(review('x/a', 4, T0), review('x/b', 1, T0)), defaultSettings);
    const dueA = states.get('x/a')!.fsrs.due.getTime();
    const f = forecast(states, T0 + dayMs, 30);
    expect(f[0]!.due).toBe(1); // x/b was due minutes after T0: overdue, so today
    const dayOfA = f.findIndex((d) => d.due > 0 && d !== f[0]);
    expect(dayOfA).toBe(Math.round((dueA - (T0 + dayMs)) / dayMs));
    expect(f.reduce((s, d) => s + d.due, 0)).toBe(2);
  });
});

describe('drill sessions', () => {
  const card = (id: string, block: number): CourseCard =>
    ({ id, block, lesson: `lessons/l${block}`, lessonTitle: `L${block}`, section: 's', prompt: 'Q', explanation: 'E', type: 'recall', answer: 'A' }) as CourseCard;
  const cards = [card('a/1', 1), card('a/2', 1), card('a/3', 1), card('b/1', 2), card('c/1', 3), card('c/2', 3)];

  it('interleaves groups round-robin', () => {
    expect(interleave([[1, 2, 3], [4], [5, 6]])).toEqual([1, 4, 5, 2, 6, 3]);
  });

  it('asks due cards first, interleaved across blocks, then new cards up to the limits', () => {
    const l = log(review('a/1', 1, T0), review('a/2', 1, T0 + 1), review('c/1', 1, T0 + 2), review('b/1', 4, T0 + 3));
    const states = deriveStates(l, defaultSettings);
    const plan = planSession(cards, states, T0 + dayMs, { sessionLength: 10, newPerSession: 1 }, true);
    expect(plan.map((p) => `${p.kind}:${p.card.id}`)).toEqual(['due:a/1', 'due:c/1', 'due:a/2', 'new:a/3']);
    expect(planSession(cards, states, T0 + dayMs, { sessionLength: 2, newPerSession: 5 }, true)).toHaveLength(2);
    expect(planSession(cards, states, T0 + dayMs, { sessionLength: 10, newPerSession: 5 }, false).every((p) => p.kind === 'due')).toBe(true);
  });
});

describe('settings', () => {
  it('defaults to 0.9 retention and refuses values out of range with the field named', () => {
    expect(defaultSettings.desiredRetention).toBe(0.9);
    expect(checkSettings({ desiredRetention: 0.5 })).toEqual({ ok: false, error: 'desiredRetention must be a number from 0.7 to 0.97, got 0.5' });
    expect(checkSettings({ sessionLength: 2.5 })).toMatchObject({ ok: false });
    expect(checkSettings({ newPerSession: 10 })).toEqual({ ok: true, value: { ...defaultSettings, newPerSession: 10 } });
  });
});

describe('two tabs over one store', () => {
  it('never lose each other’s reviews, even when their writes race', async () => {
    const { ReviewStore } = await import('./review-store');
    const store = memoryStore();
    const clock = { t: T0 };
    const tabA = new ReviewStore(store, 'a', () => clock.t);
    const tabB = new ReviewStore(store, 'b', () => clock.t);
    tabA.record({ card: 'x/a', rating: 3, correct: true, at: clock.t, latencyMs: 1, source: 'drill' });
    clock.t += 1000;
    tabB.record({ card: 'x/b', rating: 3, correct: true, at: clock.t, latencyMs: 1, source: 'drill' });
    expect(readArea(store, reviewLogArea, clock.t).value.entries.map((e) => (e as ReviewEntry).card)).toEqual(['x/a', 'x/b']);

    // A race: tab A writes a log that lacks B's newest entry (as if A read before B wrote).
    const stale = tabA.log();
    tabB.record({ card: 'x/c', rating: 1, correct: false, at: (clock.t += 1000), latencyMs: 1, source: 'drill' });
    writeArea(store, reviewLogArea, appendEntry(stale, review('x/d', 3, (clock.t += 1000))));
    expect(readArea(store, reviewLogArea, clock.t).value.entries.some((e) => (e as ReviewEntry).card === 'x/c')).toBe(false);
    // B is told storage changed (the browser's storage event) and writes the union back.
    expect(tabB.refresh()).toBe(true);
    const cards = readArea(store, reviewLogArea, clock.t).value.entries.map((e) => (e as ReviewEntry).card);
    expect(cards).toEqual(['x/a', 'x/b', 'x/c', 'x/d']);
    tabA.refresh();
    expect(tabA.log()).toEqual(tabB.log());
  });

  it('undo in one tab is seen by the other', async () => {
    const { ReviewStore } = await import('./review-store');
    const store = memoryStore();
    const tabA = new ReviewStore(store, 'a', () => T0);
    const tabB = new ReviewStore(store, 'b', () => T0);
    const r = tabA.record({ card: 'x/a', rating: 1, correct: false, at: T0, latencyMs: 1, source: 'drill' });
    tabB.refresh();
    expect(tabB.undo()?.id).toBe(r.id);
    tabA.refresh();
    expect(effectiveReviews(tabA.log())).toEqual([]);
  });
});
