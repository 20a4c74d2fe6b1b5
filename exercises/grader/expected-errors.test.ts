/**
 * Issue 13, item 6, through the real grader: a test that expects an error passes only on the
 * submission's own error of the expected kind, never on the grader's messages.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gradeFiles, type SubmissionReport } from './grade';
import { loadExercise } from './load';

const fixtures = join(import.meta.dirname, 'fixtures', 'expected-errors');
const reports = new Map<string, SubmissionReport>();

beforeAll(async () => {
  const exercise = await loadExercise('burn-rate-alerts');
  const files = [join(import.meta.dirname, '..', 'burn-rate-alerts', 'solution.ts'), ...readdirSync(fixtures).map((f) => join(fixtures, f))];
  for (const r of await gradeFiles(exercise, files, { parallel: 2, allowWeakIsolation: true })) reports.set(r.learner, r);
}, 120_000);

describe('tests that expect an error (burn-rate-alerts)', () => {
  it('the reference solution passes them all', () => {
    const r = reports.get('solution')!;
    expect(r.tests.filter((t) => t.status !== 'passed')).toEqual([]);
    expect(r.points).toBe(r.maxPoints);
  });

  it.each(['replaces-math-max', 'throws-everywhere', 'recurses-everywhere'])('%s scores 0', (name) => {
    const r = reports.get(name)!;
    expect(r.points).toBe(0);
    const expectsError = r.tests.filter((t) => ['budget-one', 'rules-percent', 'budget-percent'].includes(t.id));
    expect(expectsError).toHaveLength(3);
    for (const t of expectsError) expect(t.status).not.toBe('passed');
  });
});
