/**
 * Grades submissions of one exercise: each file is transpiled, run in its own isolated process
 * against the visible and hidden tests, and judged here, where the expected values are.
 * Several submissions run in parallel; the grader never throws on a bad submission.
 */
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { judge, toProbe, totals, type TestResult } from '../../src/lib/grading/verdict';
import { defaultLimits, isolationMode, runIsolated, weakIsolationRefusal, type Limits } from './isolate';
import type { LoadedExercise } from './load';
import { learnerNames, maxSubmissionBytes, readSubmission } from './submissions';
import { transpileSubmission } from './transpile';

export { maxSubmissionBytes };

/** The graded result of one submission file. */
export interface SubmissionReport {
  /** The file as given on the command line. */
  file: string;
  /** A name for reports: the file name without `.ts`, with parent folders when several files share it (`s1/bob`). */
  learner: string;
  exercise: string;
  tests: TestResult[];
  points: number;
  maxPoints: number;
  passed: number;
  total: number;
  /** Why the submission could not run at all (not a regular file, too big, syntax error, failed to load), if so. */
  problem?: string;
  /** What the submission printed (truncated). */
  stdout: string;
  stderr: string;
  /** Wall time, ms. */
  ms: number;
}

/** Grades one file (only a regular file is read; anything else gets every test failed with the reason). */
export async function gradeFile(
  exercise: LoadedExercise,
  file: string,
  limits: Limits = { ...defaultLimits, testMs: exercise.meta.timeoutMs ?? defaultLimits.testMs },
  learner: string = learnerNames([file])[0]!,
): Promise<SubmissionReport> {
  const started = Date.now();
  const tests = [...exercise.visible.map((t) => ({ t, v: 'visible' as const })), ...exercise.hidden.map((t) => ({ t, v: 'hidden' as const }))];
  const base = { file, learner, exercise: exercise.meta.id, stdout: '', stderr: '' };
  const failAll = (problem: string) => {
    const results = tests.map(({ t, v }) => judge(t, undefined, exercise.meta, v, { status: 'error', message: problem }));
    return { ...base, tests: results, ...totals(results), problem, ms: Date.now() - started };
  };
  const read = readSubmission(file);
  if (!read.ok) return failAll(read.problem);
  const transpiled = transpileSubmission(read.source, basename(file));
  if (!transpiled.ok) return failAll(`it does not compile: ${transpiled.errors.slice(0, 5).join('; ')}`);
  const run = await runIsolated(transpiled.code, tests.map(({ t }) => toProbe(t)), limits);
  if (run.loadError) {
    const r = failAll(`the submission failed to load: ${run.loadError}`);
    return { ...r, stdout: run.stdout, stderr: run.stderr };
  }
  const results = tests.map(({ t, v }) => judge(t, run.results.get(t.id), exercise.meta, v, run.problems.get(t.id)));
  return { ...base, tests: results, ...totals(results), stdout: run.stdout, stderr: run.stderr, ms: Date.now() - started };
}

/**
 * Grades many files, `parallel` at a time, reporting progress; results in the input order, each
 * with a unique learner name. Throws (before grading anything) where no OS-level layer isolates
 * submissions from the grader's processes, unless `allowWeakIsolation` (`weakIsolationRefusal`
 * says why).
 */
export async function gradeFiles(exercise: LoadedExercise, files: string[], options: { parallel?: number; limits?: Limits; allowWeakIsolation?: boolean; onProgress?: (done: number, total: number, report: SubmissionReport) => void } = {}): Promise<SubmissionReport[]> {
  const refusal = weakIsolationRefusal(isolationMode()); // probe once, before the workers start
  if (refusal && !options.allowWeakIsolation) throw new Error(refusal);
  const parallel = Math.max(1, Math.min(options.parallel ?? availableParallelism(), files.length));
  const reports: SubmissionReport[] = new Array(files.length);
  const learners = learnerNames(files);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      let report: SubmissionReport;
      try {
        report = await gradeFile(exercise, files[i]!, options.limits, learners[i]);
      } catch (e) {
        // A bug of the grader on one file costs that file its grade, never the batch.
        const tests = [...exercise.visible.map((t) => ({ t, v: 'visible' as const })), ...exercise.hidden.map((t) => ({ t, v: 'hidden' as const }))];
        const problem = `the grader failed on this file: ${(e as Error)?.message ?? String(e)}`;
        const results = tests.map(({ t, v }) => judge(t, undefined, exercise.meta, v, { status: 'error', message: problem }));
        report = { file: files[i]!, learner: learners[i] ?? basename(files[i]!).replace(/\.(ts|tsx|js)$/, ''), exercise: exercise.meta.id, tests: results, ...totals(results), problem, stdout: '', stderr: '', ms: 0 };
      }
      reports[i] = report;
      options.onProgress?.(++done, files.length, report);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return reports;
}
