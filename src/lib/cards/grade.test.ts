import { describe, expect, it } from 'vitest';
import { choiceOrder, gradeAnswer, parseCloze, parseNumber, ratingFor, ratingReason, shuffledItems } from './grade';
import type { Card } from './schema';

const base = { section: 's', prompt: 'Q?', explanation: 'Because.' };
const single: Card = { ...base, id: 'l/single', type: 'single', choices: ['14.4x', '36x', '6x'], answer: 0 };
const multiple: Card = { ...base, id: 'l/multi', type: 'multiple', choices: ['Latency', 'Traffic', 'Uptime', 'Errors'], answers: [0, 1, 3] };
// 99.9% over 30 days: 0.001 * 30 * 24 * 60 = 43.2 minutes.
const numeric: Card = { ...base, id: 'l/num', type: 'numeric', answer: 43.2, tolerance: 0.5, unit: 'minutes', source: 'sre-facts §1' };
const cloze: Card = { ...base, id: 'l/cloze', type: 'cloze', text: 'Page at {{14.4|14.4x}} over {{1 hour|1h|60 minutes}}.' };
const ordering: Card = { ...base, id: 'l/order', type: 'ordering', items: ['Detect', 'Triage', 'Mitigate', 'Resolve', 'Learn'] };
const recall: Card = { ...base, id: 'l/recall', type: 'recall', answer: 'Because.' };

describe('gradeAnswer', () => {
  it('grades single choice by index', () => {
    expect(gradeAnswer(single, { type: 'single', choice: 0 }).correct).toBe(true);
    const wrong = gradeAnswer(single, { type: 'single', choice: 1 });
    expect(wrong.correct).toBe(false);
    expect(wrong.feedback).toContain('14.4x');
  });

  it('needs exactly the right set for multiple choice, and says what was missed', () => {
    expect(gradeAnswer(multiple, { type: 'multiple', choices: [3, 1, 0] }).correct).toBe(true);
    const partial = gradeAnswer(multiple, { type: 'multiple', choices: [0, 1, 2] });
    expect(partial.correct).toBe(false);
    expect(partial.feedback).toBe('Not quite: 1 right choice missed, 1 wrong choice picked.');
  });

  it('accepts numbers within the tolerance, inclusive, and reports how far off', () => {
    expect(gradeAnswer(numeric, { type: 'numeric', value: 43.2 }).correct).toBe(true);
    expect(gradeAnswer(numeric, { type: 'numeric', value: 43.7 }).correct).toBe(true);
    const off = gradeAnswer(numeric, { type: 'numeric', value: 40 });
    expect(off.correct).toBe(false);
    expect(off.feedback).toContain('off by 3.2');
    expect(gradeAnswer(numeric, { type: 'numeric', value: Number.NaN }).correct).toBe(false);
  });

  it('grades each cloze blank against its alternatives, ignoring case and spacing', () => {
    expect(gradeAnswer(cloze, { type: 'cloze', blanks: ['14.4X', ' 60  minutes '] })).toMatchObject({ correct: true, blanks: [true, true] });
    expect(gradeAnswer(cloze, { type: 'cloze', blanks: ['36x', '1h'] })).toMatchObject({ correct: false, blanks: [false, true] });
  });

  it('grades an ordering as a whole and counts the items in place', () => {
    expect(gradeAnswer(ordering, { type: 'ordering', order: [...ordering.items] }).correct).toBe(true);
    const swapped = gradeAnswer(ordering, { type: 'ordering', order: ['Triage', 'Detect', 'Mitigate', 'Resolve', 'Learn'] });
    expect(swapped.correct).toBe(false);
    expect(swapped.feedback).toMatch(/^3 of 5 in the right place/);
  });

  it('refuses an answer of another type', () => {
    expect(() => gradeAnswer(single, { type: 'numeric', value: 1 })).toThrow(/numeric answer cannot grade a single card/);
  });
});

describe('parseCloze', () => {
  it('splits text and blanks in order', () => {
    expect(parseCloze('Page at {{14.4|14.4x}} now')).toEqual(['Page at ', { accepted: ['14.4', '14.4x'] }, ' now']);
  });
});

