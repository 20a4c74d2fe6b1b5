/**
 * Card states, due dates and statistics, derived from the review log with FSRS (ts-fsrs).
 * Nothing here is stored: the same log and settings always give the same schedule (ts-fsrs's
 * fuzz is seeded from the review itself), so replaying after an undo or an import is exact.
 */
import { createEmptyCard, fsrs, generatorParameters, State, type Card as FsrsCard, type FSRS } from 'ts-fsrs';
import type { StoredArea } from '../storage';
import { effectiveReviews, type ReviewEntry, type ReviewLog } from './review-log';

/** The learner's drill settings. */
export interface SrsSettings {
  /** Probability of recall FSRS aims for when a card comes due (0.7-0.97; default 0.9). */
  desiredRetention: number;
  /** Most cards in one drill session (due cards first). */
  sessionLength: number;
  /** Most new cards (never reviewed) a session may add after the due ones. */
  newPerSession: number;
}

/** The defaults the issue asks for: retention 0.9. */
export const defaultSettings: SrsSettings = { desiredRetention: 0.9, sessionLength: 20, newPerSession: 5 };

/** Bounds of each setting, for the form and for validation. */
export const settingBounds = {
  desiredRetention: { min: 0.7, max: 0.97, step: 0.01 },
  sessionLength: { min: 5, max: 200, step: 1 },
  newPerSession: { min: 0, max: 50, step: 1 },
} as const satisfies Record<keyof SrsSettings, { min: number; max: number; step: number }>;

/** Checks settings read from storage or a form; returns the reason for the first bad field. */
export function checkSettings(value: unknown): { ok: true; value: SrsSettings } | { ok: false; error: string } {
  if (typeof value !== 'object' || value === null) return { ok: false, error: 'expected an object' };
  const v = value as Record<string, unknown>;
  const out = { ...defaultSettings };
  for (const key of Object.keys(settingBounds) as (keyof SrsSettings)[]) {
    if (v[key] === undefined) continue;
    const n = v[key];
    const { min, max } = settingBounds[key];
    if (typeof n !== 'number' || !Number.isFinite(n) || n < min || n > max || (key !== 'desiredRetention' && !Number.isInteger(n))) {
      return { ok: false, error: `${key} must be ${key === 'desiredRetention' ? 'a number' : 'a whole number'} from ${min} to ${max}, got ${JSON.stringify(n)}` };
    }
    out[key] = n;
  }
  return { ok: true, value: out };
}

/** Drill settings in browser storage (`rlab:srs-settings`). */
export const settingsArea: StoredArea<SrsSettings> = {
  area: 'srs-settings',
  version: 1,
  empty: () => ({ ...defaultSettings }),
  parse: checkSettings,
};

/** Lapses after which a card is a leech, as in Anki. */
export const leechLapses = 8;
/** A card is mature once its interval reaches this many days (Anki's definition). */
export const matureDays = 21;

/** The FSRS scheduler for these settings: the desired retention, and fuzz on (ts-fsrs leaves it off). */
export function scheduler(settings: Pick<SrsSettings, 'desiredRetention'>): FSRS {
  return fsrs(generatorParameters({ request_retention: settings.desiredRetention, enable_fuzz: true }));
}

/** A card the learner has reviewed at least once, with its FSRS state. */
export interface CardState {
  card: string;
  fsrs: FsrsCard;
  reviews: number;
  lapses: number;
  /** Lapsed `leechLapses` times or more: send the learner back to the lesson. */
  leech: boolean;
  lastReview: ReviewEntry;
}

/** Replays the log through FSRS: the state of every card that has been reviewed. */
export function deriveStates(log: ReviewLog, settings: Pick<SrsSettings, 'desiredRetention'>): Map<string, CardState> {
  const f = scheduler(settings);
  const states = new Map<string, CardState>();
  for (const review of effectiveReviews(log)) {
    const previous = states.get(review.card);
    const now = new Date(review.at);
    const next = f.next(previous?.fsrs ?? createEmptyCard(now), now, review.rating).card;
    states.set(review.card, {
      card: review.card,
      fsrs: next,
      reviews: (previous?.reviews ?? 0) + 1,
      lapses: next.lapses,
      leech: next.lapses >= leechLapses,
      lastReview: review,
    });
  }
  return states;
}

/** When `card` is due next (ms since epoch) after the reviews in `log`; undefined if it was never reviewed. */
export function cardDue(log: ReviewLog, settings: Pick<SrsSettings, 'desiredRetention'>, card: string): number | undefined {
  const own: ReviewLog = { entries: effectiveReviews(log).filter((r) => r.card === card) };
  return deriveStates(own, settings).get(card)?.fsrs.due.getTime();
}

