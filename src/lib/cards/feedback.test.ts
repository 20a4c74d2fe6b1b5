import { describe, expect, it } from 'vitest';
import { inWords, verdict, whenItReturns } from './feedback';
import { gradeAnswer, ratingFor, ratingReason } from './grade';
import type { Card } from './schema';
import { cardDue } from '../srs/schedule';
import type { ReviewLog } from '../srs/review-log';

const minute = 60_000;
const day = 24 * 60 * minute;

describe('inWords', () => {
  it.each([
    [45_000, 'in about a minute'],
    [60_000, 'in about a minute'],
    [6 * minute, 'in 6 minutes'],
    [10 * minute, 'in 10 minutes'],
    [60 * minute, 'in about an hour'],
    [5 * 60 * minute, 'in 5 hours'],
    [day, 'tomorrow'],
    [4 * day, 'in 4 days'],
    [21 * day, 'in 3 weeks'],
    [90 * day, 'in 3 months'],
    [0, 'now'],
  ])('%d ms is "%s"', (ms, words) => expect(inWords(ms)).toBe(words));
});

describe('the words after an answer', () => {
  const card: Card = { id: 'l/c', section: 's', prompt: 'Q?', explanation: 'Because.', type: 'single', choices: ['a', 'b'], answer: 1 };
  const answerFor = (choice: number, latencyMs: number, confidence?: 'unsure' | 'sure') => {
    const answer = { type: 'single', choice } as const;
    const grade = gradeAnswer(card, answer);
    return { grade, rating: ratingFor(card, answer, grade, latencyMs, confidence), reason: ratingReason(card, answer, grade, latencyMs, confidence) };
  };

  it('never says "Right" twice: the verdict and the detail of a right answer do not repeat each other', () => {
    const r = answerFor(1, 5000);
    expect(`${verdict(r.reason, r.rating, 5000)} ${r.grade.feedback}`.trim()).toBe('Correct.');
  });

  it('says why a right answer was rated Hard', () => {
    const guess = answerFor(1, 5000, 'unsure');
    expect(verdict(guess.reason, guess.rating, 5000)).toBe('Correct, but you were guessing.');
    const slow = answerFor(1, 52_000);
    expect(verdict(slow.reason, slow.rating, 52_000)).toBe('Correct, but it took you 52 s.');
    expect(whenItReturns(slow.rating, 6 * minute, 'drill')).toBe('Rated Hard: it comes back sooner than a confident answer would, in 6 minutes, later in this session.');
  });

  it('explains Again, and says where the card comes back', () => {
    const miss = answerFor(0, 1000);
    expect(verdict(miss.reason, miss.rating, 1000)).toBe('Not yet.');
    expect(whenItReturns(miss.rating, minute, 'drill')).toMatch(/^Rated Again: it comes back in about a minute, later in this session/);
    expect(whenItReturns(miss.rating, minute, 'quiz')).toMatch(/^Rated Again: it comes back in about a minute, on your drills page/);
  });

  it('gives days for a card that waits days, without "later in this session"', () => {
    const easy = answerFor(1, 3000, 'sure');
    expect(verdict(easy.reason, easy.rating, 3000)).toBe('Correct, quick and certain.');
    expect(whenItReturns(easy.rating, 4 * day, 'drill')).toBe("Rated Easy: you'll see it again in 4 days, a longer wait than Good.");
  });

  it('does not name the rating twice after a self-rated recall', () => {
    expect(verdict('self-rated', 2, 1000)).toBe('You rated your recall Hard.');
    expect(whenItReturns(2, 6 * minute, 'drill', { named: false })).toBe('It comes back sooner than a confident answer would, in 6 minutes, later in this session.');
  });

  it('never says "now" for a due time the clock has already passed', () => {
    expect(whenItReturns(1, -5000, 'drill')).toMatch(/^Rated Again: it comes back in about a minute/);
  });

  it('leaves the time out when it is not known', () => {
    expect(whenItReturns(3, undefined, 'quiz')).toBe('Rated Good: each right answer spaces it out further.');
  });

  it('tells the time FSRS really schedules: a missed new card in about a minute, a right one in minutes, an easy one in days', () => {
    const at = Date.UTC(2026, 2, 2, 9);
    const dueAfter = (rating: 1 | 2 | 3 | 4) => {
      const log: ReviewLog = { entries: [{ id: 'a', kind: 'review', card: 'l/c', rating, correct: rating > 1, at, latencyMs: 1000, source: 'quiz' }] };
      return cardDue(log, { desiredRetention: 0.9 }, 'l/c')! - at;
    };
    expect(inWords(dueAfter(1))).toBe('in about a minute');
    expect(inWords(dueAfter(3))).toBe('in 10 minutes');
    expect(dueAfter(4)).toBeGreaterThan(day);
  });
});
