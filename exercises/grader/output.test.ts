/**
 * `rlab grade` arguments and report writing: a bad `--out` or argument is refused before any
 * grading (exit 2, a message, no stack trace); learners whose files share a name keep separate
 * results, and the output says how they are named; a report that cannot be written after grading
 * goes to stdout instead (exit 1), so no result is lost.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../simulations/cli';
import { projectRoot } from './bundle';
import { resultFileNames } from './output';

const exercise = 'histogram-quantile';
const solution = readFileSync(join(projectRoot, 'exercises', exercise, 'solution.ts'), 'utf8');
const starter = readFileSync(join(projectRoot, 'exercises', exercise, 'starter.ts'), 'utf8');
let dir: string;

async function rlab(...argv: string[]) {
  const out = { stdout: '', stderr: '' };
  const code = await main(['grade', ...argv], { stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t), readFile: () => '' });
  return { code, ...out };
}
const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at |Error:|node:internal/);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rlab-output-'));
  for (const [folder, source] of [['s1', solution], ['s2', starter]] as const) {
    mkdirSync(join(dir, folder));
    writeFileSync(join(dir, folder, 'bob.ts'), source);
  }
  writeFileSync(join(dir, 's1', 'alice.ts'), solution);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rlab grade refuses bad arguments before grading', () => {
  // ALICE stands for a real submission file (made in beforeAll).
  const cases: [string, string[], RegExp][] = [
    ['an unknown option', ['--exercise', exercise, '--bogus', 'ALICE'], /unknown option --bogus/],
    ['no exercise', ['ALICE'], /--exercise is required; exercises: .*histogram-quantile/],
    ['an unknown exercise', ['--exercise', 'nope', 'ALICE'], /no exercise "nope"/],
    ['an exercise id with escapes', ['--exercise', '\u001b[31mred', 'ALICE'], /no exercise "\\u001b\[31mred"/],
    ['--parallel 0', ['--exercise', exercise, '--parallel', '0', 'ALICE'], /--parallel must be a whole number from 1 to 64; got "0"/],
    ['--parallel -1', ['--exercise', exercise, '--parallel', '-1', 'ALICE'], /--parallel must be a whole number from 1 to 64; got "-1"/],
    ['--parallel abc', ['--exercise', exercise, '--parallel', 'abc', 'ALICE'], /--parallel must be a whole number/],
    ['--parallel 1e9', ['--exercise', exercise, '--parallel', '1e9', 'ALICE'], /--parallel must be a whole number/],
    ['--parallel 1000000000', ['--exercise', exercise, '--parallel', '1000000000', 'ALICE'], /--parallel must be a whole number from 1 to 64/],
    ['--parallel 2.5', ['--exercise', exercise, '--parallel', '2.5', 'ALICE'], /--parallel must be a whole number/],
    ['an unknown format', ['--exercise', exercise, '--format', 'xml', 'ALICE'], /--format must be one of text, json, gradescope, junit/],
    ['--out without a value', ['--exercise', exercise, 'ALICE', '--out'], /--out needs a value/],
    ['no submission', ['--exercise', exercise], /give at least one submission file or folder/],
    ['a missing file', ['--exercise', exercise, 'ALICE', '/no/such/file.ts'], /no such file or folder: \/no\/such\/file\.ts/],
  ];
  it.each(cases)('%s', async (_name, args, message) => {
    const r = await rlab(...args.map((a) => (a === 'ALICE' ? join(dir, 's1', 'alice.ts') : a)));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/Grading/);
    expect(r.stdout).toBe('');
    noStackTrace(r.stderr);
  });

  it('says when a folder is empty or has no .ts files', async () => {
    mkdirSync(join(dir, 'empty'));
    mkdirSync(join(dir, 'no-ts'));
    writeFileSync(join(dir, 'no-ts', 'notes.txt'), 'hi');
    writeFileSync(join(dir, 'no-ts', 'types.d.ts'), 'export {};');
    for (const [folder, message] of [['empty', /no \.ts files in .*empty \(it is empty\)/], ['no-ts', /no \.ts files in .*no-ts \(it has 2 other entries\)/]] as const) {
      const r = await rlab('--exercise', exercise, join(dir, folder));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      noStackTrace(r.stderr);
    }
  });

  it('checks --out first: a missing folder, a folder for a one-file format, a submission, a file for several Gradescope results', async () => {
    const alice = join(dir, 's1', 'alice.ts');
    writeFileSync(join(dir, 'existing.json'), 'keep me');
    const cases: [string[], RegExp][] = [
      [['--format', 'json', '--out', '/nonexistent/dir/x.json', alice], /cannot write \/nonexistent\/dir\/x\.json: the folder \/nonexistent\/dir does not exist/],
      [['--format', 'json', '--out', join(dir, 's1'), alice], /is a folder; --format json writes one file: give a file name/],
      [['--format', 'junit', '--out', `${join(dir, 'nothing-yet')}/`, alice], /is a folder; --format junit writes one file/],
      [['--out', alice, join(dir, 's1')], /is one of the submissions; the report would overwrite it/],
      [['--format', 'gradescope', '--out', join(dir, 'existing.json'), join(dir, 's1')], /is a file, but --format gradescope with 2 submissions writes one results\.json per learner into a folder/],
      [['--format', 'gradescope', '--out', join(dir, 'new.json'), join(dir, 's1')], /looks like a file name, but --format gradescope with 2 submissions/],
      [['--format', 'gradescope', '--out', join(dir, 'existing.json', 'sub'), join(dir, 's1')], /cannot create the folder .*existing\.json\/sub for the results \(E(NOTDIR|EXIST)\)/],
    ];
    for (const [args, message] of cases) {
      const r = await rlab('--exercise', exercise, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/Grading/);
      noStackTrace(r.stderr);
    }
    expect(readFileSync(join(dir, 'existing.json'), 'utf8')).toBe('keep me');
    expect(existsSync(join(dir, 'new.json'))).toBe(false);
  });
});

describe('rlab grade writes every result', () => {
  it('keeps learners with the same file name apart in JSON and in Gradescope files, and says so', async () => {
    const json = await rlab('--exercise', exercise, '--format', 'json', join(dir, 's1'), join(dir, 's2'));
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { submissions: { learner: string; points: number }[] };
    expect(report.submissions.map((s) => [s.learner, s.points])).toEqual([['alice', 16], ['s1/bob', 16], ['s2/bob', 0]]);
    expect(json.stderr).toMatch(/Note: 2 files are named bob \(without the extension\); the reports call them s1\/bob, s2\/bob\./);

    const out = join(dir, 'results');
    const gs = await rlab('--exercise', exercise, '--format', 'gradescope', '--out', out, join(dir, 's1'), join(dir, 's2'));
    expect(gs.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['alice.results.json', 's1__bob.results.json', 's2__bob.results.json']);
    expect(JSON.parse(readFileSync(join(out, 's1__bob.results.json'), 'utf8'))).toMatchObject({ score: 16 });
    expect(JSON.parse(readFileSync(join(out, 's2__bob.results.json'), 'utf8'))).toMatchObject({ score: 0 });
    expect(gs.stderr).toMatch(/Wrote 3 results\.json files to .*results\//);
    expect(gs.stderr).toMatch(/File names made unique or safe .*\n {2}.*s1\/bob\.ts -> s1__bob\.results\.json\n {2}.*s2\/bob\.ts -> s2__bob\.results\.json/);
  }, 60_000);

  it('warns about results left in the folder by an earlier run', async () => {
    const out = join(dir, 'reused');
    mkdirSync(out);
    writeFileSync(join(out, 'carol.results.json'), '{"score": 16}');
    writeFileSync(join(out, 'alice.results.json'), '{"score": 0}');
    const r = await rlab('--exercise', exercise, '--format', 'gradescope', '--out', out, join(dir, 's1'));
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'alice.results.json'), 'utf8'))).toMatchObject({ score: 16 });
    expect(r.stderr).toMatch(/Note: .*reused\/ also holds 1 results\.json file not from this run \(carol\.results\.json\); remove them before uploading\./);
  }, 60_000);

  it('writes a single Gradescope result into an existing folder under the learner name', async () => {
    const out = join(dir, 'one-result');
    mkdirSync(out);
    const r = await rlab('--exercise', exercise, '--format', 'gradescope', '--out', out, join(dir, 's1', 'alice.ts'));
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'alice.results.json'), 'utf8'))).toMatchObject({ score: 16, max_score: 16 });
  }, 60_000);

  it('prints the report on stdout when the file cannot be written after grading (disk full), exit 1', async () => {
    const r = await rlab('--exercise', exercise, '--format', 'json', '--out', '/dev/full', join(dir, 's1'), join(dir, 's2'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/could not write \/dev\/full \(ENOSPC.*\)\. The report follows on stdout/);
    expect((JSON.parse(r.stdout) as { submissions: unknown[] }).submissions).toHaveLength(3);
    noStackTrace(r.stderr);
  }, 60_000);

  it('prints the Gradescope results it could not write on stdout, writes the others, exit 1', async () => {
    const out = join(dir, 'partly');
    mkdirSync(join(out, 'alice.results.json'), { recursive: true }); // in the way: a folder where a file goes
    const r = await rlab('--exercise', exercise, '--format', 'gradescope', '--out', out, join(dir, 's1'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/could not write 1 of them .*\(EISDIR\)\. Their results follow on stdout/);
    expect(Object.entries(JSON.parse(r.stdout) as Record<string, { score: number }>)).toEqual([[join(dir, 's1', 'alice.ts'), expect.objectContaining({ score: 16 })]]);
    expect(JSON.parse(readFileSync(join(out, 'bob.results.json'), 'utf8'))).toMatchObject({ score: 16 });
  }, 60_000);
});

describe('rlab grade bundle --out', () => {
  it('is checked before the zip is built, and a failed write says so without a stack trace', async () => {
    for (const [out, code, message] of [
      ['/nonexistent/dir/ag.zip', 2, /cannot write \/nonexistent\/dir\/ag\.zip: the folder \/nonexistent\/dir does not exist/],
      [dir, 2, /is a folder; the autograder is one zip file: give a file name/],
      ['/dev/full', 1, /could not write \/dev\/full \(ENOSPC; it may be incomplete, do not upload it\)/],
    ] as const) {
      const r = await rlab('bundle', '--exercise', exercise, '--out', out);
      expect(r.code, out).toBe(code);
      expect(r.stderr).toMatch(message);
      noStackTrace(r.stderr);
    }
  });
});

describe('result file names', () => {
  it('are unique even where case does not count, safe on every system, and short enough', () => {
    expect(resultFileNames(['Bob', 'bob', 'BOB', 's1/bob'])).toEqual(['Bob.results.json', 'bob-2.results.json', 'BOB-3.results.json', 's1__bob.results.json']);
    expect(resultFileNames(['evil\n\u001b[31mPASS', '.hidden', 'con:x?', 'é'.repeat(300)]).map((n) => n.slice(0, 30))).toEqual([
      'evil__[31mPASS.results.json',
      '_hidden.results.json',
      'con_x_.results.json',
      'é'.repeat(30),
    ]);
    expect(Buffer.byteLength(resultFileNames(['é'.repeat(300)])[0]!)).toBeLessThanOrEqual(255);
  });
});
