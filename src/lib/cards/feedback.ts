/**
 * What the learner reads after answering a card: a verdict that says why the answer earned its
 * rating, and when the card comes back, in plain words ("Correct, quick and certain. Rated Easy:
 * you'll see this again in 4 days."). Pure: the caller passes how long until the card is due.
 */
import { ratingNames, type Rating, type RatingReason } from './grade';

/** Where the card was answered: the quiz under a lesson, or a drill session. */
export type AnswerPlace = 'quiz' | 'drill';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

const count = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/**
 * A wait in words, rounded the way people speak: "in about a minute", "in 10 minutes",
 * "in about an hour", "in 5 hours", "tomorrow", "in 4 days", "in 3 weeks", "in 2 months".
 * Zero or less is "now".
 */
export function inWords(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 30_000) return ms > 0 ? 'in about a minute' : 'now';
  if (ms < 1.5 * minute) return 'in about a minute';
  if (ms < 50 * minute) return `in ${count(Math.round(ms / minute), 'minute')}`;
  if (ms < 1.5 * hour) return 'in about an hour';
  if (ms < 20 * hour) return `in ${count(Math.round(ms / hour), 'hour')}`;
  if (ms < 1.5 * day) return 'tomorrow';
  if (ms < 14 * day) return `in ${count(Math.round(ms / day), 'day')}`;
  if (ms < 60 * day) return `in ${count(Math.round(ms / (7 * day)), 'week')}`;
  if (ms < 365 * day) return `in ${count(Math.round(ms / (30 * day)), 'month')}`;
  return `in ${count(Math.round((ms / (365 * day)) * 10) / 10, 'year')}`;
}

/** The first words after answering: whether it was right, and what about it set the rating. */
export function verdict(reason: RatingReason, rating: Rating, latencyMs: number): string {
  switch (reason) {
    case 'wrong':
      return 'Not yet.';
    case 'guessing':
      return 'Correct, but you were guessing.';
    case 'slow':
      return `Correct, but it took you ${Math.round(latencyMs / 1000)} s.`;
    case 'right':
      return 'Correct.';
    case 'quick-and-certain':
      return 'Correct, quick and certain.';
    case 'self-rated':
      return `You rated your recall ${ratingNames[rating]}.`;
  }
}

/**
 * What the rating means and when the card comes back. `untilDueMs` is the time from the answer to
 * the card's next due date (undefined when unknown: the sentence then leaves the time out).
 * `named: false` leaves out "Rated Good: " where the rating was just named (self-rated recall).
 */
export function whenItReturns(rating: Rating, untilDueMs: number | undefined, place: AnswerPlace, options: { named?: boolean } = {}): string {
  const sentence = returnSentence(rating, untilDueMs, place);
  // After a self-rated recall the verdict already names the rating: leave "Rated Good: " out.
  if (options.named === false) return sentence.replace(/^Rated \w+: (\w)/, (_, first: string) => first.toUpperCase());
  return sentence;
}

function returnSentence(rating: Rating, untilDueMs: number | undefined, place: AnswerPlace): string {
  // A due time already past (a clock that moved) still reads as "soon", never as "now".
  const when = untilDueMs === undefined || !Number.isFinite(untilDueMs) ? undefined : inWords(Math.max(untilDueMs, 60_000));
  const soon = untilDueMs !== undefined && untilDueMs < 20 * minute;
  const where = !soon ? '' : place === 'drill' ? ', later in this session' : ', on your drills page';
  switch (rating) {
    case 1:
      return when ? `Rated Again: it comes back ${when}${where}, and then less and less often as you get it right.` : 'Rated Again: it comes back soon.';
    case 2:
      return when ? `Rated Hard: it comes back sooner than a confident answer would, ${when}${where}.` : 'Rated Hard: it comes back sooner than a confident answer would.';
    case 3:
      return when ? `Rated Good: you'll see it again ${when}${where}; each right answer spaces it out further.` : "Rated Good: each right answer spaces it out further.";
    case 4:
      return when ? `Rated Easy: you'll see it again ${when}${where}, a longer wait than Good.` : 'Rated Easy: it waits longer than after a Good answer.';
  }
}
