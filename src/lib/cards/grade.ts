/**
 * Grading a learner's answer to a card, and turning the result into an FSRS rating.
 * Pure: no DOM, no storage, no clock; the quiz, the drills page and the tests all use it.
 */
import seedrandom from 'seedrandom';
import type { Card } from './schema';

/** FSRS ratings: 1 Again, 2 Hard, 3 Good, 4 Easy. */
export type Rating = 1 | 2 | 3 | 4;

/** Rating names as ts-fsrs and Anki call them. */
export const ratingNames: Record<Rating, string> = { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' };

/** A learner's answer, by card type. */
export type Answer =
  | { type: 'single'; choice: number }
  | { type: 'multiple'; choices: number[] }
  | { type: 'numeric'; value: number }
  | { type: 'cloze'; blanks: string[] }
  | { type: 'ordering'; order: string[] }
  | { type: 'recall'; rating: Rating };

/** The outcome of grading one answer. */
export interface Grade {
  correct: boolean;
  /** For cloze cards: which blanks were right, in order. */
  blanks?: boolean[];
  /** What was right or wrong in the answer, e.g. "The answer is 43.2 minutes; you said 40 (off by 3.2)"; empty when a right answer needs no detail. */
  feedback: string;
}

/** A blank of a cloze text: the accepted answers, the first being the one shown. */
export interface ClozeBlank {
  accepted: string[];
}

/** Splits a cloze text into plain parts and blanks: `a {{b|c}} d` -> ['a ', {b,c}, ' d']. */
export function parseCloze(text: string): (string | ClozeBlank)[] {
  const parts: (string | ClozeBlank)[] = [];
  let last = 0;
  for (const match of text.matchAll(/\{\{([^{}]+)\}\}/g)) {
    if (match.index! > last) parts.push(text.slice(last, match.index));
    parts.push({ accepted: match[1]!.split('|').map((s) => s.trim()).filter(Boolean) });
    last = match.index! + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** Compares free text leniently: case, surrounding and repeated spaces, and a trailing period do not matter. */
export function normalizeText(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ').replace(/\.$/, '');
}

/** Reads a number as people type it: `43.2`, `43,2`, `1,000`, `1 000`, `99.9%`, `14.4x`. Null if it is not one. */
export function parseNumber(text: string): number | null {
  let t = text.trim().replace(/[%x×]$/i, '').trim().replace(/[\s_]/g, '');
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replace(/,/g, '');
  else if (/^-?\d+,\d+$/.test(t)) t = t.replace(',', '.');
  if (!/^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** The seed of one showing of a card: its id and how many reviews of it came before (0 the first time). */
function showingSeed(cardId: string, review: number): string {
  return `${cardId}#${review}`;
}

/** A seeded Fisher-Yates shuffle of a copy of `items`. */
function shuffle<T>(items: readonly T[], rng: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * The order a choice card's choices are shown in, as indexes into `card.choices`. Shuffled so the
 * written order (where authors tend to put the answer first) gives nothing away, and seeded with
 * the card id and `review`, the number of reviews of the card before this one: the same showing
 * gives the same order after an undo or a reload, and the next review a new one.
 */
export function choiceOrder(card: Extract<Card, { type: 'single' | 'multiple' }>, review = 0): number[] {
  return shuffle(
    card.choices.map((_, i) => i),
    seedrandom(showingSeed(card.id, review)),
  );
}

/**
 * The order an ordering card's items are shown in: shuffled, never already right, and seeded like
 * `choiceOrder` (card id and `review`), so a reload or an undo shows the same order.
 */
export function shuffledItems(card: Extract<Card, { type: 'ordering' }>, review = 0): string[] {
  const rng = seedrandom(showingSeed(card.id, review));
  for (let attempt = 0; attempt < 10; attempt++) {
    const items = shuffle(card.items, rng);
    if (items.some((item, i) => item !== card.items[i])) return items;
  }
  return [...card.items.slice(1), card.items[0]!];
}

const sameSet = (a: number[], b: number[]) => a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

const formatNumber = (n: number) => String(Math.round(n * 1e6) / 1e6);

/** Grades an answer against its card. Throws if the answer is for another card type. */
export function gradeAnswer(card: Card, answer: Answer): Grade {
  if (answer.type !== card.type) throw new TypeError(`a ${answer.type} answer cannot grade a ${card.type} card (${card.id})`);
  switch (card.type) {
    case 'single': {
      const a = answer as Extract<Answer, { type: 'single' }>;
      const correct = a.choice === card.answer;
      return { correct, feedback: correct ? '' : `The answer is "${card.choices[card.answer]}".` };
    }
    case 'multiple': {
      const a = answer as Extract<Answer, { type: 'multiple' }>;
      const correct = sameSet(a.choices, card.answers);
      const missed = card.answers.filter((i) => !a.choices.includes(i)).length;
      const extra = a.choices.filter((i) => !card.answers.includes(i)).length;
      return {
        correct,
        feedback: correct
          ? 'You picked every right choice and no wrong one.'
          : `Not quite: ${[missed && `${missed} right choice${missed > 1 ? 's' : ''} missed`, extra && `${extra} wrong choice${extra > 1 ? 's' : ''} picked`].filter(Boolean).join(', ')}.`,
      };
    }
    case 'numeric': {
      const a = answer as Extract<Answer, { type: 'numeric' }>;
      const off = Math.abs(a.value - card.answer);
      // A hair of slack so 0.1 + 0.2 style rounding never fails a right answer.
      const correct = Number.isFinite(a.value) && off <= card.tolerance + 1e-9 * Math.max(1, Math.abs(card.answer));
      const within = card.tolerance > 0 ? ` (within ${formatNumber(card.tolerance)})` : '';
      return {
        correct,
        feedback: correct
          ? `${formatNumber(card.answer)} ${card.unit}${within}.`
          : `The answer is ${formatNumber(card.answer)} ${card.unit}; you said ${formatNumber(a.value)} (off by ${formatNumber(off)}).`,
      };
    }
    case 'cloze': {
      const a = answer as Extract<Answer, { type: 'cloze' }>;
      const blanks = parseCloze(card.text).filter((p): p is ClozeBlank => typeof p !== 'string');
      const right = blanks.map((b, i) => b.accepted.some((acc) => normalizeText(acc) === normalizeText(a.blanks[i] ?? '')));
      const correct = right.every(Boolean);
      return {
        correct,
        blanks: right,
        feedback: correct ? '' : `Expected: ${blanks.map((b) => `"${b.accepted[0]}"`).join(', ')}.`,
      };
    }
    case 'ordering': {
      const a = answer as Extract<Answer, { type: 'ordering' }>;
      const correct = a.order.length === card.items.length && a.order.every((item, i) => item === card.items[i]);
      const inPlace = a.order.filter((item, i) => item === card.items[i]).length;
      return { correct, feedback: correct ? '' : `${inPlace} of ${card.items.length} in the right place. The order is: ${card.items.join(' → ')}.` };
    }
    case 'recall': {
      const a = answer as Extract<Answer, { type: 'recall' }>;
      return { correct: a.rating > 1, feedback: '' };
    }
  }
}

/** How the learner felt about an answer, if they said. */
export type Confidence = 'unsure' | 'sure' | undefined;

/**
 * Seconds an answer may take and still count as fast, by card type: reading a list of choices or
 * ordering items takes longer than recalling a number. Slow is three times as long.
 */
export const fastSeconds: Record<Card['type'], number> = { single: 12, multiple: 20, numeric: 30, cloze: 20, ordering: 30, recall: 20 };

/**
 * Why an answer earns its rating: wrong (Again); right but the learner was guessing, or slow (Hard);
 * right (Good); right, fast and marked certain (Easy); or free recall, which the learner rates.
 */
export type RatingReason = 'wrong' | 'guessing' | 'slow' | 'right' | 'quick-and-certain' | 'self-rated';

/** The rating each reason earns (free recall keeps the learner's own). */
const reasonRatings: Record<Exclude<RatingReason, 'self-rated'>, Rating> = { wrong: 1, guessing: 2, slow: 2, right: 3, 'quick-and-certain': 4 };

/** Why an answer earns the rating `ratingFor` gives it (see `RatingReason`). */
export function ratingReason(card: Card, answer: Answer, grade: Grade, latencyMs: number, confidence: Confidence): RatingReason {
  if (answer.type === 'recall') return 'self-rated';
  if (!grade.correct) return 'wrong';
  const seconds = latencyMs / 1000;
  const fast = fastSeconds[card.type];
  if (confidence === 'unsure') return 'guessing';
  if (seconds > 3 * fast) return 'slow';
  if (confidence === 'sure' && seconds <= fast) return 'quick-and-certain';
  return 'right';
}

/**
 * The FSRS rating an auto-graded answer earns: wrong is Again; right but slow or unsure is Hard;
 * right and fast and marked sure is Easy; otherwise Good. Free recall keeps the learner's own rating.
 */
export function ratingFor(card: Card, answer: Answer, grade: Grade, latencyMs: number, confidence: Confidence): Rating {
  const reason = ratingReason(card, answer, grade, latencyMs, confidence);
  return reason === 'self-rated' ? (answer as Extract<Answer, { type: 'recall' }>).rating : reasonRatings[reason];
}
