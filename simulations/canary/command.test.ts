import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { main } from '../cli';
import { configFromArgs } from './command';
import { DEFAULT_CONFIG, runCanary } from './model';

const root = join(import.meta.dirname, '..', '..');
const fixture = (name: string) => join('simulations', 'canary', 'fixtures', name);

/** Runs the real executable, as a user would. */
function rlab(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'rlab.mjs'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Report {
  seed: string;
  config: { policy: string; steps: { weight: number; pause: string }[] };
  outcome: { result: string; atSeconds: number; stepIndex: number; weight: number; reason: string };
  cost: { canary: { requests: number; excessErrors: number }; bigBang: { requests: number }; definition: string };
  intervals: { index: number; weight: number; canary: { requests: number; errors: number; errorRatio: number | null }; baseline: { requests: number }; verdict: string; action: string; summary: string; detail: { kind: string } }[];
}

describe('rlab canary (spawned)', () => {
  it('is listed in rlab --help, and its --help lists its options and policies', () => {
    expect(rlab('--help').stdout).toMatch(/^\s+canary\s/m);
    const help = rlab('canary', '--help');
    expect(help.code).toBe(0);
    for (const text of ['--config', '--policy', '--fault', '--steps', '--seed', '--json', '--export', 'simple', 'argo', 'flagger', 'kayenta']) expect(help.stdout).toContain(text);
  });

  it('--json prints every interval, its decision and the outcome, as the model computes them, the same in every process', () => {
    const args = ['canary', '--config', fixture('argo-error-ratio.json'), '--seed', '4', '--json'];
    const a = rlab(...args);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    expect(rlab(...args).stdout).toBe(a.stdout);
    const report = JSON.parse(a.stdout) as Report;
    const expected = runCanary({ ...DEFAULT_CONFIG, newVersion: { fault: 'error-ratio', value: 0.02 } }, '4');
    expect(report.seed).toBe('4');
    expect(report.outcome).toEqual(expected.outcome);
    expect(report.outcome.result).toBe('rolled-back');
    expect(report.intervals).toEqual(JSON.parse(JSON.stringify(expected.intervals)));
    expect(report.intervals[0]).toMatchObject({ index: 0, weight: 5, detail: { kind: 'argo' } });
    expect(report.cost.canary.requests).toBe(report.intervals.reduce((s, i) => s + i.canary.requests, 0));
    expect(report.cost.definition).toContain('Big bang');
    expect(report.config.steps).toEqual([
      { weight: 5, pause: '5m' },
      { weight: 25, pause: '5m' },
      { weight: 50, pause: '5m' },
    ]);
  });

  it('prints a readable table with the outcome and the cost against a big bang', () => {
    const r = rlab('canary', '--policy', 'flagger', '--fault', 'error-ratio:2%');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\s+#\s+end\s+weight %/m);
    expect(r.stdout).toMatch(/^Outcome: ROLLED BACK after 3m \(step 1, canary weight 5%\): FailedChecks reached the threshold 3/m);
    expect(r.stdout).toMatch(/^ {2}big bang: \d+ requests served/m);
  });

  it('runs a config file whose seed comes from the file, and flags override the file', () => {
    const fine = rlab('canary', '--config', fixture('kayenta-fine.json'), '--seed', '66', '--json');
    expect((JSON.parse(fine.stdout) as Report).outcome.result).toBe('promoted');
    // 'source' is the old name of the simple rule: still accepted, reported under its new name.
    const flagged = JSON.parse(rlab('canary', '--config', fixture('kayenta-fine.json'), '--policy', 'source', '--json').stdout) as Report;
    expect(flagged.config.policy).toBe('simple');
    expect(rlab('canary', '--policy', 'simple').stdout).not.toMatch(/\bsource\b/i);
  });

  it('--export prints YAML that parses', () => {
    const r = rlab('canary', '--export', 'argo', '--steps', '10:2m,50:2m');
    expect(r.code).toBe(0);
    const kinds = loadAll(r.stdout).map((d) => (d as { kind: string }).kind);
    expect(kinds).toEqual(['AnalysisTemplate', 'Rollout']);
    expect(rlab('canary', '--export', 'flagger').stdout).toContain('stepWeights: [5, 25, 50]');
  });

  it.each([
    [['canary', '--config', fixture('bad-config.json')], 'steps[2].weight must be a number from 0 to 100, got "abc"'],
    [['canary', '--config', fixture('bad-config.json')], 'traffic.requestsPerSecond must be a number from 0 (exclusive) to 100000, got -3'],
    [['canary', '--config', fixture('not-json.json')], 'not valid JSON (line 1, column 21)'],
    [['canary', '--config', fixture('missing.json')], 'cannot read --config'],
    [['canary', '--policy', 'spinnaker'], '--policy must be one of simple, argo, flagger, kayenta; got "spinnaker"'],
    [['canary', '--fault', 'error-ratio:150%'], '--fault: error-ratio needs a 5xx fraction from 0 to 1'],
    [['canary', '--steps', '5:5m,1:5m'], '--steps[1].weight must be larger than the step before (5), got 1'],
    [['canary', '--steps', '5:90s'], '--steps[0].pause must be a multiple of the analysis interval (1m), got 90s'],
    [['canary', '--interval', '15s'], '--interval must be a multiple of 10s'],
    [['canary', '--rps', 'lots'], '--rps must be a number above 0'],
    [['canary', '--export', 'spinnaker'], '--export must be argo or flagger'],
    [['canary', '--export', 'argo', '--json'], '--export and --json cannot be used together'],
    [['canary', '--frobnicate'], 'unknown option --frobnicate'],
    [['canary', 'extra'], 'unexpected argument "extra"'],
  ])('%j: says what is wrong on stderr and exits 2', (args, message) => {
    const r = rlab(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });
});

describe('configFromArgs', () => {
  const io = { stdout: () => {}, stderr: () => {}, readFile: () => '{"policy": "kayenta", "seed": 12, "newVersion": {"fault": "latency-shift", "value": 100}}' };
  it('merges defaults, the file and the flags, in that order', () => {
    const { config, seed } = configFromArgs({ config: 'x.json', fault: 'error-ratio:0.01', rps: '50' }, io);
    expect(seed).toBe('12');
    expect(config).toEqual({ ...DEFAULT_CONFIG, policy: 'kayenta', newVersion: { fault: 'error-ratio', value: 0.01 }, traffic: { ...DEFAULT_CONFIG.traffic, requestsPerSecond: 50 } });
  });

  it('in-process main() returns 2 for usage errors', () => {
    const errors: string[] = [];
    expect(main(['canary', '--policy', 'x'], { stdout: () => {}, stderr: (t) => void errors.push(t), readFile: () => '' })).toBe(2);
    expect(errors.join('')).toContain('rlab canary: --policy must be one of');
  });
});