/** The learner-facing state of a card. */
export type CardStage = 'new' | 'learning' | 'young' | 'mature' | 'relearning';

/** Which stage a card is in: new (never reviewed), learning, young or mature review, relearning. */
export function stageOf(state: CardState | undefined): CardStage {
  if (!state) return 'new';
  switch (state.fsrs.state) {
    case State.New:
    case State.Learning:
      return 'learning';
    case State.Relearning:
      return 'relearning';
    case State.Review:
      return state.fsrs.scheduled_days >= matureDays ? 'mature' : 'young';
  }
}

/** Cards due at `now`, most overdue first. */
export function dueCards(states: Map<string, CardState>, now: number): CardState[] {
  return [...states.values()].filter((s) => s.fsrs.due.getTime() <= now).sort((a, b) => a.fsrs.due.getTime() - b.fsrs.due.getTime() || (a.card < b.card ? -1 : 1));
}

/** When the next card comes due after `now`, or undefined when none is scheduled. */
export function nextDue(states: Map<string, CardState>, now: number): number | undefined {
  const later = [...states.values()].map((s) => s.fsrs.due.getTime()).filter((t) => t > now);
  return later.length ? Math.min(...later) : undefined;
}

/** Milliseconds in a day. */
export const dayMs = 86_400_000;

/** Local midnight at or before `t` (days follow the learner's clock, as a wall calendar does). */
export function startOfDay(t: number): number {
  const d = new Date(t);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** A day's date as `YYYY-MM-DD` in local time. */
export function dayKey(t: number): string {
  const d = new Date(t);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Local midnight `n` days after the day of `t` (robust to daylight-saving days). */
function addDays(t: number, n: number): number {
  const d = new Date(startOfDay(t));
  d.setDate(d.getDate() + n);
  return d.getTime();
}

/** Reviews per day over the last `days` days up to `now`, oldest first, zero-filled. */
export function reviewsPerDay(log: ReviewLog, now: number, days = 30): { day: string; reviews: number; again: number }[] {
  const counts = new Map<string, { reviews: number; again: number }>();
  for (const r of effectiveReviews(log)) {
    const c = counts.get(dayKey(r.at)) ?? { reviews: 0, again: 0 };
    c.reviews += 1;
    if (r.rating === 1) c.again += 1;
    counts.set(dayKey(r.at), c);
  }
  return Array.from({ length: days }, (_, i) => {
    const day = dayKey(addDays(now, i - days + 1));
    return { day, ...(counts.get(day) ?? { reviews: 0, again: 0 }) };
  });
}

/**
 * True retention: of the reviews of cards that were in review (not learning) at the time, the
 * share not rated Again. Null when there are none yet.
 */
export function retention(log: ReviewLog, settings: Pick<SrsSettings, 'desiredRetention'>, since = 0): { rate: number | null; reviews: number } {
  const f = scheduler(settings);
  const cards = new Map<string, FsrsCard>();
  let passed = 0;
  let total = 0;
  for (const review of effectiveReviews(log)) {
    const now = new Date(review.at);
    const before: FsrsCard = cards.get(review.card) ?? createEmptyCard(now);
    if (before.state === State.Review && review.at >= since) {
      total += 1;
      if (review.rating > 1) passed += 1;
    }
    cards.set(review.card, f.next(before, now, review.rating).card);
  }
  return { rate: total ? passed / total : null, reviews: total };
}

/** Reviews due on each of the next `days` days (day 0 is today and includes anything overdue). */
export function forecast(states: Map<string, CardState>, now: number, days = 30): { day: string; due: number }[] {
  const out = Array.from({ length: days }, (_, i) => ({ day: dayKey(addDays(now, i)), due: 0 }));
  const ends = Array.from({ length: days }, (_, i) => addDays(now, i + 1));
  for (const s of states.values()) {
    const due = s.fsrs.due.getTime();
    const i = ends.findIndex((end) => due < end);
    if (i >= 0) out[i]!.due += 1;
  }
  return out;
}

/** How many cards are at each stage, out of the course's `allCards`. */
export function stageCounts(states: Map<string, CardState>, allCards: readonly string[]): Record<CardStage, number> & { leech: number } {
  const counts = { new: 0, learning: 0, young: 0, mature: 0, relearning: 0, leech: 0 };
  for (const id of allCards) {
    const s = states.get(id);
    counts[stageOf(s)] += 1;
    if (s?.leech) counts.leech += 1;
  }
  return counts;
}

