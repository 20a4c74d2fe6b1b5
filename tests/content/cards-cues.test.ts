/**
 * Quizzes test, not hint: no cue lets a test-wise learner pass a card without knowing the answer.
 * Choices are shuffled when shown (`choiceOrder`), but the written banks stay balanced too, so an
 * export, a print or a future view in written order gives nothing away either. The figures:
 * `npx tsx tests/content/cards-cues.ts`.
 */
import { describe, expect, it } from 'vitest';
import { deckSchema, type Card } from '../../src/lib/cards/schema';
import { parseCloze, type ClozeBlank } from '../../src/lib/cards/grade';
import { loadCardBanks } from './cards';
import {
  aboveChoices,
  absoluteWords,
  answerEchoesPrompt,
  answerLongest,
  answerPositions,
  answerShortest,
  articleCue,
  chanceOfLongest,
  clozeFunctionWords,
  clozeGivenAway,
  multipleAllRight,
  multipleRightFirst,
  multipleRightLonger,
  multipleRightShare,
  orderingObvious,
} from './cards-cues';

const all: Card[] = loadCardBanks().flatMap((b) => (b.raw ? deckSchema.parse(b.raw).cards : []));
const single = all.filter((c): c is Extract<Card, { type: 'single' }> => c.type === 'single');
const multiple = all.filter((c): c is Extract<Card, { type: 'multiple' }> => c.type === 'multiple');
const cloze = all.filter((c): c is Extract<Card, { type: 'cloze' }> => c.type === 'cloze');

/** How far above chance a cue may sit before it carries a signal: 10 percentage points. */
const margin = 0.1;
const share = (ids: string[], of: unknown[]) => ids.length / of.length;

describe('single-choice cards', () => {
  it('has enough cards for the shares below to mean something', () => {
    expect(single.length).toBeGreaterThanOrEqual(40);
  });

  it('spreads the right answer over the written positions (never mostly first)', () => {
    const fourChoice = single.filter((c) => c.choices.length === 4);
    const positions = answerPositions(fourChoice);
    for (const [i, n] of positions.entries()) {
      expect(n / fourChoice.length, `right answer written at position ${i + 1}: ${positions.join(' / ')}`).toBeLessThanOrEqual(0.25 + margin);
      expect(n / fourChoice.length, `right answer written at position ${i + 1}: ${positions.join(' / ')}`).toBeGreaterThanOrEqual(0.25 - margin);
    }
  });

  it('does not make the right answer the longest choice more often than chance allows', () => {
    const longest = answerLongest(single);
    expect(share(longest, single), `right answer strictly longest in: ${longest.join(', ')}`).toBeLessThanOrEqual(chanceOfLongest(single) + margin);
  });

  it('does not make the right answer systematically the shortest either', () => {
    const shortest = answerShortest(single);
    expect(share(shortest, single), `right answer strictly shortest in: ${shortest.join(', ')}`).toBeLessThanOrEqual(chanceOfLongest(single) + margin);
  });

  it('never makes the right answer stand out by length: at most a few are 1.3 times the longest wrong one', () => {
    const len = (t: string) => t.replace(/\s+/g, ' ').length;
    const outliers = single.filter((c) => len(c.choices[c.answer]!) >= 1.3 * Math.max(...c.choices.filter((_, i) => i !== c.answer).map(len))).map((c) => c.id);
    expect(share(outliers, single), outliers.join(', ')).toBeLessThanOrEqual(0.05);
  });

  it('does not repeat the question in the right answer more than in the others', () => {
    const echo = answerEchoesPrompt(single);
    expect(share(echo, single), `right answer shares the most words with the question in: ${echo.join(', ')}`).toBeLessThanOrEqual(chanceOfLongest(single) + margin);
  });

  it('has no "a"/"an" at the end of a question that only the right choice fits', () => {
    expect(articleCue(single)).toEqual([]);
  });
});

describe('multiple-choice cards', () => {
  it('rarely has every choice right: "tick them all" is not a strategy', () => {
    expect(share(multipleAllRight(multiple), multiple), multipleAllRight(multiple).join(', ')).toBeLessThanOrEqual(0.15);
  });

  it('does not write the right choices first', () => {
    expect(share(multipleRightFirst(multiple), multiple), multipleRightFirst(multiple).join(', ')).toBeLessThanOrEqual(0.15);
  });

  it('keeps the share of right choices near a half', () => {
    const mean = multipleRightShare(multiple);
    expect(mean).toBeGreaterThanOrEqual(0.35);
    expect(mean).toBeLessThanOrEqual(0.65);
  });

  it('does not make the right choices the longer ones', () => {
    expect(share(multipleRightLonger(multiple), multiple)).toBeLessThanOrEqual(0.5 + 0.17);
  });
});

describe('every choice card', () => {
  it('has no "all of the above" or "none of the above" choice', () => {
    expect(aboveChoices([...single, ...multiple])).toEqual([]);
  });

  it.each([
    ['single', single],
    ['multiple', multiple],
  ] as const)('does not mark wrong choices with absolute words (always, never, only...): %s', (_type, cards) => {
    const { right, total, rightShareOverall } = absoluteWords(cards);
    // Choices with an absolute word are right at least half as often as choices in general.
    expect(right / total, `${right} of ${total} choices with an absolute word are right`).toBeGreaterThanOrEqual(rightShareOverall / 2);
  });
});

describe('ordering and cloze cards', () => {
  it('has no ordering card whose answer is alphabetical, by length or by the numbers in it', () => {
    expect(orderingObvious(all.filter((c): c is Extract<Card, { type: 'ordering' }> => c.type === 'ordering'))).toEqual([]);
  });

  it('has no blank that is a function word ("that", "the")', () => {
    expect(clozeFunctionWords(cloze)).toEqual([]);
  });

  it('has no blank whose answer is written elsewhere in the card', () => {
    expect(clozeGivenAway(cloze)).toEqual([]);
  });

  it('has no blank that accepts a ratio below 1 both with % and without (0.72% and 0.72 are not the same ratio)', () => {
    const ambiguous = cloze.filter((c) =>
      parseCloze(c.text)
        .filter((p): p is ClozeBlank => typeof p !== 'string')
        .some((b) => b.accepted.some((a) => /^[\d.]+\s*%$/.test(a) && Number.parseFloat(a) > 0 && Number.parseFloat(a) < 1 && b.accepted.includes(a.replace(/\s*%$/, '')))),
    );
    expect(ambiguous.map((c) => c.id)).toEqual([]);
  });
});
