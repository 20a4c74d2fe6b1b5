/**
 * Deciding each test's verdict from what the sandbox reported, outside the sandbox: the
 * expected values live only here. Also turns tests into probes (what the sandbox may see).
 */
import { decodeValue, encodeValue, type Probe, type RunnerMessage } from './sandbox-runner.mjs';
import { describeExpectedError, type ExerciseMeta, type TestCase } from './cases';

/** A test's outcome. */
export type TestStatus = 'passed' | 'failed' | 'error' | 'timeout' | 'not-run';

/** One graded test. */
export interface TestResult {
  id: string;
  name: string;
  task: number;
  /** Visible to the learner while working, or hidden (grader only). */
  visibility: 'visible' | 'hidden';
  status: TestStatus;
  /** Why it failed, for the learner: expected vs received, the error, the time limit. */
  message: string;
  points: number;
  maxPoints: number;
  /** Milliseconds the test took, when known. */
  ms?: number;
}

/** The probe the sandbox runs for a test: id, probe source and encoded input (`encodeValue` text). No expectation. */
export function toProbe(test: TestCase<any>): Probe {
  return { id: test.id, run: test.run.toString(), input: encodeValue(test.input) };
}

/** Shows a value briefly for a message. */
export function show(value: unknown, max = 300): string {
  let text: string;
  if (value === undefined) text = 'undefined';
  else if (typeof value === 'number' && !Number.isFinite(value)) text = String(value);
  else if (value instanceof Map) text = `Map(${show([...value.entries()], max)})`;
  else if (value instanceof Set) text = `Set(${show([...value.values()], max)})`;
  else {
    try {
      text = JSON.stringify(value, (_k, v) => (v === undefined ? '(undefined)' : typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Where two values first differ (a path like `[2].delayMs`), or null when they match. */
export function firstDifference(expected: unknown, actual: unknown, tolerance: number, path = ''): string | null {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Number.isNaN(expected) && Number.isNaN(actual)) return null;
    if (expected === actual) return null;
    return Math.abs(expected - actual) <= tolerance ? null : path || '(value)';
  }
  if (expected === null || actual === null || typeof expected !== 'object' || typeof actual !== 'object') {
    return Object.is(expected, actual) ? null : path || '(value)';
  }
  if (expected instanceof Map || expected instanceof Set) {
    const e = expected instanceof Map ? [...expected.entries()] : [...expected.values()];
    const a = actual instanceof Map ? [...actual.entries()] : actual instanceof Set ? [...actual.values()] : null;
    if (a === null) return path || '(value)';
    return firstDifference(e, a, tolerance, path);
  }
  if (Array.isArray(expected) !== Array.isArray(actual)) return path || '(value)';
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) return `${path}.length`;
    for (let i = 0; i < expected.length; i++) {
      const d = firstDifference(expected[i], actual[i], tolerance, `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  const e = expected as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  const keys = new Set([...Object.keys(e).filter((k) => e[k] !== undefined), ...Object.keys(a).filter((k) => a[k] !== undefined)]);
  for (const k of keys) {
    const d = firstDifference(e[k], a[k], tolerance, path ? `${path}.${k}` : k);
    if (d) return d;
  }
  return null;
}

/** Reads the value at a path made by `firstDifference`. */
function at(value: unknown, path: string): unknown {
  if (!path || path === '(value)') return value;
  let v: any = value instanceof Map ? [...value.entries()] : value instanceof Set ? [...value.values()] : value;
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    if (v === null || v === undefined) return undefined;
    v = v[part];
    if (v instanceof Map) v = [...v.entries()];
    if (v instanceof Set) v = [...v.values()];
  }
  return v;
}

/** The message of a stack overflow: an engine error, never the error a test expects. */
const STACK_OVERFLOW = /Maximum call stack size exceeded|too much recursion/i;

/** Whether a reported error is the one the test expects (only the submission's own errors count). */
function isExpectedError(test: TestCase<any>, reported: Extract<RunnerMessage, { type: 'result'; ok: false }>): boolean {
  const expected = test.throws!;
  if (reported.by !== 'submission' || STACK_OVERFLOW.test(reported.error)) return false;
  const text = (needle: string) => reported.error.toLowerCase().includes(needle.toLowerCase());
  if (typeof expected === 'string') return text(expected);
  return reported.errorName === expected.name && (expected.message === undefined || text(expected.message));
}

/**
 * The verdict on one test from the sandbox's report (or its absence). Never throws: a report
 * that cannot be read (malformed, not from the real encoder) is an error for this test only.
 */
export function judge(test: TestCase<any>, reported: Extract<RunnerMessage, { type: 'result' }> | undefined, meta: Pick<ExerciseMeta, 'pointsPerTest'>, visibility: TestResult['visibility'], fallback?: { status: TestStatus; message: string }): TestResult {
  const maxPoints = test.points ?? meta.pointsPerTest;
  const base = { id: test.id, name: test.name, task: test.task, visibility, maxPoints };
  try {
    return { ...base, ...decide(test, reported, maxPoints, fallback) };
  } catch (e) {
    return { ...base, status: 'error', message: `The result could not be read (${e instanceof Error ? e.message : 'unknown problem'}), so this test gets no points.`, points: 0 };
  }
}

function decide(test: TestCase<any>, reported: Extract<RunnerMessage, { type: 'result' }> | undefined, maxPoints: number, fallback?: { status: TestStatus; message: string }): Pick<TestResult, 'status' | 'message' | 'points'> {
  if (!reported) return { status: fallback?.status ?? 'not-run', message: fallback?.message ?? 'This test did not run.', points: 0 };
  const byRunner = !reported.ok && reported.by === 'runner';
  const capital = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;
  if (byRunner) return { status: 'error', message: capital(reported.error), points: 0 };
  if (!reported.ok && /not implemented/i.test(reported.error)) return { status: 'error', message: `Not implemented yet (${reported.error}).`, points: 0 };
  if (test.throws !== undefined) {
    const wanted = describeExpectedError(test.throws);
    if (reported.ok) return { status: 'failed', message: `Expected ${wanted}, but it returned ${show(decodeValue(reported.value))}.`, points: 0 };
    if (!isExpectedError(test, reported)) return { status: 'failed', message: `Expected ${wanted}, got: ${reported.error}`, points: 0 };
    return { status: 'passed', message: `Threw as expected: ${reported.error}`, points: maxPoints };
  }
  if (!reported.ok) return { status: 'error', message: `Threw an error: ${reported.error}`, points: 0 };
  const actual = decodeValue(reported.value);
  const diff = firstDifference(test.expect, actual, test.tolerance ?? 1e-9);
  if (diff === null) return { status: 'passed', message: 'Passed.', points: maxPoints };
  const where = diff === '(value)' ? '' : ` at ${diff}`;
  return {
    status: 'failed',
    message: `Expected ${show(at(test.expect, diff))}${where}, received ${show(at(actual, diff))}.${where ? ` Whole result: ${show(actual)}` : ''}`,
    points: 0,
  };
}

/** Totals of a graded run. */
export function totals(results: TestResult[]): { points: number; maxPoints: number; passed: number; total: number } {
  return {
    points: results.reduce((s, r) => s + r.points, 0),
    maxPoints: results.reduce((s, r) => s + r.maxPoints, 0),
    passed: results.filter((r) => r.status === 'passed').length,
    total: results.length,
  };
}
