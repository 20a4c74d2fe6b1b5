/**
 * What the review log says about each lesson and block: the quiz score (the latest quiz answer
 * to each card) and how many cards are mature. The home page and the quiz show these.
 */
import type { CourseCard } from '../cards/schema';
import { effectiveReviews, type ReviewLog } from './review-log';
import { stageOf, type CardState } from './schedule';

/** A lesson's quiz result: cards whose latest quiz answer was right, out of the cards answered and of all. */
export interface QuizScore {
  right: number;
  answered: number;
  total: number;
}

/** The quiz score of the given cards from the log. */
export function quizScore(log: ReviewLog, cardIds: readonly string[]): QuizScore {
  const wanted = new Set(cardIds);
  const latest = new Map<string, boolean>();
  for (const r of effectiveReviews(log)) if (r.source === 'quiz' && wanted.has(r.card)) latest.set(r.card, r.correct);
  return { right: [...latest.values()].filter(Boolean).length, answered: latest.size, total: wanted.size };
}

/** One block's learning progress for the home page. */
export interface BlockCards {
  block: number;
  quiz: QuizScore;
  /** Cards of the block in the learner's deck (reviewed at least once). */
  inDeck: number;
  /** Cards whose interval reached 21 days. */
  mature: number;
  total: number;
}

/** Per block: quiz score, cards in the deck, mature cards. */
export function blockCards(log: ReviewLog, states: Map<string, CardState>, cards: readonly CourseCard[]): BlockCards[] {
  const blocks = [...new Set(cards.map((c) => c.block))].sort((a, b) => a - b);
  return blocks.map((block) => {
    const ids = cards.filter((c) => c.block === block).map((c) => c.id);
    return {
      block,
      quiz: quizScore(log, ids),
      inDeck: ids.filter((id) => states.has(id)).length,
      mature: ids.filter((id) => stageOf(states.get(id)) === 'mature').length,
      total: ids.length,
    };
  });
}
