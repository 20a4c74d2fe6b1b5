/**
 * The card bank of a lesson: `content/modules/<nn-slug>/cards.yaml`, validated at build time
 * (and by `tests/content/cards.test.ts`). Each card is one retrieval-practice item: the
 * end-of-lesson quiz asks it first, then the drills page brings it back on the FSRS schedule.
 */
import { z } from 'astro/zod';

/** Card ids look like `observability/golden-signals-four`: the lesson slug, a slash, a kebab name. Never rename one: reviews refer to it. */
export const cardIdPattern = /^[a-z0-9-]+\/[a-z0-9-]+$/;

const text = (what: string) => z.string({ required_error: `${what} is required` }).trim().min(1, `${what} must not be empty`);

/** What every card has, whatever its question type. */
const cardBase = z.object({
  /** Stable id, unique across the course: `<lesson-slug>/<name>`. */
  id: z.string().regex(cardIdPattern, 'expected an id such as "observability/four-golden-signals"'),
  /** Slug of the lesson heading the card tests (the `#fragment` of its link), e.g. `the-four-golden-signals`. */
  section: z.string().regex(/^[a-z0-9_-]+$/, 'expected a heading slug such as "the-four-golden-signals"'),
  /** The question, in plain text with `inline code` allowed. */
  prompt: text('prompt'),
  /** Why the answer is right: shown after every answer, right or wrong. */
  explanation: text('explanation'),
  /** Where a number or fact comes from, e.g. `sre-facts §1 [WB5]`. */
  source: z.string().optional(),
  /** Which gauntlet of the source the card comes from, if any. */
  gauntlet: z.enum(['rapid-fire', 'scenario-analysis', 'design-challenge', 'integration-puzzle']).optional(),
});

/** One right answer among several choices. */
const singleCard = cardBase.extend({
  type: z.literal('single'),
  /** The choices, in the order shown. */
  choices: z.array(text('a choice')).min(2).max(8),
  /** Index (0-based) of the right choice. */
  answer: z.number().int().min(0),
});

/** Every right answer among several choices must be picked, and no wrong one. */
const multipleCard = cardBase.extend({
  type: z.literal('multiple'),
  choices: z.array(text('a choice')).min(3).max(8),
  /** Indexes (0-based) of the right choices: at least one. */
  answers: z.array(z.number().int().min(0)).min(1),
});

/** A number, right within a tolerance, in a stated unit. */
const numericCard = cardBase.extend({
  type: z.literal('numeric'),
  /** The right value, in `unit`. */
  answer: z.number(),
  /** Largest accepted distance from `answer` (absolute, in `unit`); 0 for exact. */
  tolerance: z.number().min(0),
  /** Unit of the answer as shown beside the input, e.g. `minutes`, `%`, `x`. */
  unit: text('unit'),
});

/** A sentence with blanks: `{{14.4|14.4x}}` is a blank that accepts either text. */
const clozeCard = cardBase.extend({
  type: z.literal('cloze'),
  /** The text with one or more `{{answer|alternative}}` blanks. */
  text: text('text').refine((t) => /\{\{[^{}]+\}\}/.test(t), 'needs at least one {{blank}}'),
});

/** Items to put in order; written here in the right order, shown shuffled. */
const orderingCard = cardBase.extend({
  type: z.literal('ordering'),
  items: z.array(text('an item')).min(3).max(8),
});

/** Free recall: the learner answers in their head or in writing, sees the model answer, and rates themself. */
const recallCard = cardBase.extend({
  type: z.literal('recall'),
  /** The model answer. */
  answer: text('answer'),
});

/** One card, of any type. */
export const cardSchema = z
  .discriminatedUnion('type', [singleCard, multipleCard, numericCard, clozeCard, orderingCard, recallCard])
  .superRefine((card, ctx) => {
    if (card.type === 'single' && card.answer >= card.choices.length) {
      ctx.addIssue({ code: 'custom', path: ['answer'], message: `answer ${card.answer} is not a choice index (0 to ${card.choices.length - 1})` });
    }
    if (card.type === 'multiple') {
      const bad = card.answers.filter((a) => a >= card.choices.length);
      if (bad.length > 0) ctx.addIssue({ code: 'custom', path: ['answers'], message: `answers ${bad.join(', ')} are not choice indexes (0 to ${card.choices.length - 1})` });
      if (new Set(card.answers).size !== card.answers.length) ctx.addIssue({ code: 'custom', path: ['answers'], message: 'answers repeat an index' });
    }
    if ((card.type === 'single' || card.type === 'multiple') && new Set(card.choices).size !== card.choices.length) {
      ctx.addIssue({ code: 'custom', path: ['choices'], message: 'two choices have the same text' });
    }
    if (card.type === 'ordering' && new Set(card.items).size !== card.items.length) {
      ctx.addIssue({ code: 'custom', path: ['items'], message: 'two items have the same text' });
    }
  });

/** A lesson's card bank as written in `cards.yaml`. */
export const deckSchema = z
  .object({
    /** The lesson these cards belong to, by id (`lessons/observability`). */
    lesson: z.string().regex(/^lessons\/[a-z0-9-]+$/, 'expected a lesson id such as "lessons/observability"'),
    /** The cards, in the order the end-of-lesson quiz asks them. */
    cards: z.array(cardSchema).min(1, 'a card bank needs at least one card'),
  })
  .superRefine((deck, ctx) => {
    const slug = deck.lesson.slice('lessons/'.length);
    const seen = new Set<string>();
    deck.cards.forEach((card, i) => {
      if (!card.id.startsWith(`${slug}/`)) ctx.addIssue({ code: 'custom', path: ['cards', i, 'id'], message: `card id "${card.id}" must start with "${slug}/"` });
      if (seen.has(card.id)) ctx.addIssue({ code: 'custom', path: ['cards', i, 'id'], message: `card id "${card.id}" is used twice` });
      seen.add(card.id);
    });
  });

/** One validated card. */
export type Card = z.output<typeof cardSchema>;
/** The question types. */
export type CardType = Card['type'];
/** A validated card bank. */
export type Deck = z.output<typeof deckSchema>;
/** A card with the lesson it belongs to, as pages and the drills use it. */
export type CourseCard = Card & { lesson: string; block: number; lessonTitle: string };
