/**
 * Only regular files are graded. A submission that is a symbolic link (to the reference
 * solution, to /dev/zero), a named pipe, a folder named `.ts` or a file too big gets a clear
 * error of its own, never the points of what it points to, never a hang or gigabytes read, and
 * the rest of the batch is graded as usual: by `rlab grade` and by the Gradescope bundle's
 * `run_autograder`, run end to end from the unpacked zip.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../simulations/cli';
import { projectRoot } from './bundle';
import { readZip } from './zip';

const exercise = 'histogram-quantile';
const solution = join(projectRoot, 'exercises', exercise, 'solution.ts');
let dir: string;

const fakeIo = () => {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t), readFile: () => '' } };
};

/** `rlab grade --format json` on the paths; the exit code, the parsed report and stderr. */
async function grade(...paths: string[]) {
  const { out, io } = fakeIo();
  const code = await main(['grade', '--exercise', exercise, '--format', 'json', '--parallel', '2', ...paths], io);
  const report = code === 2 ? undefined : (JSON.parse(out.stdout) as { submissions: { learner: string; file: string; points: number; maxPoints: number; problem?: string }[] });
  return { code, report, stderr: out.stderr, byName: new Map(report?.submissions.map((s) => [s.learner, s])) };
}

const mkfifo = (path: string) => expect(spawnSync('mkfifo', [path]).status).toBe(0);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rlab-files-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rlab grade reads regular files only', () => {
  it('refuses links, pipes, devices, folders and huge files, each with its own reason, and grades the rest', async () => {
    const subs = join(dir, 'subs');
    mkdirSync(subs);
    copyFileSync(solution, join(subs, 'alice.ts'));
    symlinkSync(solution, join(subs, 'link-to-solution.ts'));
    symlinkSync(relative(subs, solution), join(subs, 'relative-link.ts'));
    symlinkSync(dirname(solution), join(subs, 'link-to-folder.ts')); // not expanded into the exercise's files
    symlinkSync('/dev/zero', join(subs, 'zero.ts'));
    symlinkSync(join(dir, 'nowhere.ts'), join(subs, 'dangling.ts'));
    mkfifo(join(subs, 'fifo.ts'));
    mkdirSync(join(subs, 'folder.ts'));
    copyFileSync(solution, join(subs, 'folder.ts', 'inside.ts'));
    writeFileSync(join(subs, 'huge.ts'), '');
    truncateSync(join(subs, 'huge.ts'), 2 ** 30); // sparse: 1 GiB that takes no disk
    writeFileSync(join(subs, 'just-too-big.ts'), `// ${'x'.repeat(200_000)}\n`);

    const started = Date.now();
    const { code, byName, stderr } = await grade(subs);
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(byName.get('alice')).toMatchObject({ points: 16, maxPoints: 16 });
    const refused: [string, RegExp][] = [
      ['link-to-solution', /symbolic link/],
      ['relative-link', /symbolic link/],
      ['link-to-folder', /symbolic link/],
      ['zero', /symbolic link/],
      ['dangling', /symbolic link/],
      ['fifo', /named pipe/],
      ['folder', /folder, not a file/],
      ['huge', /1073741824 bytes; submissions may be at most 200000/],
      ['just-too-big', /200004 bytes; submissions may be at most 200000/],
    ];
    for (const [name, reason] of refused) {
      expect(byName.get(name), name).toMatchObject({ points: 0, maxPoints: 16, problem: expect.stringMatching(reason) });
    }
    expect(byName.size).toBe(1 + refused.length);
    expect(byName.has('inside')).toBe(false);
    expect(stderr).toMatch(/\[\d+\/10\] fifo: 0\/16 \(it is a named pipe/);
  }, 90_000);

  it('refuses a link, a device and a pipe given directly on the command line too', async () => {
    symlinkSync(solution, join(dir, 'direct-link.ts'));
    mkfifo(join(dir, 'direct-fifo.ts'));
    const { code, byName } = await grade(join(dir, 'direct-link.ts'), '/dev/zero', join(dir, 'direct-fifo.ts'));
    expect(code).toBe(0);
    expect(byName.get('direct-link')).toMatchObject({ points: 0, problem: expect.stringMatching(/symbolic link/) });
    expect(byName.get('zero')).toMatchObject({ points: 0, problem: expect.stringMatching(/device/) });
    expect(byName.get('direct-fifo')).toMatchObject({ points: 0, problem: expect.stringMatching(/named pipe/) });
  }, 60_000);

  it('grades a file given through a linked folder (staff paths are followed), and the same file only once', async () => {
    const real = join(dir, 'real');
    mkdirSync(real);
    copyFileSync(solution, join(real, 'carol.ts'));
    symlinkSync(real, join(dir, 'linked-folder'));
    const { code, byName, stderr } = await grade(join(dir, 'linked-folder'), join(real, 'carol.ts'));
    expect(code).toBe(0);
    expect([...byName.keys()]).toEqual(['carol']);
    expect(byName.get('carol')).toMatchObject({ points: 16 });
    expect(stderr).toMatch(/carol\.ts was given more than once; it is graded once/);
  }, 60_000);

  it('says so when a file name is not valid UTF-8, and names a file called just ".ts" by its name', async () => {
    const odd = join(dir, 'odd');
    mkdirSync(odd);
    writeFileSync(Buffer.concat([Buffer.from(`${odd}/`), Buffer.from([0xff, 0xfe]), Buffer.from('.ts')]), readFileSync(solution));
    copyFileSync(solution, join(odd, '.ts'));
    const { code, report } = await grade(odd);
    expect(code).toBe(0);
    expect(report!.submissions.map((s) => [s.learner, s.points, s.problem])).toEqual([
      ['.ts', 16, undefined],
      ['\ufffd\ufffd', 0, 'its file name is not valid UTF-8, so it cannot be opened by name (rename the file)'],
    ]);
  }, 60_000);
});

