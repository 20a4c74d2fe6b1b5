// @ts-check
/**
 * Does a text quote an exercise's reference solution? Used by the graded-cohort build to leave out
 * hints and lesson code that give the solution away (`src/lib/rehype-graded-cohort.mjs`). Pure, plain JavaScript
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
 * The hash of every run of `size` characters in a text (a rolling polynomial hash, 32 bits), so
 * that looking for runs costs a number lookup per position rather than a substring.
 * @param {string} text
 * @param {number} size
 * @returns {Int32Array}
 */
function runHashes(text, size) {
  const count = Math.max(0, text.length - size + 1);
  const hashes = new Int32Array(count);
  if (count === 0) return hashes;
  let drop = 1;
  for (let i = 1; i < size; i++) drop = Math.imul(drop, 31);
  let h = 0;
  for (let i = 0; i < size; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  hashes[0] = h;
  for (let i = 1; i < count; i++) {
    h = (Math.imul(h - Math.imul(text.charCodeAt(i - 1), drop), 31) + text.charCodeAt(i + size - 1)) | 0;
    hashes[i] = h;
  }
  return hashes;
}

/**
 * A test for "this text quotes the solution".
 * @param {string} solution the source of `solution.ts`
 * @param {readonly string[]} known what the learner is given anyway (starter, instructions, visible tests)
 * @param {number} [minChars]
 * @returns {(text: string) => boolean}
 */
export function solutionQuoteFinder(solution, known, minChars = QUOTE_MIN_CHARS) {
  /** @type {Set<string>} */
  const given = new Set();
  for (const text of known) {
    const flat = withoutSpaces(text);
    for (let i = 0; i + minChars <= flat.length; i++) given.add(flat.slice(i, i + minChars));
  }
  const source = withoutSpaces(solution);
  /** Secret runs by hash (a hash may stand for several runs). @type {Map<number, string[]>} */
  const secret = new Map();
  runHashes(source, minChars).forEach((h, i) => {
    const run = source.slice(i, i + minChars);
    if (given.has(run)) return;
    const same = secret.get(h);
    if (!same) secret.set(h, [run]);
    else if (!same.includes(run)) same.push(run);
  });
  return (text) => {
    const flat = withoutSpaces(text);
    const hashes = runHashes(flat, minChars);
    return hashes.some((h, i) => secret.get(h)?.includes(flat.slice(i, i + minChars)) === true);
  };
}
