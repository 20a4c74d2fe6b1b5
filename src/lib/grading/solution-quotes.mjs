// @ts-check
/**
 * Does a text quote an exercise's reference solution? Used by the graded-cohort build to leave out
 * hints that give the solution away (`src/lib/rehype-cohort-hints.mjs`). Pure, plain JavaScript
 * (the rehype plugin runs in `astro.config.mjs`).
 *
 * The rule: a text quotes the solution when it shares a run of at least `QUOTE_MIN_CHARS`
 * non-space characters with `solution.ts` that the learner does not already have from the starter,
 * the instructions or the visible tests. Spaces are ignored on both sides, so re-wrapping or
 * re-indenting a line does not hide it. Short idioms (`Number.isNaN(q)`, `controller.abort()`)
 * stay; whole expressions and statements of the solution do not.
 */

/** The shortest shared run, in non-space characters, that counts as quoting the solution. */
export const QUOTE_MIN_CHARS = 30;

/** @param {string} text */
const withoutSpaces = (text) => text.replace(/\s+/g, '');

/**
 * A test for "this text quotes the solution".
 * @param {string} solution the source of `solution.ts`
 * @param {readonly string[]} known what the learner is given anyway (starter, instructions, visible tests)
 * @param {number} [minChars]
 * @returns {(text: string) => boolean}
 */
export function solutionQuoteFinder(solution, known, minChars = QUOTE_MIN_CHARS) {
  /** @param {string} text @returns {string[]} every run of `minChars` characters in the text */
  const runsOf = (text) => Array.from({ length: Math.max(0, text.length - minChars + 1) }, (_, i) => text.slice(i, i + minChars));
  const given = new Set(known.flatMap((text) => runsOf(withoutSpaces(text))));
  const runs = new Set(runsOf(withoutSpaces(solution)).filter((run) => !given.has(run)));
  return (text) => {
    const flat = withoutSpaces(text);
    for (let i = 0; i + minChars <= flat.length; i++) if (runs.has(flat.slice(i, i + minChars))) return true;
    return false;
  };
}
