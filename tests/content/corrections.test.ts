/**
 * Every wrong claim of the course source listed in `shared/reference/sre-facts.md` section 6 is
 * corrected somewhere in the course by a "common mistake" aside that shows the right version.
 */
import { describe, expect, it } from 'vitest';
import { loadLessons } from './lessons';

const asides = loadLessons().flatMap((lesson) =>
  [...lesson.source.matchAll(/<CommonMistake\b([\s\S]*?)<\/CommonMistake>/g)].map((m) => ({ lesson: lesson.slug, text: m[1]! })),
);

/** Each correction: what the aside must mention (all patterns must match one aside). */
const corrections: [string, RegExp[]][] = [
  ['fast burn is 14.4x, not 36x', [/36/, /14\.4/]],
  ['slow burn: 6x over 6 h spends 5%', [/6x|6 h|6h/, /5%/, /10%/]],
  ['threshold compared in percent against a fraction', [/\* ?100/, /100 ?(times|x)/i]],
  ['a range on an expression is invalid PromQL', [/\)\[1h\]/, /\[1h:\]|recording rule/]],
  ['S3 2017 lasted 4 h 17 min; $150M is not an AWS figure', [/4 h 17 min/, /150/]],
  ['GitHub: the 21 Oct 2018 incident, 43 s and 24 h 11 min', [/2018/, /43 s(econds)?\b/, /24 h(ours)? (and )?11 min/]],
  ['Stripe 2019-07-10: two database bugs and a configuration change', [/Stripe/, /two database bugs|database bugs/i]],
  ['new team toil rate mixes units', [/toil/i, /hours per week|per week/i]],
];

describe('corrections of the course source', () => {
  it('finds the common-mistake asides', () => {
    expect(asides.length).toBeGreaterThanOrEqual(corrections.length);
  });

  it.each(corrections)('%s', (_topic, patterns) => {
    const hits = asides.filter((a) => patterns.every((p) => p.test(a.text)));
    expect(hits.map((h) => h.lesson), 'lessons with a matching aside').not.toEqual([]);
  });
});