describe('parseNumber', () => {
  it.each([
    ['43.2', 43.2],
    ['43,2', 43.2],
    ['1,000', 1000],
    ['9 125', 9125],
    ['99.9%', 99.9],
    ['14.4x', 14.4],
    ['-3', -3],
    ['.5', 0.5],
  ])('reads %s', (text, value) => expect(parseNumber(text)).toBe(value));
  it.each(['', 'abc', '4 3 .2.1', '1e999'])('refuses %j', (text) => expect(parseNumber(text)).toBeNull());
});

describe('shuffledItems', () => {
  const card = ordering as Extract<Card, { type: 'ordering' }>;
  it('shows the items in an order that is not the answer, the same every time', () => {
    const shown = shuffledItems(card);
    expect([...shown].sort()).toEqual([...ordering.items].sort());
    expect(shown).not.toEqual(ordering.items);
    expect(shuffledItems(card)).toEqual(shown);
  });
  it('is never the answer, whichever review it is', () => {
    for (let review = 0; review < 200; review++) expect(shuffledItems(card, review)).not.toEqual(ordering.items);
  });
});

describe('choiceOrder', () => {
  const four: Extract<Card, { type: 'single' }> = { ...base, id: 'l/four', type: 'single', choices: ['a', 'b', 'c', 'd'], answer: 0 };
  it('shows every choice once, the same order for the same card and review (reload, undo)', () => {
    const order = choiceOrder(four, 3);
    expect([...order].sort()).toEqual([0, 1, 2, 3]);
    expect(choiceOrder(four, 3)).toEqual(order);
  });
  it('changes the order from one review to the next', () => {
    const orders = new Set(Array.from({ length: 10 }, (_, review) => choiceOrder(four, review).join()));
    expect(orders.size).toBeGreaterThan(5);
  });
  it('puts the written answer in each position about equally often: the top option is not a cue', () => {
    const positions = [0, 0, 0, 0];
    for (let review = 0; review < 4000; review++) positions[choiceOrder(four, review).indexOf(four.answer)]! += 1;
    for (const n of positions) expect(n).toBeGreaterThan(900);
    for (const n of positions) expect(n).toBeLessThan(1100);
  });
  it('differs between cards at the same review', () => {
    const ids = Array.from({ length: 20 }, (_, i) => choiceOrder({ ...four, id: `l/card-${i}` }, 0).join());
    expect(new Set(ids).size).toBeGreaterThan(8);
  });
});

describe('ratingFor', () => {
  const right = { correct: true, feedback: '' };
  const wrong = { correct: false, feedback: '' };
  const answer = { type: 'single', choice: 0 } as const;
  it('maps wrong to Again whatever the speed', () => expect(ratingFor(single, answer, wrong, 1000, 'sure')).toBe(1));
  it('maps right and unsure to Hard', () => expect(ratingFor(single, answer, right, 3000, 'unsure')).toBe(2));
  it('maps right but slow (over three times the fast time) to Hard', () => expect(ratingFor(single, answer, right, 37_000, undefined)).toBe(2));
  it('maps right to Good', () => expect(ratingFor(single, answer, right, 20_000, undefined)).toBe(3));
  it('maps right, fast and sure to Easy', () => expect(ratingFor(single, answer, right, 8_000, 'sure')).toBe(4));
  it('keeps the self-rating of free recall', () => expect(ratingFor(recall, { type: 'recall', rating: 2 }, right, 1, 'sure')).toBe(2));
  it('says why: guessing and slow are told apart, both Hard', () => {
    expect(ratingReason(single, answer, right, 3000, 'unsure')).toBe('guessing');
    expect(ratingReason(single, answer, right, 37_000, undefined)).toBe('slow');
    expect(ratingReason(single, answer, right, 8_000, 'sure')).toBe('quick-and-certain');
    expect(ratingReason(single, answer, wrong, 8_000, 'sure')).toBe('wrong');
    expect(ratingReason(recall, { type: 'recall', rating: 1 }, wrong, 1, undefined)).toBe('self-rated');
  });
});
