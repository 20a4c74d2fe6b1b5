import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, multiwindowRules, parseSeriesCsv, scenario, workbookApproaches, type SloSpec } from './burn-rate/model';
import { COMMANDS, main } from './cli';
import type { Command, Io } from './core/command';

const root = join(import.meta.dirname, '..');
const fixture = (name: string) => join('simulations', 'burn-rate', 'fixtures', name);
const SLO: SloSpec = { target: 0.999, periodSeconds: 30 * 86_400 };

/** Runs the real executable, as a user would. */
function rlab(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'rlab.mjs'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The model's answer for a fixture, computed in-process. */
function modelOn(file: string, slo: SloSpec, step: number, sloth = false) {
  const parsed = parseSeriesCsv(readFileSync(join(root, file), 'utf8'), step);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return evaluate(parsed.series, slo, multiwindowRules(slo, { sloth }));
}

interface JsonAlert {
  id: string;
  severity: string;
  conditions: { longSeconds: number; shortSeconds: number | null; factor: number }[];
  intervals: { firedAt: number; resolvedAt: number | null }[];
  missed: boolean | null;
  detectionDelaySeconds: number | null;
  approach: { number: number };
}

describe('rlab (spawned)', () => {
  it('--help lists the subcommands; burn-rate --help lists its options', () => {
    const top = rlab('--help');
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/^\s+burn-rate\s/m);
    const sub = rlab('burn-rate', '--help');
    expect(sub.code).toBe(0);
    for (const option of ['--slo', '--period', '--input', '--step', '--scenario', '--seed', '--json', '--sloth', '--approaches']) {
      expect(sub.stdout).toContain(option);
    }
  });

  it('burn-rate --json on a CSV prints what the model computes for it', () => {
    const r = rlab('burn-rate', '--slo', '99.9', '--period', '30d', '--input', fixture('outage.csv'), '--step', '1m', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { alerts: JsonAlert[]; budget: { spent: number; exhaustedAt: number | null }; errorBudget: number };
    const expected = modelOn(fixture('outage.csv'), SLO, 60);
    expect(report.errorBudget).toBe(0.001);
    expect(report.alerts.map((a) => a.intervals)).toEqual(expected.rules.map((x) => x.intervals));
    expect(report.alerts.map((a) => [a.severity, a.conditions])).toEqual(expected.rules.map((x) => [x.rule.severity, x.rule.pairs]));
    expect(report.budget).toEqual({ spent: expected.budgetSpent, exhaustedAt: expected.exhaustedAt });
    // The fixture fails everything from 7200 s to 10800 s: the 1h/5m page fires in the first
    // minute and stops about 5 minutes after recovery.
    const page = report.alerts[0]!.intervals[0]!;
    expect(page.firedAt).toBeGreaterThan(7200);
    expect(page.firedAt).toBeLessThanOrEqual(7260);
    expect(page.resolvedAt! - 10_800).toBeLessThanOrEqual(300);
  });

  it('burn-rate prints a readable table with each alert, the budget spent and the exhaustion time', () => {
    const r = rlab('burn-rate', '--slo', '99.9', '--input', fixture('outage.csv'), '--step', '15s');
    expect(r.code).toBe(0);
    const expected = modelOn(fixture('outage.csv'), SLO, 15);
    const lines = r.stdout.split('\n');
    expected.rules.forEach((x) => {
      const p = x.rule.pairs[0]!;
      const row = lines.find((l) => l.trim().startsWith(x.rule.severity) && l.includes(` ${p.factor} `) && l.includes(String(x.intervals[0]!.firedAt)));
      expect(row, `row for ${x.rule.id}`).toBeDefined();
    });
    expect(r.stdout).toMatch(new RegExp(`Budget spent: ${Math.round(expected.budgetSpent * 1000) / 10}`));
    expect(r.stdout).toContain(`at ${expected.exhaustedAt} s`);
  });

  it("--period 28d --sloth uses Sloth's 28-day factors", () => {
    const r = rlab('burn-rate', '--slo', '99.9', '--period', '28d', '--input', fixture('outage.csv'), '--sloth', '--json');
    expect(r.code).toBe(0);
    const factors = (JSON.parse(r.stdout) as { alerts: JsonAlert[] }).alerts.map((a) => a.conditions[0]!.factor);
    expect(factors.slice(0, 2)).toEqual([13.44, 5.6]);
    expect(factors[2]).toBeCloseTo(0.9333, 4);
    expect(factors[3]).toBe(2.8);
  });

  it('a scenario run is the same in every process, and matches the model: approach 3 misses flapping, approach 6 pages', () => {
    const args = ['burn-rate', '--slo', '99.9', '--scenario', 'flapping', '--seed', '7', '--approaches', '--json'];
    const a = rlab(...args);
    expect(a.code).toBe(0);
    expect(rlab(...args).stdout).toBe(a.stdout);
    const alerts = (JSON.parse(a.stdout) as { alerts: JsonAlert[] }).alerts;
    const sc = scenario('flapping', { slo: SLO, seed: '7' });
    const expected = evaluate(sc.series, SLO, workbookApproaches(SLO).flatMap((x) => x.rules), { event: sc.event });
    expect(alerts.map((x) => [x.id, x.intervals, x.detectionDelaySeconds])).toEqual(expected.rules.map((x) => [x.rule.id, x.intervals, x.detectionDelaySeconds]));
    expect(alerts.find((x) => x.approach.number === 3)!.missed).toBe(true);
    expect(alerts.find((x) => x.id === 'multiwindow-multi-burn-rate:1h-5m')!.missed).toBe(false);
  });

  it('lists every CSV problem with its line on stderr and exits 1', () => {
    const r = rlab('burn-rate', '--slo', '99.9', '--input', fixture('bad.csv'));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines.map((l) => /bad\.csv: line (\d+):/.exec(l)?.[1])).toEqual(['3', '4', '5', '6']);
  });

  it.each([
    [['burn-rate', '--input', fixture('outage.csv')], 'missing --slo'],
    [['burn-rate', '--slo', '101', '--input', fixture('outage.csv')], '--slo must be a percentage'],
    [['burn-rate', '--slo', '99.9', '--period', 'monthly', '--input', fixture('outage.csv')], '--period must be a duration'],
    [['burn-rate', '--slo', '99.9', '--step', '0s', '--input', fixture('outage.csv')], '--step must be a duration'],
    [['burn-rate', '--slo', '99.9'], 'give --input FILE or --scenario NAME'],
    [['burn-rate', '--slo', '99.9', '--input', fixture('outage.csv'), '--scenario', 'flapping'], 'not both'],
    [['burn-rate', '--slo', '99.9', '--scenario', 'meteor'], 'unknown scenario "meteor"'],
    [['burn-rate', '--slo', '99.9', '--scenario', 'slow-burn', '--days', '2'], 'needs at least 4 days (its event ends at 345600 s)'],
    [['burn-rate', '--slo', '99.9', '--input', 'no-such-file.csv'], 'cannot read --input "no-such-file.csv"'],
    [['burn-rate', '--slo', '99.9', '--frobnicate'], 'unknown option --frobnicate'],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [[], 'Usage: rlab'],
  ])('%j: says what is wrong on stderr and exits 2', (args, message) => {
    const r = rlab(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });
});

describe('main (in-process)', () => {
  const memoryIo = () => {
    const out = { stdout: '', stderr: '' };
    const io: Io = { stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t), readFile: () => '' };
    return { io, out };
  };

  it('runs a subcommand added to the registry, and turns its usage errors into exit 2', () => {
    const echo: Command = {
      name: 'echo',
      summary: 'print the arguments',
      run(argv, io) {
        io.stdout(argv.join(' '));
        return 0;
      },
    };
    const { io, out } = memoryIo();
    expect(main(['--help'], io, [...COMMANDS, echo])).toBe(0);
    expect(out.stdout).toMatch(/^\s+echo\s+print the arguments$/m);
    expect(main(['echo', 'a', 'b'], io, [...COMMANDS, echo])).toBe(0);
    expect(out.stdout.endsWith('a b')).toBe(true);
    expect(main(['burn-rate', '--slo', 'abc'], io)).toBe(2);
    expect(out.stderr).toContain('rlab burn-rate: --slo must be a percentage');
  });
});
