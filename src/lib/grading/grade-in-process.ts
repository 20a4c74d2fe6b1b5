/**
 * Grades a module that is already loaded, in this process: for trusted code only (the reference
 * solutions and starters in CI, and the exercise tests of the course itself). Learner code goes
 * through the sandboxes instead (`simulations/grader/` on the command line, the worker in the browser).
 */
import { runSubmission, type RunnerMessage } from './sandbox-runner.mjs';
import type { ExerciseMeta, TestCase } from './cases';
import { judge, toProbe, type TestResult } from './verdict';

/** Runs the tests against `exports` and returns each test's verdict, visible tests first. */
export async function gradeInProcess(meta: Pick<ExerciseMeta, 'pointsPerTest'>, visible: TestCase<any>[], hidden: TestCase<any>[], exports: Record<string, unknown>): Promise<TestResult[]> {
  const tests = [...visible.map((t) => ({ t, v: 'visible' as const })), ...hidden.map((t) => ({ t, v: 'hidden' as const }))];
  const results = new Map<string, Extract<RunnerMessage, { type: 'result' }>>();
  let loadError: string | undefined;
  await runSubmission(exports, tests.map(({ t }) => toProbe(t)), (m) => {
    if (m.type === 'result') results.set(m.id, m);
    if (m.type === 'load-error') loadError = m.error;
  });
  return tests.map(({ t, v }) => judge(t, results.get(t.id), meta, v, loadError ? { status: 'error', message: `The module failed to load: ${loadError}` } : undefined));
}
