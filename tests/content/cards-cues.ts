/**
 * Cues a test-wise learner could use to pass a card without knowing the answer: where the right
 * choice is written, how long it is, "all of the above", absolute words, words repeated from the
 * question, a/an agreement, ordering items already in an obvious order, cloze blanks that are
 * function words or are given away by the rest of the text. Pure: takes validated cards, returns
 * figures and offending card ids, for `cards-cues.test.ts` and for `npx tsx tests/content/cards-cues.ts`.
 */
import type { Card } from '../../src/lib/cards/schema';

type Single = Extract<Card, { type: 'single' }>;
type Multiple = Extract<Card, { type: 'multiple' }>;
type Ordering = Extract<Card, { type: 'ordering' }>;
type Cloze = Extract<Card, { type: 'cloze' }>;

/** Text as a learner sees it: inline-code ticks removed, spaces collapsed. */
const plain = (text: string) => text.replace(/`/g, '').replace(/\s+/g, ' ').trim();
const len = (text: string) => plain(text).length;

/** Position of the right choice in written order: how many single cards have it at each index. */
export function answerPositions(cards: Single[]): number[] {
  const counts: number[] = [];
  for (const c of cards) counts[c.answer] = (counts[c.answer] ?? 0) + 1;
  return Array.from({ length: Math.max(...cards.map((c) => c.choices.length)) }, (_, i) => counts[i] ?? 0);
}

/** Single cards whose right choice is strictly the longest of its choices. */
export const answerLongest = (cards: Single[]) =>
  cards.filter((c) => c.choices.every((x, i) => i === c.answer || len(x) < len(c.choices[c.answer]!))).map((c) => c.id);

/** Single cards whose right choice is strictly the shortest of its choices. */
export const answerShortest = (cards: Single[]) =>
  cards.filter((c) => c.choices.every((x, i) => i === c.answer || len(x) > len(c.choices[c.answer]!))).map((c) => c.id);

/** The chance of the right choice being strictly longest if lengths said nothing: the mean of 1/n. */
export const chanceOfLongest = (cards: Single[]) => cards.reduce((s, c) => s + 1 / c.choices.length, 0) / cards.length;

/** Multiple-choice cards whose right choices are, on average, longer than their wrong ones. */
export const multipleRightLonger = (cards: Multiple[]) =>
  cards
    .filter((c) => {
      const mean = (xs: string[]) => xs.reduce((s, x) => s + len(x), 0) / xs.length;
      const right = c.choices.filter((_, i) => c.answers.includes(i));
      const wrong = c.choices.filter((_, i) => !c.answers.includes(i));
      return wrong.length > 0 && mean(right) > mean(wrong);
    })
    .map((c) => c.id);

/** Multiple-choice cards where every choice is right. */
export const multipleAllRight = (cards: Multiple[]) => cards.filter((c) => c.answers.length === c.choices.length).map((c) => c.id);

/** Multiple-choice cards whose right choices are exactly the first ones written. */
export const multipleRightFirst = (cards: Multiple[]) =>
  cards.filter((c) => c.answers.length < c.choices.length && [...c.answers].sort((a, b) => a - b).every((a, i) => a === i)).map((c) => c.id);

/** Share of right choices on each multiple-choice card, averaged: near 1 makes "tick everything" pay. */
export const multipleRightShare = (cards: Multiple[]) => cards.reduce((s, c) => s + c.answers.length / c.choices.length, 0) / cards.length;

/** Choices such as "All of the above", "None of these", "Both A and B". */
export const aboveChoices = (cards: (Single | Multiple)[]) =>
  cards.filter((c) => c.choices.some((x) => /\b(all|none|both|neither|any) of (the )?(above|these|them|the others|those)\b|\bboth [a-d] and [a-d]\b/i.test(x))).map((c) => c.id);

/** Words that make a statement absolute: test-wise learners rule such choices out. */
const absolute = /\b(always|never|only|all|none|every|any|must|guarantees?|impossible|completely|entirely|no one|nothing|everything)\b/i;

/** For choice cards: how many choices with an absolute word are right, and how many there are. */
export function absoluteWords(cards: (Single | Multiple)[]): { right: number; total: number; rightShareOverall: number } {
  let right = 0;
  let total = 0;
  let allRight = 0;
  let all = 0;
  for (const c of cards) {
    c.choices.forEach((x, i) => {
      const isRight = c.type === 'single' ? c.answer === i : c.answers.includes(i);
      all += 1;
      if (isRight) allRight += 1;
      if (absolute.test(plain(x))) {
        total += 1;
        if (isRight) right += 1;
      }
    });
  }
  return { right, total, rightShareOverall: allRight / all };
}

const stop = new Set(
  'a an the of to in on for and or is are be it its that this with as by at from which what when how why who does do not no than then so if into over per your you their they them we our can will would should may was were has have had there these those one two any all each'.split(' '),
);
const words = (text: string) => new Set(plain(text).toLowerCase().match(/[a-z0-9%.]+/g)?.map((w) => w.replace(/\.$/, '')).filter((w) => w.length > 2 && !stop.has(w)) ?? []);

/** Single cards whose right choice shares strictly more words with the question than any wrong choice does. */
export const answerEchoesPrompt = (cards: Single[]) =>
  cards
    .filter((c) => {
      const prompt = words(c.prompt);
      const overlap = c.choices.map((x) => [...words(x)].filter((w) => prompt.has(w)).length);
      return overlap[c.answer]! > 0 && overlap.every((n, i) => i === c.answer || n < overlap[c.answer]!);
    })
    .map((c) => c.id);

/** Single cards whose question ends in "a" or "an" and only the right choice fits the article. */
export const articleCue = (cards: Single[]) =>
  cards
    .filter((c) => {
      const article = plain(c.prompt).match(/\b(a|an)(?: \.\.\.| _+)?\s*[:?]?$/i)?.[1]?.toLowerCase();
      if (!article) return false;
      const fits = (x: string) => (/^[aeiou]/i.test(plain(x)) ? article === 'an' : article === 'a');
      return c.choices.filter(fits).length === 1 && fits(c.choices[c.answer]!);
    })
    .map((c) => c.id);

/** Ordering cards whose right order is also alphabetical, by length, or by the numbers in the items. */
export const orderingObvious = (cards: Ordering[]) =>
  cards
    .filter((c) => {
      const items = c.items.map(plain);
      const same = (sorted: string[]) => sorted.every((x, i) => x === items[i]);
      const alpha = [...items].sort((a, b) => a.localeCompare(b));
      const byLength = [...items].sort((a, b) => a.length - b.length);
      const nums = items.map((x) => Number(x.match(/-?\d+(\.\d+)?/)?.[0]));
      const numeric = nums.every(Number.isFinite) && nums.every((n, i) => i === 0 || n >= nums[i - 1]!) && new Set(nums).size === nums.length;
      const numericDown = nums.every(Number.isFinite) && nums.every((n, i) => i === 0 || n <= nums[i - 1]!) && new Set(nums).size === nums.length;
      return same(alpha) || same([...alpha].reverse()) || (new Set(items.map((x) => x.length)).size === items.length && (same(byLength) || same([...byLength].reverse()))) || numeric || numericDown;
    })
    .map((c) => c.id);

/** Blank answers that are function words: "{{that}}" cannot be recalled, only guessed. */
export const clozeFunctionWords = (cards: Cloze[]) =>
  cards.filter((c) => [...c.text.matchAll(/\{\{([^{}]+)\}\}/g)].some((m) => stop.has(m[1]!.split('|')[0]!.trim().toLowerCase()))).map((c) => c.id);

/** Cloze cards whose blank's answer is written, whole, elsewhere in the text or the question. */
export const clozeGivenAway = (cards: Cloze[]) =>
  cards
    .filter((c) => {
      const rest = plain(`${c.prompt} ${c.text.replace(/\{\{[^{}]+\}\}/g, ' ')}`).toLowerCase();
      return [...c.text.matchAll(/\{\{([^{}]+)\}\}/g)].some((m) => {
        const answer = plain(m[1]!.split('|')[0]!).toLowerCase();
        // A bare number of one or two digits ("6") may well appear as another quantity ("6 h").
        if (/^\d{1,2}$/.test(answer)) return false;
        return new RegExp(`(^|[^a-z0-9.,])${answer.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![a-z0-9]|[.,]\\d)`).test(rest);
      });
    })
    .map((c) => c.id);

/** Every figure above for a card bank. */
export function cueReport(all: Card[]) {
  const single = all.filter((c): c is Single => c.type === 'single');
  const multiple = all.filter((c): c is Multiple => c.type === 'multiple');
  const choice = [...single, ...multiple];
  return {
    single: single.length,
    multiple: multiple.length,
    positions: answerPositions(single),
    longest: answerLongest(single),
    chanceOfLongest: chanceOfLongest(single),
    shortest: answerShortest(single),
    multipleRightLonger: multipleRightLonger(multiple),
    multipleAllRight: multipleAllRight(multiple),
    multipleRightFirst: multipleRightFirst(multiple),
    multipleRightShare: multipleRightShare(multiple),
    above: aboveChoices(choice),
    absolute: absoluteWords(choice),
    echo: answerEchoesPrompt(single),
    article: articleCue(single),
    orderingObvious: orderingObvious(all.filter((c): c is Ordering => c.type === 'ordering')),
    clozeFunctionWords: clozeFunctionWords(all.filter((c): c is Cloze => c.type === 'cloze')),
    clozeGivenAway: clozeGivenAway(all.filter((c): c is Cloze => c.type === 'cloze')),
  };
}

// `npx tsx tests/content/cards-cues.ts` prints the figures for the course.
if (process.argv[1]?.endsWith('cards-cues.ts')) {
  const { loadCardBanks } = await import('./cards');
  const { deckSchema } = await import('../../src/lib/cards/schema');
  const cards = loadCardBanks().flatMap((b) => (b.raw ? deckSchema.parse(b.raw).cards : []));
  const r = cueReport(cards);
  const pct = (n: number, d: number) => `${n} of ${d} (${Math.round((100 * n) / d)}%)`;
  console.log(`single-choice cards: ${r.single}; right answer by written position: ${r.positions.join(' / ')}`);
  console.log(`right answer strictly longest: ${pct(r.longest.length, r.single)} (chance ${Math.round(100 * r.chanceOfLongest)}%); strictly shortest: ${pct(r.shortest.length, r.single)}`);
  console.log(`right answer echoes the question most: ${pct(r.echo.length, r.single)}; a/an cue: ${r.article.length}`);
  console.log(`multiple-choice cards: ${r.multiple}; all right: ${r.multipleAllRight.length}; right ones written first: ${r.multipleRightFirst.length}; right ones longer on average: ${pct(r.multipleRightLonger.length, r.multiple)}; mean share right ${r.multipleRightShare.toFixed(2)}`);
  console.log(`"all/none of the above": ${r.above.length}; absolute words: ${r.absolute.right} of ${r.absolute.total} such choices right (all choices: ${Math.round(100 * r.absolute.rightShareOverall)}% right)`);
  console.log(`ordering cards in an obvious order: ${r.orderingObvious.join(', ') || 0}`);
  console.log(`cloze blanks that are function words: ${r.clozeFunctionWords.join(', ') || 0}; given away by the text: ${r.clozeGivenAway.join(', ') || 0}`);
  if (process.argv.includes('--ids')) console.log(JSON.stringify(r, null, 1));
}
