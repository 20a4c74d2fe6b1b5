/**
 * Every `rlab` simulator command against hostile input, as an attacker or an unlucky user would
 * type it: odd numbers, control characters, huge values, prototype names, unknown and repeated
 * flags, and files that are empty, binary, directories, devices, FIFOs, deeply nested or huge.
 * Each run must end with exit 0 (valid input), 1 (a file with listed problems) or 2 (a usage
 * error), never 70 (an internal error), with a message of bounded size and no stack trace, within
 * a bounded time. (`rlab grade` has its own suite in exercises/grader.)
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, nodeIo } from './cli';
import type { Io } from './core/command';

const root = join(import.meta.dirname, '..');
let dir = '';
const file = (name: string) => join(dir, name);

/** Hostile files, created once. */
const FILES = ['missing.json', 'empty.json', 'binary.dat', 'a-directory', 'fifo', '/dev/zero', '/dev/null', 'deep.json', 'deep-object.json', 'bom.json', 'huge.json', 'infinite.json', 'nul.json', 'million-bad-lines.csv', 'huge-value.csv', 'near-1e308.csv'];
/** A hostile file named in a case: resolved when the case runs (the folder exists only after beforeAll). */
const path = (name: string) => (name.startsWith('/') ? name : `@${name}`);
const resolve = (args: string[]) => args.map((a) => (a.startsWith('@') ? file(a.slice(1)) : a));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rlab-hostile-'));
  writeFileSync(file('empty.json'), '');
  writeFileSync(file('binary.dat'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 97 + 13) % 256)));
  mkdirSync(file('a-directory'));
  spawnSync('mkfifo', [file('fifo')]);
  writeFileSync(file('deep.json'), '['.repeat(20_000) + ']'.repeat(20_000));
  writeFileSync(file('deep-object.json'), '{"a":'.repeat(9_000) + '1' + '}'.repeat(9_000));
  writeFileSync(file('bom.json'), '\uFEFF{"policy": "argo", "people": []}');
  writeFileSync(file('huge.json'), `[${'1,'.repeat(1_200_000)}1]`);
  writeFileSync(file('infinite.json'), '{"seed": 1e400, "traffic": {"requestsPerSecond": 1e999}}');
  writeFileSync(file('nul.json'), '{"a": "\u0000"}');
  writeFileSync(file('million-bad-lines.csv'), 't_seconds,error_ratio\n' + 'x,y\n'.repeat(1_000_000));
  writeFileSync(file('huge-value.csv'), `t_seconds,error_ratio\n0,0.${'1'.repeat(5_000_000)}x\n60,0\n`);
  writeFileSync(file('near-1e308.csv'), 't_seconds,requests,errors\n1e307,1e308,1e308\n1.7e308,1e308,0\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Values for every option that takes one. */
const VALUES = ['', ' ', '0', '-1', '007', '7.0', '0x7', '1e308', '-1e308', 'NaN', 'Infinity', '9'.repeat(400), 'abc', '\u0000', '\u001b[2J\u001b[31mPASS [hidden]\r', 'a\nb', '\u202eevil', 'é漢😀', '__proto__', 'x'.repeat(100_000)];

interface Target {
  command: string[];
  /** Arguments that make a cheap valid run; an option under test replaces its own. */
  base: string[];
  /** The base for file options, when it differs (burn-rate takes --input or --scenario). */
  fileBase?: string[];
  /** Files for the file options, when not `FILES` (an output must not overwrite the inputs). */
  files?: string[];
  options: string[];
  fileOptions: string[];
}

const TARGETS: Target[] = [
  { command: ['burn-rate'], base: ['--scenario', 'total-outage'], options: ['slo', 'period', 'step', 'seed', 'days', 'scenario'], fileOptions: ['input'], fileBase: ['--slo', '99.9'] },
  { command: ['rules'], base: ['--service', 'payment-api'], options: ['slo', 'period', 'service', 'runbook'], fileOptions: ['out'], files: ['a-directory', '/dev/zero', '/dev/null', 'no-such-folder/rules.yml'] },
  { command: ['canary'], base: ['--steps', '50:1m', '--export', 'argo'], options: ['policy', 'fault', 'steps', 'interval', 'rps', 'seed', 'export'], fileOptions: ['config'] },
  { command: ['golden-signals'], base: ['--duration', '5m'], options: ['seed', 'duration', 'fault'], fileOptions: [] },
  { command: ['incident'], base: ['--until', '5'], options: ['scenario', 'seed', 'until', 'log', 'team'], fileOptions: ['actions', 'scenario'] },
  { command: ['runbook'], base: [], options: ['seed', 'chance', 'alert'], fileOptions: ['runbook'] },
  { command: ['toil'], base: [], options: ['hourly-cost', 'order', 'schedule'], fileOptions: ['input'] },
  { command: ['scenario', 'validate'], base: [], options: [], fileOptions: [''] },
];

/** `base` without `option` and its value. */
function without(base: string[], option: string): string[] {
  const i = base.indexOf(`--${option}`);
  return i < 0 ? base : [...base.slice(0, i), ...base.slice(i + 2)];
}

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `rlab` in-process with the real file reader. */
async function run(rawArgs: string[]): Promise<Outcome> {
  const args = resolve(rawArgs);
  expect(dir).not.toBe('');
  const out = { stdout: '', stderr: '' };
  const io: Io = {
    stdout: (t) => void (out.stdout.length < 10_000_000 && (out.stdout += t)),
    stderr: (t) => void (out.stderr.length < 10_000_000 && (out.stderr += t)),
    readFile: nodeIo.readFile,
  };
  const start = performance.now();
  const code = await main(args, io);
  return { code, ...out, ms: performance.now() - start };
}

/** What every run must satisfy, whatever the input. */
function expectContained(args: string[], r: Outcome): void {
  const label = JSON.stringify(args).slice(0, 200);
  expect([0, 1, 2], `${label}: exit ${r.code}, stderr ${r.stderr.slice(0, 300)}`).toContain(r.code);
  expect(r.stderr, `${label}: a stack trace`).not.toMatch(/^\s+at .+[:(]/m);
  expect(r.stderr.length, `${label}: stderr size`).toBeLessThan(14_000);
  expect(r.stdout.length, `${label}: stdout size`).toBeLessThan(2_000_000);
  // Nothing the user typed reaches the terminal raw: no escape, carriage return or bidi override.
  expect(r.stdout + r.stderr, `${label}: raw control characters`).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  if (r.code !== 0) {
    expect(r.stderr.length + r.stdout.length, `${label}: says nothing`).toBeGreaterThan(0);
    if (r.code === 2) expect(r.stderr, `${label}: names the command`).toMatch(/^rlab /);
  }
  expect(r.ms, `${label}: time`).toBeLessThan(15_000);
}

const cases: string[][] = [];
for (const t of TARGETS) {
  for (const option of t.options) for (const value of VALUES) cases.push([...t.command, ...without(t.base, option), `--${option}`, value]);
  for (const option of t.fileOptions) {
    for (const name of t.files ?? FILES) {
      if (name === 'fifo') continue; // spawned below, with a timeout: a regression would block this process
      cases.push(option === '' ? [...t.command, path(name)] : [...t.command, ...without(t.fileBase ?? t.base, option), `--${option}`, path(name)]);
    }
  }
  // Flags: unknown, prototype names, without a value, given twice, values given to booleans, junk.
  for (const extra of [['--frobnicate'], ['--toString', 'x'], ['--__proto__', 'x'], ['--constructor'], ['--hasOwnProperty=1'], ['-z'], ['--json=yes'], ['--help', '--help'], ['junk'], ['--'], ['-'], [`--${'x'.repeat(100_000)}`]]) {
    cases.push([...t.command, ...t.base, ...extra]);
  }
  for (const option of t.options) {
    cases.push([...t.command, ...without(t.base, option), `--${option}`]);
    cases.push([...t.command, ...without(t.base, option), `--${option}`, '--json']);
  }
}

describe('every rlab command contains hostile input', () => {
  it(`${cases.length} hostile runs: exit 0, 1 or 2, a bounded message, no stack trace, no raw control characters`, { timeout: 600_000 }, async () => {
    const slowest = { ms: 0, args: [] as string[] };
    for (const args of cases) {
      const r = await run(args);
      expectContained(args, r);
      if (r.ms > slowest.ms) Object.assign(slowest, { ms: r.ms, args });
    }
    console.log(`${cases.length} hostile runs; slowest ${Math.round(slowest.ms)} ms: ${JSON.stringify(slowest.args).slice(0, 120)}`);
  });

  it('prototype names are unknown options, not "given twice"', async () => {
    for (const name of ['toString', '__proto__', 'constructor', 'valueOf']) {
      const r = await run(['canary', `--${name}`, 'x']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`unknown option --${name}`);
    }
  });

  it('a series too long for memory is refused up front, naming the limit', async () => {
    const r = await run(['burn-rate', '--scenario', 'ticket-leak', '--step', '1s', '--days', '365']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('365 days in steps of 1s make 31536000 steps; at most 3000000 (use a longer step or fewer days)');
    expect(r.ms).toBeLessThan(1_000);
  });

  it('an echoed value is cut at 80 characters with an ellipsis', async () => {
    const r = await run(['canary', '--policy', 'p'.repeat(50_000_000)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`got "${'p'.repeat(80)}…"`);
    expect(r.stderr.length).toBeLessThan(400);
  });
});

/** Runs the real executable with a time limit; resolves even if it hangs. */
function spawnRlab(args: string[], timeoutMs = 60_000): Promise<Outcome & { signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    const start = performance.now();
    const child = spawn(process.execPath, ['--max-old-space-size=512', join(root, 'bin', 'rlab.mjs'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => void (stdout.length < 1_000_000 && (stdout += d.toString())));
    child.stderr.on('data', (d: Buffer) => void (stderr.length < 1_000_000 && (stderr += d.toString())));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, signal, stdout, stderr, ms: performance.now() - start });
    });
  });
}

