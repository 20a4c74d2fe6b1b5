/**
 * Reports stay valid and honest whatever a learner prints, throws or names a file: JUnit is
 * well-formed XML 1.0 (parsed), JSON parses and holds only well-formed strings, Gradescope's
 * results.json has no control characters a web service chokes on, and the text report and the
 * progress lines cannot be given fake lines, colours or cursor moves.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradeFile, type SubmissionReport } from './grade';
import { loadExercise } from './load';
import { terminalUnsafe, xmlProblems } from './report-checks';
import { gradescopeReport, gradescopeResult, jsonReport, junitReport, progressLine, textReport } from './report';

/** Text a learner controls: a forged report line, a carriage return, ANSI erase/colour codes, XML's forbidden characters, a bidi override, NEL. */
const HOSTILE = 'x\n  PASS    [hidden] FORGED (1/1)\r\u001b[2K\u001b[1A\u001b[32mPASS\u001b[0m \uffff \ufffe \ud800 \udc00 \u0000 \u0007 \u202e \u0085 ]]> & < " end';

const synthetic: SubmissionReport = {
  file: `s1/${HOSTILE}.ts`,
  learner: HOSTILE,
  exercise: 'histogram-quantile',
  tests: [
    { id: 'one', name: 'first', task: 1, visibility: 'visible', status: 'error', message: `Threw an error: ${HOSTILE}`, points: 0, maxPoints: 1 },
    { id: 'two', name: 'second', task: 2, visibility: 'hidden', status: 'passed', message: 'Passed.', points: 1, maxPoints: 1 },
  ],
  points: 1,
  maxPoints: 2,
  passed: 1,
  total: 2,
  problem: HOSTILE,
  stdout: `${HOSTILE}\n${HOSTILE}\n`,
  stderr: HOSTILE,
  ms: 12,
};

let dir: string;
let graded: SubmissionReport;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rlab-reports-'));
  const exercise = await loadExercise('histogram-quantile');
  // The reference solution, printing hostile text when loaded and throwing it for q > 1.
  const noisy = `console.log(${JSON.stringify(HOSTILE)});\nconsole.error(${JSON.stringify(HOSTILE)});\n${exercise.solution.replace('if (q > 1) return Infinity;', `if (q > 1) throw new Error(${JSON.stringify(HOSTILE)});`)}`;
  expect(noisy).toContain('throw new Error');
  writeFileSync(join(dir, 'noisy.ts'), noisy);
  graded = await gradeFile(exercise, join(dir, 'noisy.ts'), { testMs: 2000, loadMs: 8000, totalMs: 40_000, memoryMb: 256, outputChars: 2000 });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const both = () => [synthetic, graded];

