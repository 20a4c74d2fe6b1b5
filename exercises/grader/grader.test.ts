/**
 * The command-line grader against hostile submissions of histogram-quantile: each gets a clear
 * result, zero for the affected tests and nothing it did not earn, and the grader survives them
 * all in one parallel batch.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../simulations/cli';
import { gradeFiles, type SubmissionReport } from './grade';
import { loadExercise, type LoadedExercise } from './load';
import { gradescopeResult, junitReport, textReport } from './report';

const hostile = join(import.meta.dirname, 'fixtures', 'hostile');
const solution = join(import.meta.dirname, '..', 'histogram-quantile', 'solution.ts');
const limits = { testMs: 1000, loadMs: 8000, totalMs: 40_000, memoryMb: 256, outputChars: 2000 };

let exercise: LoadedExercise;
const reports = new Map<string, SubmissionReport>();

beforeAll(async () => {
  exercise = await loadExercise('histogram-quantile');
  const files = [solution, ...readdirSync(hostile).map((f) => join(hostile, f))];
  for (const r of await gradeFiles(exercise, files, { parallel: 4, limits, allowWeakIsolation: true })) reports.set(r.learner, r);
}, 120_000);

const report = (name: string) => reports.get(name)!;
const byId = (name: string) => new Map(report(name).tests.map((t) => [t.id, t]));
const ratioTests = ['ratio-simple', 'ratio-no-requests', 'ratio-reset', 'ratio-zero-errors'];

describe('rlab grade against hostile submissions', () => {
  it('gives the reference solution every point, visible and hidden', () => {
    expect(report('solution')).toMatchObject({ points: 16, maxPoints: 16, passed: 16 });
  });

  it('stops an infinite loop, reports it for that test only, and runs the rest in a fresh process', () => {
    const tests = byId('loop');
    // Ranks above 0.95 loop: p99, q > 1, no-traffic (q 0.99) and rank-in-inf (q 0.995).
    for (const id of ['p99-lesson', 'q-above-one', 'no-traffic', 'rank-in-inf']) {
      expect(tests.get(id)).toMatchObject({ status: 'timeout', points: 0 });
      expect(tests.get(id)!.message).toMatch(/timed out after 1000 ms/);
    }
    expect(report('loop').points).toBe(12);
  });

  it('stops a loop that starts after an await', () => {
    for (const id of ratioTests) expect(byId('await-loop').get(id)).toMatchObject({ status: 'timeout', points: 0 });
    expect(report('await-loop').points).toBe(12);
  });

  it('gives no process to exit: process.exit at import or during a test is an error of that submission only', () => {
    expect(report('exit-at-import')).toMatchObject({ points: 0 });
    expect(report('exit-at-import').problem).toMatch(/failed to load: TypeError: Cannot read properties of undefined \(reading 'exit'\)/);
    for (const id of ratioTests) expect(byId('exit-in-test').get(id)!.message).toMatch(/Cannot read properties of undefined \(reading 'exit'\)/);
    expect(report('exit-in-test').points).toBe(12);
  });

  it('reports an error thrown at import', () => {
    expect(report('throws-at-import')).toMatchObject({ points: 0 });
    expect(report('throws-at-import').problem).toMatch(/failed to load: boom at import/);
  });

  it('keeps a flood of output as truncated data and still grades', () => {
    expect(report('flood').points).toBe(16);
    expect(report('flood').stdout.length).toBeLessThan(2200);
    expect(report('flood').stdout).toMatch(/\[output truncated: \d+ more characters\]$/);
  });

  it('gives nothing to a submission that replaces built-ins, and says so', () => {
    expect(report('tamper').points).toBe(0);
    expect(report('tamper').tests.every((t) => /changed built-ins \(.*Number\.isNaN/.test(t.message))).toBe(true);
  });

  it('ignores forged result lines on stdout and on the results descriptor', () => {
    expect(report('forge').points).toBe(0);
    expect(byId('forge').get('p99-lesson')!.message).toBe('Expected 0.8333333333333333, received -1.');
  });

  it('denies file reads: no code generation from strings, no imports', () => {
    expect(report('reads-files').points).toBe(0);
    expect(report('reads-files').problem).toMatch(/Code generation from strings disallowed/);
  });

  it('has no network API at all', () => {
    expect(report('network').points).toBe(0);
    expect(report('network').tests.every((t) => /fetch is not defined|imports are not available in exercises \(tried to import "node:net"\)/.test(t.message))).toBe(true);
  });

  it('reaches no process, require or import from any trick (constructors, stack traces, callers, promise jobs, timers): the honest score', () => {
    expect(report('escapes').stdout).not.toMatch(/ESCAPED/);
    expect(report('escapes').points).toBe(report('returns-zero').points);
    expect(report('returns-zero').points).toBeLessThan(4);
  });

  it('cannot read the nonce from a heap snapshot or write result lines: forging has no effect (issue 13, item 5)', () => {
    expect(report('forge-heap-snapshot').points).toBe(report('returns-zero').points);
    expect(byId('forge-heap-snapshot').get('p99-lesson')!.message).toBe('Expected 0.8333333333333333, received 0.');
  });

  it('a setter named $$ or a toJSON on Object.prototype costs only that submission, with a clear message (item 4)', () => {
    for (const name of ['proto-setter', 'proto-tojson']) {
      expect(report(name).points).toBe(0);
      expect(report(name).tests.every((t) => t.status === 'error' && /changed built-ins \(Object\.prototype\.(\$\$|toJSON) \(added\)/.test(t.message))).toBe(true);
    }
    expect(report('solution').points).toBe(16);
  });

  it('survives a submission that exhausts memory, and grades it zero', () => {
    expect(report('memory').points).toBe(0);
    // Filling 256 MB can outlast the 1 s test limit on a busy machine: a timeout is as good as a kill.
    expect(report('memory').tests.every((t) => t.status === 'error' || t.status === 'timeout')).toBe(true);
    expect(report('memory').tests.some((t) => /out of memory|allocation failed/.test(t.message))).toBe(true);
  });

  it('reports a syntax error with its line', () => {
    expect(report('syntax-error').problem).toMatch(/does not compile: line 1, column \d+/);
  });
});

describe('grader reports', () => {
  it("writes Gradescope's results.json with points from the metadata and hidden tests after publishing", () => {
    const r = gradescopeResult(report('loop'));
    expect(r).toMatchObject({ score: 12, max_score: 16 });
    const tests = r.tests as { max_score: number; status: string; visibility: string; output: string }[];
    expect(tests).toHaveLength(16);
    expect(tests.every((t) => t.max_score === 1)).toBe(true);
    expect(tests.filter((t) => t.status === 'failed')).toHaveLength(4);
    expect(tests.filter((t) => t.visibility === 'after_published')).toHaveLength(exercise.hidden.length);
  });

  it('writes JUnit XML with one testcase per test, failures and errors marked, text escaped', () => {
    const xml = junitReport([report('solution'), report('loop'), report('syntax-error')]);
    expect(xml.match(/<testcase /g)).toHaveLength(48);
    expect(xml).toContain('tests="16" failures="0" errors="4"');
    expect(xml).not.toMatch(/<[^>]*<|&(?!amp;|lt;|gt;|quot;)/);
  });

  it('carries the "no network isolation" warning into Gradescope and JUnit reports', () => {
    const weak = "separate process per submission + Node's permission model; WARNING: no network isolation on this machine (unshare unavailable)";
    expect(gradescopeResult(report('solution'), weak).output).toBe('16 of 16 tests passed. WARNING: no network isolation on this machine (unshare unavailable).');
    expect(gradescopeResult(report('solution'), 'every layer').output).toBe('16 of 16 tests passed.');
    expect(junitReport([report('solution')], weak)).toContain(`<property name="isolation" value="separate process per submission + Node's permission model; WARNING: no network isolation`);
  });

  it('writes a text summary with the totals and the isolation used', () => {
    const text = textReport([report('solution'), report('loop')], 'test isolation');
    expect(text).toContain('solution (');
    expect(text).toContain('16/16 points');
    expect(text).toContain('TIMEOUT');
    expect(text).toMatch(/2 submissions, 28\/32 points in all\. Isolation: test isolation\./);
  });
});

describe('rlab grade arguments', () => {
  const io = () => {
    const out = { stdout: '', stderr: '' };
    return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t), readFile: () => '' } };
  };
  it.each([
    [['grade', solution], /--exercise is required/],
    [['grade', '--exercise', 'no-such', solution], /no exercise "no-such"/],
    [['grade', '--exercise', 'histogram-quantile', '--format', 'xml', solution], /--format must be one of text, json, gradescope, junit/],
    [['grade', '--exercise', 'histogram-quantile', '/no/such/file.ts'], /no such file or folder/],
    [['grade', '--exercise', 'histogram-quantile'], /at least one submission/],
  ])('exits 2 with a message for %j', async (argv, message) => {
    const { out, io: fake } = io();
    expect(await main(argv, fake)).toBe(2);
    expect(out.stderr).toMatch(message);
  });
});