describe('rlab (spawned) on the inputs that used to crash or hang it', () => {
  const spawned: [string, string[], RegExp][] = [
    ['a FIFO is refused, not waited on', ['burn-rate', '--input', '@fifo'], /cannot read --input ".*fifo": it is a pipe \(FIFO\); give a regular file/],
    ['a FIFO as --out', ['rules', '--service', 'payment-api', '--out', '@fifo'], /cannot write --out ".*fifo": it exists and is not a regular file/],
    ['deep JSON in scenario validate (was a RangeError stack trace)', ['scenario', 'validate', '@deep.json'], /deep\.json nests arrays and objects more than 64 levels deep/],
    ['deep JSON in incident --actions (was a RangeError stack trace)', ['incident', '--actions', '@deep.json'], /deep\.json nests arrays and objects more than 64 levels deep/],
    ['deep JSON in canary --config (was a RangeError stack trace)', ['canary', '--config', '@deep.json'], /deep\.json: the file nests arrays and objects more than 64 levels deep/],
    ['a step of 0.0001s on a scenario (was 29 s and a V8 out-of-memory)', ['burn-rate', '--slo', '99.9', '--period', '30d', '--scenario', 'flapping', '--step', '0.0001s'], /--step must be a duration from 1s to 1d/],
    ['/dev/zero as --input (read 7.9 GB)', ['burn-rate', '--input', '/dev/zero'], /it is a device; give a regular file/],
  ];
  it.each(spawned)('%s', { timeout: 120_000 }, async (_, rawArgs, message) => {
    const args = rawArgs.map((a) => (a.startsWith('@') ? file(a.slice(1)) : a));
    const r = await spawnRlab(args);
    expect(r.signal, 'killed after the time limit: it hung').toBeNull();
    expect([1, 2]).toContain(r.code);
    expect(r.stdout + r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr.length).toBeLessThan(2_000);
  });
});
