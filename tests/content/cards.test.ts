/**
 * The card banks beside the lessons: valid, linked to real sections, enough of them, every
 * question type used, and the source's retrieval gauntlets covered.
 */
import { describe, expect, it } from 'vitest';
import { deckSchema, type Card, type Deck } from '../../src/lib/cards/schema';
import { loadCardBanks } from './cards';

const banks = loadCardBanks();

function validDeck(raw: unknown): Deck {
  const result = deckSchema.safeParse(raw);
  if (!result.success) throw new Error(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
  return result.data;
}

describe.each(banks.filter((b) => b.path).map((b) => [b.path!, b] as const))('%s', (_path, bank) => {
  const problems = (() => {
    const result = deckSchema.safeParse(bank.raw);
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  })();

  it('matches the card schema', () => {
    expect(problems).toEqual([]);
  });

  it('belongs to the lesson in its folder', () => {
    expect((bank.raw as { lesson?: string }).lesson).toBe(`lessons/${bank.lesson.slug}`);
  });

  it('links every card to a heading that exists in the lesson', () => {
    const deck = validDeck(bank.raw);
    const missing = deck.cards.filter((c) => !bank.slugs.includes(c.section)).map((c) => `${c.id} -> #${c.section}`);
    expect(missing, `headings available: ${bank.slugs.join(', ')}`).toEqual([]);
  });

  it('gives every number a source', () => {
    const deck = validDeck(bank.raw);
    expect(deck.cards.filter((c) => c.type === 'numeric' && !c.source).map((c) => c.id)).toEqual([]);
  });
});

describe('the course card bank', () => {
  const decks = banks.filter((b) => b.path).map((b) => ({ bank: b, deck: validDeck(b.raw) }));
  const all: Card[] = decks.flatMap((d) => d.deck.cards);

  it('has a card bank for every lesson', () => {
    expect(banks.filter((b) => !b.path).map((b) => b.lesson.folder)).toEqual([]);
  });

  it('has at least 25 cards for each focus block, covering each of its sections', () => {
    for (const { bank, deck } of decks.filter((d) => d.bank.lesson.frontmatter.kind === 'focus')) {
      expect(deck.cards.length, bank.path).toBeGreaterThanOrEqual(25);
      const covered = new Set(deck.cards.map((c) => bank.sectionOf.get(c.section)));
      const sections = [...new Set(bank.sectionOf.values())];
      expect(sections.filter((s) => !covered.has(s)), `${bank.path}: sections without a card`).toEqual([]);
    }
  });

  it('uses ids that are unique across the course', () => {
    const ids = all.map((c) => c.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('uses every question type', () => {
    expect(new Set(all.map((c) => c.type))).toEqual(new Set(['single', 'multiple', 'numeric', 'cloze', 'ordering', 'recall']));
  });

  it("covers all four of the source's retrieval gauntlets", () => {
    expect(new Set(all.flatMap((c) => (c.gauntlet ? [c.gauntlet] : [])))).toEqual(
      new Set(['rapid-fire', 'scenario-analysis', 'design-challenge', 'integration-puzzle']),
    );
  });
});
