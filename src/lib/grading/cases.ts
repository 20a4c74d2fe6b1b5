/**
 * How an exercise's tests are written (`exercises/<id>/tests.visible.ts`, `tests.hidden.ts`) and
 * its metadata (`exercise.json`). A test is data plus a probe: the probe runs in the sandbox
 * and only calls the learner's exports; the expected value never leaves the grader.
 */
import type { Kit } from './sandbox-runner.mjs';

/** One test of an exercise. `M` is the exercise's module type (`typeof import('./starter')`). */
export interface TestCase<M = Record<string, unknown>, I = any> {
  /** Stable id, unique in the exercise (kebab-case); reports and points refer to it. */
  id: string;
  /** What the test checks, as the learner reads it: "p99 of the lesson's buckets is 0.4875 s". */
  name: string;
  /** The numbered task of the instructions it belongs to. */
  task: number;
  /** Points; default from `exercise.json` (`pointsPerTest`). */
  points?: number;
  /** Data handed to the probe (copied into the sandbox). */
  input?: I;
  /**
   * Calls the learner's code and returns plain data. It must be self-contained: it is sent to the
   * sandbox as source text, so it may use only `m`, `input` and `kit`, never outer variables.
   */
  run: (m: M, input: I, kit: Kit) => unknown;
  /** The result must equal this (deep; numbers within `tolerance`). */
  expect?: unknown;
  /** Largest difference accepted between numbers, anywhere in the result. Default 1e-9. */
  tolerance?: number;
  /**
   * The probe must throw this error: a piece of text its message must contain, or the Error's
   * name (`{ name: 'RangeError' }`, optionally with `message` text too). Errors of the grader
   * itself (a replaced built-in, a refused value) and "not implemented" never count.
   */
  throws?: ExpectedError;
}

/** The error a test expects: text the message must contain, or the Error's name (and text). */
export type ExpectedError = string | { name: string; message?: string };

/** Says the expected error in words: `a RangeError`, `an error mentioning "x"`. */
export function describeExpectedError(expected: ExpectedError): string {
  if (typeof expected === 'string') return `an error mentioning "${expected}"`;
  const article = /^[AEIOU]/i.test(expected.name) ? 'an' : 'a';
  return `${article} ${expected.name}${expected.message ? ` mentioning "${expected.message}"` : ''}`;
}

/** Declares an exercise's tests with the module's types checked. */
export function defineTests<M>(cases: TestCase<M>[]): TestCase<M>[] {
  return cases;
}

/** Difficulty levels. */
export const difficulties = ['intro', 'core', 'stretch'] as const;

/** `exercise.json`. */
export interface ExerciseMeta {
  /** Folder name and id: `histogram-quantile`. */
  id: string;
  /** Focus block 1-6. */
  block: number;
  /** Lesson the exercise is embedded in, e.g. `lessons/observability`. */
  lesson: string;
  title: string;
  /** One sentence for lists. */
  blurb: string;
  difficulty: (typeof difficulties)[number];
  /** Points of a test that sets none. */
  pointsPerTest: number;
  /** Per-test time limit in ms (default 2000). */
  timeoutMs?: number;
  /** Wrong runs after which the solution may be shown (default 3). */
  solutionAfterAttempts?: number;
}

/** Validates `exercise.json`; returns every problem with its field. */
export function checkExerciseMeta(value: unknown, folder: string): { ok: true; meta: ExerciseMeta } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const v = (value ?? {}) as Record<string, unknown>;
  const str = (k: string, re?: RegExp) => {
    if (typeof v[k] !== 'string' || (v[k] as string).trim() === '') errors.push(`${k} must be a non-empty string`);
    else if (re && !re.test(v[k] as string)) errors.push(`${k} "${v[k]}" does not match ${re}`);
  };
  str('id', /^[a-z0-9-]+$/);
  if (typeof v.id === 'string' && v.id !== folder) errors.push(`id "${v.id}" must equal the folder name "${folder}"`);
  if (!(Number.isInteger(v.block) && (v.block as number) >= 1 && (v.block as number) <= 6)) errors.push(`block must be a whole number from 1 to 6, got ${JSON.stringify(v.block)}`);
  str('lesson', /^lessons\/[a-z0-9-]+$/);
  str('title');
  str('blurb');
  if (!difficulties.includes(v.difficulty as never)) errors.push(`difficulty must be one of ${difficulties.join(', ')}, got ${JSON.stringify(v.difficulty)}`);
  if (!(Number.isInteger(v.pointsPerTest) && (v.pointsPerTest as number) > 0)) errors.push(`pointsPerTest must be a positive whole number, got ${JSON.stringify(v.pointsPerTest)}`);
  if (v.timeoutMs !== undefined && !(Number.isInteger(v.timeoutMs) && (v.timeoutMs as number) >= 100 && (v.timeoutMs as number) <= 30_000)) errors.push('timeoutMs must be a whole number from 100 to 30000');
  if (v.solutionAfterAttempts !== undefined && !(Number.isInteger(v.solutionAfterAttempts) && (v.solutionAfterAttempts as number) >= 0)) errors.push('solutionAfterAttempts must be a whole number');
  const known = ['id', 'block', 'lesson', 'title', 'blurb', 'difficulty', 'pointsPerTest', 'timeoutMs', 'solutionAfterAttempts', '$schema'];
  for (const k of Object.keys(v)) if (!known.includes(k)) errors.push(`unknown field "${k}"`);
  return errors.length ? { ok: false, errors } : { ok: true, meta: v as unknown as ExerciseMeta };
}
