/**
 * The batch the grader must survive: the reference solution graded in one run with every hostile
 * kind we can build here (links to the solution and to /dev/zero, a named pipe, a folder and a
 * 1 GiB file named `.ts`, hostile output, two learners with one file name, a file name with a
 * newline and escape codes) and every file of `fixtures/hostile/` (new fixtures join by being
 * there). The solution gets full marks, every other submission an honest score or its own clear
 * error, and the report is valid in every format: text, JSON, Gradescope (one file, and a folder
 * of one file per learner) and JUnit, each parsed back.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Io } from '../../simulations/core/command';
import { gradeFiles, type SubmissionReport } from './grade';
import { loadExercise, type LoadedExercise } from './load';
import { planOutput, writeReport } from './output';
import { formats, progressLine, type Format } from './report';
import { terminalUnsafe, xmlProblems } from './report-checks';
import { submissionFiles } from './submissions';

const hostileFixtures = join(import.meta.dirname, 'fixtures', 'hostile');
const limits = { testMs: 1000, loadMs: 8000, totalMs: 40_000, memoryMb: 256, outputChars: 2000 };
const FORGED = '\n  PASS    [hidden] FORGED (1/1)\n[9/9] FORGED: 16/16\n\u001b[1A\u001b[2K\u001b[32mPASS\u001b[0m \uffff \ud800 \udfff \u0000 \u202e';

let dir: string;
let exercise: LoadedExercise;
let files: string[];
let reports: SubmissionReport[];
const progress: string[] = [];
const byLearner = (name: string) => reports.find((r) => r.learner === name)!;

beforeAll(async () => {
  exercise = await loadExercise('histogram-quantile');
  dir = mkdtempSync(join(tmpdir(), 'rlab-batch-'));
  const subs = join(dir, 'subs');
  mkdirSync(subs);
  const solution = join(exercise.dir, 'solution.ts');
  copyFileSync(solution, join(subs, 'solution.ts'));
  symlinkSync(solution, join(subs, 'link-to-solution.ts'));
  symlinkSync('/dev/zero', join(subs, 'dev-zero.ts'));
  expect(spawnSync('mkfifo', [join(subs, 'fifo.ts')]).status).toBe(0);
  mkdirSync(join(subs, 'folder.ts'));
  copyFileSync(solution, join(subs, 'folder.ts', 'inside.ts'));
  writeFileSync(join(subs, 'huge.ts'), '');
  truncateSync(join(subs, 'huge.ts'), 2 ** 30);
  const noisy = `console.log(${JSON.stringify(FORGED)});\nconsole.error(${JSON.stringify(FORGED)});\n${exercise.solution.replace('if (q > 1) return Infinity;', `if (q > 1) throw new Error(${JSON.stringify(FORGED)});`)}`;
  writeFileSync(join(subs, 'noisy.ts'), noisy);
  writeFileSync(join(subs, `evil${FORGED.replace(/[\u0000/]|\ud800|\udfff/g, '')}.ts`), exercise.starter);
  for (const [folder, source] of [['s1', exercise.solution], ['s2', exercise.starter]] as const) {
    mkdirSync(join(dir, folder));
    writeFileSync(join(dir, folder, 'bob.ts'), source);
  }
  ({ files } = submissionFiles([subs, join(dir, 's1'), join(dir, 's2'), hostileFixtures]));
  reports = await gradeFiles(exercise, files, { parallel: 2, limits, onProgress: (done, total, r) => progress.push(progressLine(done, total, r)) });
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const maxPoints = () => exercise.visible.length + exercise.hidden.length;

describe('one batch: the solution with every hostile kind', () => {
  it('grades every submission, each once', () => {
    const fixtures = readdirSync(hostileFixtures).filter((f) => f.endsWith('.ts'));
    expect(reports).toHaveLength(10 + fixtures.length);
    expect(new Set(reports.map((r) => r.learner)).size).toBe(reports.length);
    for (const f of fixtures) expect(reports.some((r) => r.file.endsWith(`/hostile/${f}`)), f).toBe(true);
  });

  it('gives the reference solution and its copy in s1 full marks', () => {
    expect(byLearner('solution')).toMatchObject({ points: maxPoints(), maxPoints: maxPoints() });
    expect(byLearner('s1/bob')).toMatchObject({ points: maxPoints() });
    expect(byLearner('s2/bob')).toMatchObject({ points: 0 });
  });

  it('refuses what is not a regular file, with a reason, and gives it nothing', () => {
    for (const [learner, reason] of [['link-to-solution', /symbolic link/], ['dev-zero', /symbolic link/], ['fifo', /named pipe/], ['folder', /folder, not a file/], ['huge', /1073741824 bytes/]] as const) {
      expect(byLearner(learner), learner).toMatchObject({ points: 0, problem: expect.stringMatching(reason) });
    }
  });

  it('grades hostile output honestly: only the test that throws loses its point', () => {
    expect(byLearner('noisy')).toMatchObject({ points: maxPoints() - 1 });
    expect(byLearner('noisy').tests.find((t) => t.id === 'q-above-one')).toMatchObject({ status: 'error', points: 0 });
    expect(reports.find((r) => r.learner.startsWith('evil'))).toMatchObject({ points: 0, maxPoints: maxPoints() });
  });

  it('gives every submission a score that adds up, or an error that gives nothing', () => {
    for (const r of reports) {
      expect(r.tests, r.learner).toHaveLength(maxPoints());
      expect(r.points).toBe(r.tests.reduce((s, t) => s + t.points, 0));
      expect(r.passed).toBe(r.tests.filter((t) => t.status === 'passed').length);
      for (const t of r.tests) expect(t.status === 'passed' ? t.points === t.maxPoints : t.points === 0 && t.message.length > 0).toBe(true);
      if (r.problem) expect(r.points, r.learner).toBe(0);
    }
  });

  it('writes one progress line per submission, none forged', () => {
    const lines = progress.join('').split('\n').filter(Boolean);
    expect(lines).toHaveLength(reports.length);
    for (const line of lines) expect(line).toMatch(/^\[\d+\/\d+\] /);
    expect(progress.join('')).not.toMatch(terminalUnsafe);
  });
});

describe('the batch report in every format', () => {
  /** Writes the report the way `rlab grade` does; returns the exit code and what went to stdout. */
  const write = (format: Format, out: string | undefined, which = reports) => {
    let stdout = '';
    const io: Io = { stdout: (t) => void (stdout += t), stderr: () => {}, readFile: () => '' };
    const code = writeReport(planOutput(out, format, which.map((r) => r.file)), format, which, 'test isolation', io);
    return { code, stdout };
  };
  const total = () => reports.reduce((s, r) => s + r.total, 0);

  it('text: real lines only, every test listed, learner text escaped', () => {
    const { code, stdout } = write('text', undefined);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(terminalUnsafe);
    expect(stdout).not.toMatch(/^\s*PASS\b.*FORGED|^\[\d+\/\d+\] FORGED/m);
    expect(stdout.split('\n').filter((l) => /^ {2}(PASS|FAIL|ERROR|TIMEOUT|NOT RUN) /.test(l))).toHaveLength(total());
    expect(stdout).toContain(`${reports.length} submissions, ${reports.reduce((s, r) => s + r.points, 0)}/${reports.length * maxPoints()} points in all.`);
  });

  it('json: parses back to the same scores, with well-formed strings', () => {
    const out = join(dir, 'report.json');
    expect(write('json', out).code).toBe(0);
    const parsed = JSON.parse(readFileSync(out, 'utf8')) as { submissions: SubmissionReport[] };
    expect(parsed.submissions.map((s) => [s.learner.isWellFormed() ? s.learner : 'bad', s.points])).toEqual(reports.map((r) => [r.learner, r.points]));
    for (const s of parsed.submissions) expect([s.stdout, s.stderr, ...s.tests.map((t) => t.message)].every((x) => x.isWellFormed())).toBe(true);
  });

  it('gradescope: one results.json for one submission, and one file per learner in a folder', () => {
    const single = join(dir, 'results.json');
    expect(write('gradescope', single, [byLearner('noisy')]).code).toBe(0);
    expect(JSON.parse(readFileSync(single, 'utf8'))).toMatchObject({ score: maxPoints() - 1, max_score: maxPoints() });

    const folder = join(dir, 'gradescope');
    expect(write('gradescope', folder).code).toBe(0);
    const written = readdirSync(folder);
    expect(written).toHaveLength(reports.length);
    const scores = written.map((f) => (JSON.parse(readFileSync(join(folder, f), 'utf8')) as { score: number }).score).sort((a, b) => a - b);
    expect(scores).toEqual(reports.map((r) => r.points).sort((a, b) => a - b));
    for (const f of written) expect(f).toMatch(/^[^\u0000-\u001f/]+\.results\.json$/);
    expect(written).toEqual(expect.arrayContaining(['s1__bob.results.json', 's2__bob.results.json', 'solution.results.json']));
  });

  it('junit: well-formed XML 1.0 with a suite per submission and a case per test', () => {
    const out = join(dir, 'junit.xml');
    expect(write('junit', out).code).toBe(0);
    const { problems, elements } = xmlProblems(readFileSync(out, 'utf8'));
    expect(problems).toEqual([]);
    expect(elements.filter((e) => e === 'testsuite')).toHaveLength(reports.length);
    expect(elements.filter((e) => e === 'testcase')).toHaveLength(total());
  });

  it('covers every format the grader offers', () => {
    expect([...formats].sort()).toEqual(['gradescope', 'json', 'junit', 'text']);
  });
});