describe('reports with hostile learner text', () => {
  it('grades the noisy solution honestly: only the test it throws in fails', () => {
    expect(graded).toMatchObject({ points: 15, maxPoints: 16 });
    expect(graded.tests.find((t) => t.id === 'q-above-one')).toMatchObject({ status: 'error', points: 0 });
    expect(graded.stdout).toContain('\u001b[2K');
  });

  it('writes JUnit that is well-formed XML 1.0, with the forbidden characters shown as escapes', () => {
    for (const [xml, cases] of [[junitReport(both(), 'isolation'), 18], [junitReport([graded]), 16]] as const) {
      const { problems, elements } = xmlProblems(xml);
      expect(problems).toEqual([]);
      expect(elements.filter((e) => e === 'testcase')).toHaveLength(cases);
      expect(xml).toContain('\\uffff');
      expect(xml).toContain('\\ud800');
      expect(xml).toContain('\\u001b[2K');
    }
  });

  it('writes JSON that parses, keeps the text (control characters JSON-escaped) and has no lone surrogates', () => {
    const text = jsonReport(both(), 'isolation');
    expect(text).not.toMatch(/\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}/i);
    const parsed = JSON.parse(text) as { submissions: SubmissionReport[] };
    for (const r of parsed.submissions) {
      for (const s of [r.learner, r.file, r.stdout, r.stderr, ...r.tests.map((t) => t.message)]) expect(s.isWellFormed()).toBe(true);
    }
    expect(parsed.submissions[0]!.stdout).toContain('\u001b[32mPASS\u001b[0m \uffff \ufffe \ufffd \ufffd \u0000');
    expect(parsed.submissions[0]!.points).toBe(1);
  });

  it("writes Gradescope results.json as plain text with no NUL, ESC or lone surrogate, scores kept", () => {
    const single = JSON.parse(gradescopeReport([graded], 'isolation')) as { score: number; output_format: string; tests: { output: string; status: string }[] };
    expect(single).toMatchObject({ score: 15, max_score: 16, output_format: 'text', test_output_format: 'text' });
    const several = gradescopeReport(both(), 'isolation');
    const parsed = JSON.parse(several) as Record<string, ReturnType<typeof gradescopeResult>>;
    expect(Object.keys(parsed)).toHaveLength(2);
    const walk = (v: unknown): string[] => (typeof v === 'string' ? [v] : v && typeof v === 'object' ? [...Object.keys(v), ...Object.values(v).flatMap(walk)] : []);
    for (const s of walk(parsed)) {
      expect(s.isWellFormed()).toBe(true);
      expect(s).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\uffff\ufffe]/);
    }
    // Newlines stay; each control character, noncharacter and lone surrogate is shown as an escape.
    const output = Object.values(parsed)[0]!.output as string;
    expect(output).toBe(`Could not grade: x\n  PASS    [hidden] FORGED (1/1)${String.raw`\r\u001b[2K\u001b[1A\u001b[32mPASS\u001b[0m \uffff \ufffe \ud800 \udc00 \u0000 \u0007 \u202e \u0085`} ]]> & < " end`);
  });

  it('keeps the text report to real lines: learner output behind a margin, every control character escaped', () => {
    const text = textReport(both(), 'isolation');
    expect(text).not.toMatch(terminalUnsafe);
    expect(text).not.toMatch(/^\s*PASS\b.*FORGED/m);
    const testLines = text.split('\n').filter((l) => /^ {2}(PASS|FAIL|ERROR|TIMEOUT|NOT RUN) /.test(l));
    expect(testLines).toHaveLength(2 + 16);
    expect(text).toContain('\\u001b[1A');
    const block = text.split('\n').filter((l) => l.includes('FORGED') && !l.startsWith('          ') && !l.startsWith('  ! '));
    // Outside messages and problems, learner text appears only in the header (escaped) and behind the stdout margin.
    for (const line of block) expect(line.startsWith('    | ') || line.includes('points,')).toBe(true);
  });

  it('writes one progress line per submission, whatever its name and problem hold', () => {
    const line = progressLine(3, 9, synthetic);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(line).not.toMatch(terminalUnsafe);
    expect(line).toMatch(/^\[3\/9\] x\\n {2}PASS/);
  });

  it('keeps a clean report exactly readable (nothing escaped that needs no escaping)', () => {
    const clean: SubmissionReport = { ...synthetic, file: 'subs/José Núñez.ts', learner: 'José Núñez', problem: undefined, stdout: 'line one\n\tindented — “quoted” 🙂\n', stderr: '', tests: [{ ...synthetic.tests[0]!, message: 'Expected 1, received 2.' }] };
    const text = textReport([clean], 'isolation');
    expect(text).toContain('José Núñez (subs/José Núñez.ts)');
    expect(text).toContain('    | line one\n    | \tindented — “quoted” 🙂\n');
    const xml = junitReport([clean]);
    expect(xml).toContain('line one\n\tindented — “quoted” 🙂');
    expect(JSON.parse(gradescopeReport([clean]))).toMatchObject({ output: '1 of 2 tests passed.', tests: [{ output: 'Expected 1, received 2.' }] });
  });
});
