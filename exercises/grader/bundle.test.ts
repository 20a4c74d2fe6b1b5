/**
 * `rlab grade bundle`: the Gradescope zip holds everything the grader loads (checked by following
 * the imports), run_autograder grades with --format gradescope, and the unpacked bundle really
 * grades a submission into results.json. Bad arguments exit 2 with the list of exercises.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../simulations/cli';
import { exerciseFiles, gradescopeBundle, graderRuntimeFiles, lockfileSubset, projectRoot, runAutograderScript } from './bundle';
import { exerciseIds } from './load';
import { readZip, type ZipFileRead } from './zip';

const exercise = 'histogram-quantile';
let dir: string;
let files: ZipFileRead[];

const fakeIo = () => {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t), readFile: () => '' } };
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rlab-bundle-'));
  const { io } = fakeIo();
  expect(await main(['grade', 'bundle', '--exercise', exercise, '--out', join(dir, 'ag.zip')], io)).toBe(0);
  files = readZip(readFileSync(join(dir, 'ag.zip')));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const text = (name: string) => files.find((f) => f.name === name)!.data.toString('utf8');

describe('rlab grade bundle', () => {
  it('has the Gradescope scripts (executable), the grader, the exercise with its hidden tests, and pinned packages', () => {
    const names = files.map((f) => f.name);
    expect(names.slice(0, 6)).toEqual(['setup.sh', 'run_autograder', 'README.txt', 'grade.mjs', 'package.json', 'package-lock.json']);
    expect(names).toEqual(expect.arrayContaining([...graderRuntimeFiles, ...exerciseFiles.map((f) => `exercises/${exercise}/${f}`)]));
    expect(names.filter((n) => n.startsWith('exercises/') && !n.startsWith(`exercises/${exercise}/`) && !n.startsWith('exercises/grader/'))).toEqual([]);
    for (const script of ['setup.sh', 'run_autograder']) expect(files.find((f) => f.name === script)!.mode).toBe(0o755);
    expect(text('README.txt')).toMatch(/STAFF ONLY/);
    const pkg = JSON.parse(text('package.json')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies).toEqual({ typescript: '5.9.3', tsx: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    expect(text('setup.sh')).toMatch(/setup_20\.x/);
    expect(text('setup.sh')).toMatch(/npm ci/);
  });

  it('ships every module the grader imports (following relative imports from the entry)', () => {
    const names = new Set(files.map((f) => f.name));
    const pending = ['exercises/grader/command.ts', `exercises/${exercise}/tests.visible.ts`, `exercises/${exercise}/tests.hidden.ts`, 'exercises/grader/child.mjs'];
    const seen = new Set<string>();
    while (pending.length) {
      const file = pending.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      // Static imports of values (type-only imports vanish when transpiled); dynamic ones are optional extras.
      for (const m of text(file).matchAll(/^import (?!type )[^;]*? from '(\.[^']+)'/gm)) {
        const base = normalize(join(dirname(file), m[1]!));
        const found = [base, `${base}.ts`].find((c) => names.has(c));
        expect(found, `${file} imports ${m[1]}`).toBeDefined();
        pending.push(found!);
      }
    }
    expect(seen.has('src/lib/grading/sandbox-runner.mjs')).toBe(true);
  });

  it('runs the grader on the submitted file with --format gradescope into results/results.json', () => {
    const script = runAutograderScript(exercise);
    expect(script).toMatch(/node grade\.mjs --exercise histogram-quantile --format gradescope --out "\$RESULTS" -- "\$\{files\[0\]\}"/);
    expect(script).toContain('RESULTS="$ROOT/results/results.json"');
    expect(text('run_autograder')).toBe(script);
  });

  it('grades a submission end to end when unpacked (node_modules linked instead of npm ci)', () => {
    const root = join(dir, 'autograder');
    mkdirSync(join(root, 'submission'), { recursive: true });
    for (const f of files) {
      mkdirSync(dirname(join(root, 'source', f.name)), { recursive: true });
      writeFileSync(join(root, 'source', f.name), f.data, { mode: f.mode });
    }
    symlinkSync(join(projectRoot, 'node_modules'), join(root, 'source', 'node_modules'));
    copyFileSync(join(projectRoot, 'exercises', exercise, 'solution.ts'), join(root, 'submission', 'alice.ts'));
    const env = { ...process.env, AUTOGRADER_DIR: root };
    let r = spawnSync('bash', [join(root, 'source', 'run_autograder')], { env, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(root, 'results', 'results.json'), 'utf8')) as { score: number; max_score: number; tests: { visibility: string }[] };
    expect(results.score).toBe(results.max_score);
    expect(results.tests.some((t) => t.visibility === 'after_published')).toBe(true);

    copyFileSync(join(projectRoot, 'exercises', exercise, 'starter.ts'), join(root, 'submission', 'bob.ts'));
    r = spawnSync('bash', [join(root, 'source', 'run_autograder')], { env, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(join(root, 'results', 'results.json'), 'utf8'))).toEqual({ score: 0, output: 'Submit exactly one .ts file (found 2: alice.ts bob.ts).' });
  }, 90_000);

  it.each([
    [['grade', 'bundle'], /--exercise is required; exercises: /],
    [['grade', 'bundle', '--exercise', 'no-such'], /no exercise "no-such"; exercises: /],
  ])('exits 2 listing the exercises for %j', async (argv, message) => {
    const { out, io } = fakeIo();
    expect(await main(argv, io)).toBe(2);
    expect(out.stderr).toMatch(message);
    for (const id of exerciseIds()) expect(out.stderr).toContain(id);
    expect(existsSync('no-such-gradescope.zip')).toBe(false);
  });
});

describe('lockfileSubset', () => {
  it('keeps the roots and what they need, nested paths included, and marks platform binaries optional', () => {
    const lock = {
      packages: {
        '': { name: 'course' },
        'node_modules/tool': { version: '1.0.0', dev: true, dependencies: { lib: '^2' }, optionalDependencies: { 'bin-linux': '1.0.0' } },
        'node_modules/tool/node_modules/lib': { version: '2.1.0', dev: true },
        'node_modules/lib': { version: '3.0.0', dev: true },
        'node_modules/bin-linux': { version: '1.0.0', dev: true, optional: true },
        'node_modules/unrelated': { version: '9.9.9' },
      },
    };
    expect(lockfileSubset(lock, ['tool'], 'ag')).toEqual({
      name: 'ag',
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': { name: 'ag', dependencies: { tool: '1.0.0' } },
        'node_modules/tool': { version: '1.0.0', dependencies: { lib: '^2' }, optionalDependencies: { 'bin-linux': '1.0.0' } },
        'node_modules/tool/node_modules/lib': { version: '2.1.0' },
        'node_modules/bin-linux': { version: '1.0.0', optional: true },
      },
    });
  });

  it('covers TypeScript and tsx with everything they need in the real lockfile', () => {
    const lock = JSON.parse(readFileSync(join(projectRoot, 'package-lock.json'), 'utf8'));
    const subset = lockfileSubset(lock, ['typescript', 'tsx'], 'ag');
    expect(Object.keys(subset.packages)).toEqual(expect.arrayContaining(['node_modules/typescript', 'node_modules/tsx', expect.stringMatching(/esbuild$/), expect.stringMatching(/@esbuild\/linux-x64$/)]));
    expect(gradescopeBundle(exercise).find((e) => e.name === 'package-lock.json')).toBeDefined();
  });
});
