import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, multiwindowRules, parseSeriesCsv, scenario, workbookApproaches, type SloSpec } from './burn-rate/model';
import { paramsFromSearch } from './burn-rate/params';
import { runBurnRate } from './burn-rate/run';
import { COMMANDS, main, nodeIo } from './cli';
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

describe('main (in-process): defaults, seeds, limits and problem lists', () => {
  const runMain = (args: string[], files: Record<string, string> = {}) => {
    const out = { stdout: '', stderr: '' };
    const io: Io = {
      stdout: (t) => void (out.stdout += t),
      stderr: (t) => void (out.stderr += t),
      readFile: (path, max) => (Object.hasOwn(files, path) ? files[path]! : nodeIo.readFile(path, max)),
    };
    const code = main(args, io) as number;
    return { code, ...out };
  };

  it("burn-rate takes the lesson's SLO and period by default: --scenario total-outage --seed 1 runs", () => {
    const short = runMain(['burn-rate', '--scenario', 'total-outage', '--seed', '1', '--json']);
    expect(short.stderr).toBe('');
    expect(short.code).toBe(0);
    expect(short.stdout).toBe(runMain(['burn-rate', '--slo', '99.9', '--period', '30d', '--scenario', 'total-outage', '--seed', '1', '--json']).stdout);
  });

  it('incident replays the lesson\'s default scenario without --scenario', () => {
    const r = runMain(['incident', '--until', '10', '--json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { scenario: { id: string } }).scenario.id).toBe('database-outage');
  });

  it('a seed reads as the browser reads it: 007 is 7 in every command; 7.0, 0x7 and abc are refused', () => {
    const commands = [
      ['burn-rate', '--scenario', 'flapping', '--json'],
      ['golden-signals', '--duration', '10m', '--json'],
      ['canary', '--json'],
      ['incident', '--until', '30', '--json'],
      ['runbook', '--json'],
    ];
    for (const args of commands) {
      const seven = runMain([...args, '--seed', '7']);
      expect(seven.code, args[0]).toBe(0);
      expect(runMain([...args, '--seed', '007']).stdout, args[0]).toBe(seven.stdout);
      expect(runMain([...args, '--seed', '8']).stdout, args[0]).not.toBe(seven.stdout);
      for (const bad of ['7.0', '0x7', 'abc', '-1', '2147483647']) {
        const r = runMain([...args, '--seed', bad]);
        expect(r.code, `${args[0]} --seed ${bad}`).toBe(2);
        expect(r.stderr).toContain(`--seed must be a whole number from 0 to 2147483646; got "${bad}"`);
      }
    }
    // The page's ?seed=007 is the run the CLI printed for --seed 007.
    const page = runBurnRate({ ...paramsFromSearch('?seed=007').params, scenario: 'flapping' });
    const cli = JSON.parse(runMain(['burn-rate', '--scenario', 'flapping', '--seed', '007', '--json']).stdout) as { budget: { spent: number } };
    expect(cli.budget.spent).toBeCloseTo(page.budgetSpent, 12);
  });

  it('every size has a limit checked up front, named in the message', () => {
    const cases: [string[], string][] = [
      [['burn-rate', '--scenario', 'flapping', '--step', '0.0001s'], '--step must be a duration from 1s to 1d, like 15s or 1m; got "0.0001s"'],
      [['burn-rate', '--scenario', 'flapping', '--period', '1000d'], '--period must be a duration from 1d to 365d'],
      [['burn-rate', '--scenario', 'flapping', '--days', '1e300'], '--days must be a number above 0 and at most 365; got "1e300"'],
      [['burn-rate', '--scenario', 'ticket-leak', '--step', '1s', '--days', '365'], 'at most 3000000 (use a longer step or fewer days)'],
      [['golden-signals', '--fault', 'latency-regression:0-600:1e308'], '--fault value must be a plain number like 0.2 or 3; got "1e308"'],
      [['golden-signals', '--fault', 'traffic-spike:0-600:5000'], 'traffic-spike: value must be a multiplier from 0 to 1000; got 5000'],
      [['golden-signals', '--duration', '10m', '--fault', 'error-burst:20m-30m:0.2'], 'a fault starts at 1200 s, after the run ends (--duration 10m); it would never happen'],
      [['golden-signals', ...Array.from({ length: 9 }, () => ['--fault', 'error-burst:0-60:0.1']).flat()], 'at most 8 --fault options; got 9'],
      [['canary', '--steps', Array.from({ length: 100_000 }, (_, i) => `${i}:1m`).join(',')], '--steps must hold 1 to 20 steps; got 100000'],
      [['incident', '--team', 'x'.repeat(81), '--result'], '--team must be a name of at most 80 characters on one line'],
      [['incident', '--log', 'x'.repeat(100_001)], '--log is 100001 characters long; at most 100000'],
    ];
    for (const [args, message] of cases) {
      const r = runMain(args);
      expect(r.code, args.join(' ').slice(0, 100)).toBe(2);
      expect(r.stderr).toContain(message);
    }
  });

  it('a CSV with a million bad lines lists 20 problems and counts the rest (it printed 2 million lines)', () => {
    const r = runMain(['burn-rate', '--input', 'bad.csv'], { 'bad.csv': 't_seconds,error_ratio\n' + 'x,y\n'.repeat(1_000_000) });
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[20]).toBe('bad.csv: ... and 1999980 more problems (fix the ones above first)');
  });

  it('a 50 MB value is echoed as 80 characters', () => {
    const r = runMain(['burn-rate', '--input', 'big.csv'], { 'big.csv': `t_seconds,error_ratio\n0,0.${'1'.repeat(50_000_000)}x\n` });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`big.csv: line 2: error_ratio "0.${'1'.repeat(78)}…" is not a number\n`);
  });

  it('values near 1e308 are refused with their line (they gave "Budget spent: 0%" or NaN%)', () => {
    const r = runMain(['burn-rate', '--input', 'huge.csv'], { 'huge.csv': 't_seconds,requests,errors\n60,1e308,1e308\n1e300,10,0\n120,1e400,0\n' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('line 2: requests 1e308 is more than 1000000000 in one row');
    expect(r.stderr).toContain('line 3: t_seconds 1e300 is beyond 100000000000 s');
    expect(r.stderr).toContain('line 4: requests 1e400 is too large to be a number');
    expect(r.stderr).not.toMatch(/NaN|Infinity/);
  });

  it('Infinity in a JSON config is named, not shown as "got null"', () => {
    const r = runMain(['canary', '--config', 'c.json'], { 'c.json': '{"traffic": {"requestsPerSecond": 1e999}}' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('c.json: the file holds a number too large to represent at traffic.requestsPerSecond');
    expect(r.stderr).not.toContain('null');
  });

  it('a scenario serving 1e308 requests a second is refused (it printed "Infinity failed requests")', () => {
    const scenario = JSON.parse(readFileSync(join(root, 'simulations', 'incident', 'scenarios', 'memory-leak.json'), 'utf8')) as Record<string, unknown>;
    const r = runMain(['incident', '--scenario', 'big.json'], { 'big.json': JSON.stringify({ ...scenario, requestsPerSecond: 1e308 }) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('requestsPerSecond must be a number of requests per second above 0 and at most 10000000; got 1e+308');
    expect(r.stdout).toBe('');
  });

  it('a config with 30,000 steps says so in one line, not 20 lines about step 101 onwards', () => {
    const steps = Array.from({ length: 30_000 }, (_, i) => ({ weight: i, pause: '1m' }));
    const r = runMain(['canary', '--config', 'c.json'], { 'c.json': JSON.stringify({ steps }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('rlab canary: c.json: steps must hold 1 to 20 steps, got 30000\nRun "rlab canary --help" for usage.\n');
  });

  it('a UTF-8 BOM is accepted in every JSON input', () => {
    const bom = '\uFEFF';
    expect(runMain(['canary', '--config', 'c.json', '--export', 'argo'], { 'c.json': `${bom}{"policy": "argo"}` }).code).toBe(0);
    expect(runMain(['toil', '--input', 't.json'], { 't.json': `${bom}{"people": [{"name": "a", "totalWorkHours": 40, "tasks": []}]}` }).code).toBe(0);
    const scenario = readFileSync(join(root, 'simulations', 'incident', 'scenarios', 'memory-leak.json'), 'utf8');
    expect(runMain(['scenario', 'validate', 's.json'], { 's.json': bom + scenario }).stdout).toContain('s.json: valid');
    const runbook = '{"name": "r", "steps": [{"id": "a", "action": "echo"}]}';
    expect(runMain(['runbook', '--runbook', 'r.json'], { 'r.json': bom + runbook }).code).toBe(0);
  });

  it('an internal error is one paragraph with exit 70, never a stack trace', () => {
    const broken: Command = {
      name: 'broken',
      summary: 'throws',
      run() {
        throw new TypeError('cannot read properties of undefined');
      },
    };
    const out = { stdout: '', stderr: '' };
    const io: Io = { stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t), readFile: () => '' };
    expect(main(['broken'], io, [broken])).toBe(70);
    expect(out.stderr).toMatch(/^rlab broken: internal error \(TypeError: cannot read properties of undefined\); the command stopped\. This is a bug in rlab/);
    expect(out.stderr).not.toMatch(/^\s+at /m);
  });
});
