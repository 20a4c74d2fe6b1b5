import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFault } from './command';
import { PAYMENT_API, runGoldenSignals } from './model';

const root = join(import.meta.dirname, '..', '..');

/** Runs the real executable, as a user would. */
function rlab(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'rlab.mjs'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('rlab golden-signals (spawned)', () => {
  it('is listed in rlab --help, and its --help lists its options and fault kinds', () => {
    expect(rlab('--help').stdout).toMatch(/^\s+golden-signals\s/m);
    const help = rlab('golden-signals', '--help');
    expect(help.code).toBe(0);
    for (const text of ['--seed', '--duration', '--fault', '--json', 'error-burst', 'latency-regression', 'cpu-saturation', 'traffic-spike']) {
      expect(help.stdout).toContain(text);
    }
  });

  it('--json prints what the model computes, the same in every process', () => {
    const args = ['golden-signals', '--seed', '7', '--duration', '30m', '--fault', 'error-burst:10m-20m:20%', '--fault=cpu-saturation:600-900:45', '--json'];
    const a = rlab(...args);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    expect(rlab(...args).stdout).toBe(a.stdout);
    const report = JSON.parse(a.stdout) as { events: unknown[]; signals: { t: number; errorRatio: number | null; alerts: Record<string, string> }[] };
    const expected = runGoldenSignals(
      PAYMENT_API,
      [
        { kind: 'error-burst', startSeconds: 600, endSeconds: 1200, value: 0.2 },
        { kind: 'cpu-saturation', startSeconds: 600, endSeconds: 900, value: 45 },
      ],
      { seed: '7', durationSeconds: 1800 },
    );
    expect(report.events).toEqual(expected.events);
    expect(report.signals).toHaveLength(121);
    expect(report.signals[0]!.errorRatio).toBeNull(); // NaN, no data yet
    expect(report.signals.map((s) => s.alerts.HighErrorRate)).toEqual(expected.alertStates[0]);
  });

  it('prints the alert events and one row of signals per minute', () => {
    const r = rlab('golden-signals', '--fault', 'error-burst:600-1200:0.2');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\s+660\s+HighErrorRate\s+pending$/m);
    expect(r.stdout).toMatch(/^\s+780\s+HighErrorRate\s+firing$/m);
    expect(r.stdout).toMatch(/HighErrorRate\s+resolved$/m);
    const table = r.stdout.split('Signals per minute')[1]!.trim().split('\n').slice(2); // after the title and header
    expect(table.map((l) => Number(l.trim().split(/\s+/)[0]))).toEqual(Array.from({ length: 61 }, (_, m) => m));
  });

  it.each([
    [['golden-signals', '--fault', 'error-burst:600-1200'], 'KIND:START-END:VALUE'],
    [['golden-signals', '--fault', 'meteor:600-1200:1'], 'unknown fault kind "meteor"'],
    [['golden-signals', '--fault', 'error-burst:600-1200:1.5'], 'a 5xx fraction in [0, 1]'],
    [['golden-signals', '--fault', 'cpu-saturation:900-600:40'], 'needs 0 <= start < end'],
    [['golden-signals', '--fault', 'traffic-spike:soon-later:2'], 'start and end must be seconds or durations'],
    [['golden-signals', '--fault'], 'option --fault needs a value'],
    [['golden-signals', '--duration', 'forever'], '--duration must be a duration'],
    [['golden-signals', '--duration', '30d'], '--duration must be a duration from 15s to 7d'],
    [['golden-signals', '--frobnicate'], 'unknown option --frobnicate'],
    [['golden-signals', 'extra'], 'unexpected argument "extra"'],
  ])('%j: says what is wrong on stderr and exits 2', (args, message) => {
    const r = rlab(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });
});

describe('parseFault', () => {
  it('reads seconds, durations and percentages', () => {
    expect(parseFault('error-burst:10m-20m:20%')).toEqual({ kind: 'error-burst', startSeconds: 600, endSeconds: 1200, value: 0.2 });
    expect(parseFault('latency-regression:600-1h:4.5')).toEqual({ kind: 'latency-regression', startSeconds: 600, endSeconds: 3600, value: 4.5 });
    expect(parseFault('traffic-spike:0-90:0')).toEqual({ kind: 'traffic-spike', startSeconds: 0, endSeconds: 90, value: 0 });
  });
});
