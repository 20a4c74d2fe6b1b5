/**
 * Issue 13, item 3: without Linux namespaces a submission must still be unable to signal any
 * process but itself. The grader runs as a separate command (as staff run it) against a
 * generated submission that tries every route to `process.kill` a bystander `sleep` this test
 * started, and the grader itself (`process.ppid` of the submission's process). Safe by design:
 * the only pids in the submission are the bystander's and its own parent's.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionReport } from './grade';
import { describeIsolation, sandboxUid, weakIsolationRefusal } from './isolate';
import { gradescopeResult, jsonReport, junitReport, textReport } from './report';

const root = join(import.meta.dirname, '..', '..');
const isRoot = process.getuid?.() === 0;
let dir: string;
let bystander: ChildProcess;

/** A submission that tries to kill `pid` and its own grader through every route it might have to `process`. */
function signallingSubmission(pid: number): string {
  return `declare const require: any;
const BYSTANDER = ${pid};
const g = globalThis as any;
const routes: (() => any)[] = [
  () => g.process,
  function (this: any) { return this.constructor.constructor('return process')(); },
  () => ({}).constructor.constructor('return process')(),
  () => require('process'),
  () => (module as any).constructor.constructor('return process')(),
  () => {
    let sites: any[] = [];
    (Error as any).prepareStackTrace = (_e: unknown, s: any[]) => (sites = s);
    void new Error('x').stack;
    for (const c of sites) { const f = c.getFunction?.(); if (f) return f.constructor('return process')(); }
    return undefined;
  },
];
let reached = 0;
const strike = () => {
  for (const route of routes) {
    try {
      const p = route();
      if (p && typeof p.kill === 'function') {
        reached++;
        p.kill(BYSTANDER, 'SIGKILL');
        p.kill(p.ppid, 'SIGKILL');
      }
    } catch {}
  }
  try { require('child_process').execSync('kill -9 ' + BYSTANDER); } catch {}
};
strike();
Promise.resolve().then(strike);
try { g.setTimeout(strike, 0); } catch {}
export function histogramQuantile(_q: number, _b: unknown): number { strike(); return reached; }
export function errorRatio(_a: unknown, _b: unknown): number { strike(); return reached; }
`;
}

/** Runs `rlab grade` as its own process; resolves with its exit code and output. */
function grade(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'rlab.mjs'), 'grade', '--exercise', 'histogram-quantile', ...args], { cwd: root, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const alive = (p: ChildProcess) => p.exitCode === null && p.signalCode === null;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rlab-isolation-'));
  bystander = spawn('sleep', ['300'], { stdio: 'ignore' });
  writeFileSync(join(dir, 'signals.ts'), signallingSubmission(bystander.pid!));
});
afterAll(() => {
  bystander.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('a submission cannot signal other processes (issue 13, item 3)', () => {
  it.runIf(isRoot)('without namespaces, as root: each submission runs as its own user; the bystander and the grader survive and the report is written', async () => {
    const out = join(dir, 'as-root.json');
    const r = await grade([join(dir, 'signals.ts'), '--format', 'json', '--out', out], { RLAB_GRADE_NO_NAMESPACES: '1' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(alive(bystander)).toBe(true);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as { isolation: string; submissions: SubmissionReport[] };
    expect(report.isolation).toMatch(/its own unprivileged user per process/);
    expect(report.submissions[0]!.points).toBe(2); // "returns 0" is right for q = 0 and for no traffic: nothing was reached
  }, 60_000);

  it('without namespaces or root: refuses to grade, says why, and writes nothing', async () => {
    const out = join(dir, 'refused.json');
    const r = await grade([join(dir, 'signals.ts'), '--format', 'json', '--out', out], { RLAB_GRADE_NO_NAMESPACES: '1', RLAB_GRADE_NO_USER_SWITCH: '1' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refusing to grade: this machine offers no OS-level isolation .* pass --allow-weak-isolation/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('with --allow-weak-isolation: the vm realm alone still keeps the bystander and the grader alive, and the report warns', async () => {
    const out = join(dir, 'weak.json');
    const r = await grade([join(dir, 'signals.ts'), '--format', 'json', '--out', out, '--allow-weak-isolation'], { RLAB_GRADE_NO_NAMESPACES: '1', RLAB_GRADE_NO_USER_SWITCH: '1' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(alive(bystander)).toBe(true);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8')) as { isolation: string; submissions: SubmissionReport[] };
    expect(report.isolation).toMatch(/WARNING: .*no OS-level process isolation/);
    expect(report.submissions[0]!.points).toBe(2);
  }, 60_000);

  it.runIf(isRoot)('the sandbox users cannot signal a process of the grader\'s user, nor each other', () => {
    const probe = (uid: number, pid: number) =>
      spawnSync(process.execPath, ['-e', `try { process.kill(${pid}, 0); console.log('reachable'); } catch (e) { console.log(e.code); }`], { uid, gid: uid, cwd: tmpdir(), encoding: 'utf8' }).stdout.trim();
    expect(probe(sandboxUid(1), bystander.pid!)).toBe('EPERM');
    const neighbour = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 5000)'], { uid: sandboxUid(2), gid: sandboxUid(2), cwd: tmpdir(), stdio: 'ignore' });
    try {
      expect(probe(sandboxUid(3), neighbour.pid!)).toBe('EPERM');
    } finally {
      neighbour.kill();
    }
  });
});

describe('the isolation a machine offers', () => {
  const weak = describeIsolation({ namespaces: false, prlimit: true, separateUsers: false });
  it('is weak only without both namespaces and separate users', () => {
    expect(weak.weak).toBe(true);
    expect(describeIsolation({ namespaces: false, prlimit: true, separateUsers: true }).weak).toBe(false);
    expect(describeIsolation({ namespaces: true, prlimit: false, separateUsers: false }).weak).toBe(false);
    expect(weakIsolationRefusal(describeIsolation({ namespaces: true, prlimit: true, separateUsers: true }))).toBeUndefined();
  });

  it('says so in every report format', () => {
    const report: SubmissionReport = { file: 'a.ts', learner: 'a', exercise: 'histogram-quantile', tests: [], points: 0, maxPoints: 0, passed: 0, total: 0, stdout: '', stderr: '', ms: 1 };
    const warning = /WARNING: no network isolation .*no OS-level process isolation/;
    expect(textReport([report], weak.description)).toMatch(warning);
    expect(JSON.parse(jsonReport([report], weak.description)).isolation).toMatch(warning);
    expect(String(gradescopeResult(report, weak.description).output)).toMatch(warning);
    expect(junitReport([report], weak.description)).toMatch(warning);
  });
});
