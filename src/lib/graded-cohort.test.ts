import { describe, expect, it } from 'vitest';
import { gradedCohortFrom } from './graded-cohort.mjs';

describe('gradedCohortFrom', () => {
  it('is a self-paced build when unset, empty, 0 or false', () => {
    for (const value of [undefined, '', ' ', '0', 'false', 'FALSE']) expect(gradedCohortFrom(value)).toBe(false);
  });

  it('is a graded-cohort build for 1 or true', () => {
    for (const value of ['1', 'true', 'True', ' 1 ']) expect(gradedCohortFrom(value)).toBe(true);
  });

  it('stops the build on anything else, rather than publish the solutions by mistake', () => {
    expect(() => gradedCohortFrom('ture')).toThrow('GRADED_COHORT must be 1 (a graded-cohort build: no reference solutions) or 0 (a self-paced build); got "ture".');
    expect(() => gradedCohortFrom('yes')).toThrow(/got "yes"/);
    expect(() => gradedCohortFrom('x'.repeat(500))).toThrow(/got "x{40}…"\.$/);
  });
});