describe('the Gradescope bundle grades regular files only', () => {
  let root: string;
  beforeAll(async () => {
    const { io } = fakeIo();
    expect(await main(['grade', 'bundle', '--exercise', exercise, '--out', join(dir, 'ag.zip')], io)).toBe(0);
    root = join(dir, 'autograder');
    for (const f of readZip(readFileSync(join(dir, 'ag.zip')))) {
      mkdirSync(dirname(join(root, 'source', f.name)), { recursive: true });
      writeFileSync(join(root, 'source', f.name), f.data, { mode: f.mode });
    }
    symlinkSync(join(projectRoot, 'node_modules'), join(root, 'source', 'node_modules'));
  });

  const runAutograder = (submission: () => void) => {
    rmSync(join(root, 'submission'), { recursive: true, force: true });
    rmSync(join(root, 'results'), { recursive: true, force: true });
    mkdirSync(join(root, 'submission'));
    submission();
    const r = spawnSync('bash', [join(root, 'source', 'run_autograder')], { env: { ...process.env, AUTOGRADER_DIR: root }, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(readFileSync(join(root, 'results', 'results.json'), 'utf8')) as { score: number; max_score: number; output: string; tests: unknown[] };
  };

  it('gives 0 with the reason to a submission linking to the bundled reference solution', () => {
    const results = runAutograder(() => symlinkSync('../source/exercises/histogram-quantile/solution.ts', join(root, 'submission', 'mine.ts')));
    expect(results).toMatchObject({ score: 0, max_score: 16, output: expect.stringMatching(/^Could not grade: it is a symbolic link/) });
    expect(results.tests).toHaveLength(16);
  }, 90_000);

  it('does not hang on a named pipe or read a device, and still grades a real file', () => {
    expect(runAutograder(() => mkfifo(join(root, 'submission', 'pipe.ts')))).toMatchObject({ score: 0, output: expect.stringMatching(/named pipe/) });
    expect(runAutograder(() => symlinkSync('/dev/zero', join(root, 'submission', 'zero.ts')))).toMatchObject({ score: 0, output: expect.stringMatching(/symbolic link/) });
    expect(runAutograder(() => copyFileSync(solution, join(root, 'submission', 'mine.ts')))).toMatchObject({ score: 16, max_score: 16 });
  }, 120_000);
});
