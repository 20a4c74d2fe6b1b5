/**
 * The learner's review log: an append-only list of what they answered and how it was rated.
 * Card states are derived from it (see `schedule.ts`), never stored, so:
 * - undo appends an `undo` entry instead of rewriting history;
 * - importing another browser's progress is a union of entries by id;
 * - two tabs that both append converge by the same union (see `src/scripts/review-store.ts`).
 */
import type { StoredArea } from '../storage';
import type { Rating } from '../cards/grade';

/** One answered card. */
export interface ReviewEntry {
  /** Unique id (time, tab and counter), so merging logs never duplicates or loses an entry. */
  id: string;
  kind: 'review';
  /** Card id, e.g. `observability/four-golden-signals`. */
  card: string;
  rating: Rating;
  /** Whether the answer itself was right (for free recall: rated above Again). */
  correct: boolean;
  /** When it was answered, ms since epoch. */
  at: number;
  /** How long the learner took to answer, in ms. */
  latencyMs: number;
  /** Where it was answered. */
  source: 'quiz' | 'drill';
}

/** Takes back one review (the drills page's "Undo"). */
export interface UndoEntry {
  id: string;
  kind: 'undo';
  /** Id of the review taken back. */
  target: string;
  at: number;
}

/** An entry of the log. */
export type LogEntry = ReviewEntry | UndoEntry;

/** The whole log, sorted by time then id. */
export interface ReviewLog {
  entries: LogEntry[];
}

/** Longest answer time we record: longer is clamped (the learner walked away). */
export const maxLatencyMs = 30 * 60_000;

const byTimeThenId = (a: LogEntry, b: LogEntry) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Checks one stored entry; returns a reason when it is unusable. */
export function checkEntry(value: unknown): { ok: true; entry: LogEntry } | { ok: false; error: string } {
  if (typeof value !== 'object' || value === null) return { ok: false, error: 'not an object' };
  const e = value as Record<string, unknown>;
  if (typeof e.id !== 'string' || e.id === '') return { ok: false, error: 'no id' };
  if (typeof e.at !== 'number' || !Number.isFinite(e.at) || e.at < 0) return { ok: false, error: `entry ${e.id}: "at" is not a time` };
  if (e.kind === 'undo') {
    if (typeof e.target !== 'string') return { ok: false, error: `entry ${e.id}: undo without a target` };
    return { ok: true, entry: { id: e.id, kind: 'undo', target: e.target, at: e.at } };
  }
  if (e.kind !== 'review') return { ok: false, error: `entry ${e.id}: unknown kind ${JSON.stringify(e.kind)}` };
  if (typeof e.card !== 'string' || e.card === '') return { ok: false, error: `entry ${e.id}: no card` };
  if (e.rating !== 1 && e.rating !== 2 && e.rating !== 3 && e.rating !== 4) return { ok: false, error: `entry ${e.id}: rating must be 1-4` };
  if (typeof e.correct !== 'boolean') return { ok: false, error: `entry ${e.id}: "correct" is not true or false` };
  if (typeof e.latencyMs !== 'number' || !(e.latencyMs >= 0)) return { ok: false, error: `entry ${e.id}: bad latency` };
  if (e.source !== 'quiz' && e.source !== 'drill') return { ok: false, error: `entry ${e.id}: unknown source` };
  return {
    ok: true,
    entry: { id: e.id, kind: 'review', card: e.card, rating: e.rating, correct: e.correct, at: e.at, latencyMs: Math.min(e.latencyMs, maxLatencyMs), source: e.source },
  };
}

/** Validates a whole log: every entry must be readable. */
export function parseReviewLog(value: unknown): { ok: true; value: ReviewLog } | { ok: false; error: string } {
  if (typeof value !== 'object' || value === null || !Array.isArray((value as ReviewLog).entries)) {
    return { ok: false, error: 'expected { entries: [...] }' };
  }
  const entries: LogEntry[] = [];
  for (const [i, raw] of (value as ReviewLog).entries.entries()) {
    const checked = checkEntry(raw);
    if (!checked.ok) return { ok: false, error: `entry ${i + 1}: ${checked.error}` };
    entries.push(checked.entry);
  }
  return { ok: true, value: { entries: entries.sort(byTimeThenId) } };
}

/** Keeps the readable entries of a damaged log; null when there is no entries list at all. */
export function salvageReviewLog(value: unknown): { value: ReviewLog; setAside: string } | null {
  const list = (value as ReviewLog | null)?.entries;
  if (!Array.isArray(list)) return null;
  const entries = list.map(checkEntry).flatMap((c) => (c.ok ? [c.entry] : []));
  const bad = list.length - entries.length;
  return { value: { entries: entries.sort(byTimeThenId) }, setAside: `${bad} unreadable review${bad === 1 ? '' : 's'}` };
}

/** The review log in browser storage (`rlab:reviews`). */
export const reviewLogArea: StoredArea<ReviewLog> = {
  area: 'reviews',
  version: 1,
  empty: () => ({ entries: [] }),
  parse: parseReviewLog,
  salvage: salvageReviewLog,
};

/** The union of two logs by entry id, sorted. Neither input is changed. */
export function mergeLogs(a: ReviewLog, b: ReviewLog): ReviewLog {
  const seen = new Map<string, LogEntry>();
  for (const e of a.entries) seen.set(e.id, e);
  for (const e of b.entries) if (!seen.has(e.id)) seen.set(e.id, e);
  return { entries: [...seen.values()].sort(byTimeThenId) };
}

/** True if `log` has every entry of `other` (so writing `log` loses nothing of `other`). */
export function covers(log: ReviewLog, other: ReviewLog): boolean {
  const ids = new Set(log.entries.map((e) => e.id));
  return other.entries.every((e) => ids.has(e.id));
}

/** The log with one entry added. */
export function appendEntry(log: ReviewLog, entry: LogEntry): ReviewLog {
  return mergeLogs(log, { entries: [entry] });
}

/** The reviews that count: every review not taken back by an undo, in time order. */
export function effectiveReviews(log: ReviewLog): ReviewEntry[] {
  const undone = new Set(log.entries.flatMap((e) => (e.kind === 'undo' ? [e.target] : [])));
  return log.entries.filter((e): e is ReviewEntry => e.kind === 'review' && !undone.has(e.id));
}

/** The most recent review that can still be undone, if any. */
export function lastUndoable(log: ReviewLog): ReviewEntry | undefined {
  return effectiveReviews(log).at(-1);
}

/** Makes entry ids: unique per tab (a random tab id) and increasing within it. */
export function entryIds(tabId: string): (at: number) => string {
  let counter = 0;
  return (at) => `${at.toString(36)}-${tabId}-${(counter++).toString(36)}`;
}

/** How many reviews of `card` are in effect: 0 before its first, so it numbers each showing of the card (the seed of its shuffled choices). */
export function reviewCount(log: ReviewLog, card: string): number {
  return effectiveReviews(log).filter((r) => r.card === card).length;
}
