import { describe, expect, it } from 'vitest';
import { QUOTE_MIN_CHARS, solutionQuoteFinder } from './solution-quotes.mjs';

const starter = `/** The share of requests that failed between two scrapes. */
export function errorRatio(before: Scrape, after: Scrape): number {
  throw new Error('Not implemented: errorRatio');
}`;
const solution = `/** The share of requests that failed between two scrapes. */
export function errorRatio(before: Scrape, after: Scrape): number {
  const total = after.total >= before.total ? after.total - before.total : after.total;
  return total > 0 ? (after.errors - before.errors) / total : NaN;
}`;

describe('solutionQuoteFinder', () => {
  const quotes = solutionQuoteFinder(solution, [starter]);

  it('finds a line of the solution in a hint, however it is spaced or wrapped', () => {
    expect(quotes('Try `const total = after.total >= before.total ? after.total - before.total : after.total`.')).toBe(true);
    expect(quotes('return total > 0\n    ? (after.errors - before.errors)\n    / total : NaN')).toBe(true);
  });

  it('ignores what the learner is given anyway (the starter here) and short idioms', () => {
    expect(quotes('export function errorRatio(before: Scrape, after: Scrape): number')).toBe(false);
    expect(quotes('The share of requests that failed between two scrapes.')).toBe(false);
    expect(quotes('Return `total > 0 ? ... : NaN`, and use `after.total - before.total`.')).toBe(false);
    expect(quotes('')).toBe(false);
  });

  it('counts a run of exactly QUOTE_MIN_CHARS non-space characters, not one fewer', () => {
    const run = 'after.total>=before.total?after.total-before.total';
    expect(quotes(run.slice(0, QUOTE_MIN_CHARS))).toBe(true);
    expect(quotes(run.slice(0, QUOTE_MIN_CHARS - 1))).toBe(false);
  });

  it('finds nothing in a solution shorter than the shortest quote', () => {
    expect(solutionQuoteFinder('x => 1', [])('x => 1')).toBe(false);
  });
});
