import { createActor, getInitialSnapshot, getNextSnapshot } from 'xstate';
import { describe, expect, it } from 'vitest';
import { burnRateMachine } from './machine';
import { DEFAULT_PARAMS, nextSeed, paramsFromSearch, paramsToSearch } from './params';
import { downsampleMax, runBurnRate } from './run';

describe('burn-rate machine', () => {
  it('starts from the URL parameters and runs the model', () => {
    const s = getInitialSnapshot(burnRateMachine, { scenario: 'total-outage', seed: 3 });
    expect(s.context.params).toMatchObject({ scenario: 'total-outage', seed: 3, sloPercent: 99.9 });
    expect(s.context.run.rows).toHaveLength(6);
  });

  it('re-runs on a parameter change and keeps the run consistent with the parameters', () => {
    const s0 = getInitialSnapshot(burnRateMachine, {});
    const s1 = getNextSnapshot(burnRateMachine, s0, { type: 'param.change', params: { scenario: 'total-outage' } });
    expect(s1.context.run.params.scenario).toBe('total-outage');
    expect(s1.context.run).toEqual(runBurnRate(s1.context.params));
  });

  it('ignores an invalid seed instead of running with it', () => {
    const s0 = getInitialSnapshot(burnRateMachine, {});
    const s1 = getNextSnapshot(burnRateMachine, s0, { type: 'param.change', params: { seed: -4 } });
    expect(s1.context.params.seed).toBe(DEFAULT_PARAMS.seed);
  });

  it('"new seed" moves to a different, reproducible seed; reset restores defaults', () => {
    const actor = createActor(burnRateMachine, { input: { seed: 10 } }).start();
    actor.send({ type: 'seed.next' });
    expect(actor.getSnapshot().context.params.seed).toBe(nextSeed(10));
    expect(nextSeed(10)).not.toBe(10);
    actor.send({ type: 'sim.reset' });
    expect(actor.getSnapshot().context.params).toEqual(DEFAULT_PARAMS);
  });
});

describe('burn-rate run', () => {
  it('is the same for the same parameters and differs with the seed', () => {
    const a = runBurnRate({ ...DEFAULT_PARAMS, scenario: 'fast-burn', seed: 5 });
    const b = runBurnRate({ ...DEFAULT_PARAMS, scenario: 'fast-burn', seed: 5 });
    const c = runBurnRate({ ...DEFAULT_PARAMS, scenario: 'fast-burn', seed: 6 });
    expect(a).toEqual(b);
    expect(a.chart).not.toEqual(c.chart);
  });

  it('shows the Workbook result for flapping errors: approach 3 misses, approach 6 pages', () => {
    const run = runBurnRate({ ...DEFAULT_PARAMS, scenario: 'flapping' });
    expect(run.rows[2]).toMatchObject({ number: 3, missed: true });
    expect(run.rows[5]).toMatchObject({ number: 6, missed: false, severity: 'page' });
    expect(run.summary).toContain('Approach');
  });

  it('keeps charts to a bounded number of points without losing the peak', () => {
    const run = runBurnRate({ ...DEFAULT_PARAMS, scenario: 'ticket-leak' }, 500);
    expect(run.chart.length).toBeLessThanOrEqual(500);
    const points = Array.from({ length: 10_000 }, (_, i) => ({ v: i === 7777 ? 100 : 1 }));
    expect(downsampleMax(points, 100, (p) => p.v).some((p) => p.v === 100)).toBe(true);
  });
});

describe('burn-rate URL parameters', () => {
  it('round-trip through a query string, keeping other parameters', () => {
    const params = { sloPercent: 99.95, period: '28d' as const, scenario: 'slow-burn' as const, seed: 42, sloth: true };
    const search = paramsToSearch(params, '?lang=en');
    expect(search).toContain('lang=en');
    expect(paramsFromSearch(search)).toEqual({ params, problems: [] });
  });

  it('fall back to defaults with a message for each bad value', () => {
    const { params, problems } = paramsFromSearch('?slo=42&period=7d&scenario=meteor&seed=-1');
    expect(params).toEqual(DEFAULT_PARAMS);
    expect(problems).toHaveLength(4);
    expect(problems.join(' ')).toMatch(/slo "42".*period "7d".*scenario "meteor".*seed "-1"/);
  });
});

describe('burn-rate URL parameters with a prefix', () => {
  it('keep two simulators on one page apart', () => {
    const search = paramsToSearch({ ...DEFAULT_PARAMS, seed: 9 }, '?seed=123', 'br-');
    expect(new URLSearchParams(search).get('seed')).toBe('123');
    expect(paramsFromSearch(search, 'br-').params.seed).toBe(9);
  });
});

describe('browser and CLI agree', () => {
  it('the command shown under the simulator reproduces its table', async () => {
    const { execFileSync } = await import('node:child_process');
    const { cliCommand } = await import('./params');
    const params = { ...DEFAULT_PARAMS, scenario: 'fast-burn' as const, seed: 77, period: '28d' as const };
    const args = cliCommand(params).replace(/^npx rlab /, '').split(' ');
    const out = JSON.parse(execFileSync('node', ['bin/rlab.mjs', ...args, '--json'], { encoding: 'utf8' })) as {
      alerts: { approach: { number: number }; detectionDelaySeconds: number | null }[];
    };
    const run = runBurnRate(params);
    for (const row of run.rows) {
      const delays = out.alerts
        .filter((a) => a.approach.number === row.number && a.detectionDelaySeconds !== null)
        .map((a) => a.detectionDelaySeconds!);
      expect(delays.length ? Math.min(...delays) : null, `approach ${row.number}`).toBe(row.detectionDelaySeconds);
    }
  });
});

describe('the learner’s own series', () => {
  const csv = ['t_seconds,error_ratio', '0,0.0001', '7200,1', '9000,0.0001', '172800,0.0001'].join('\n');

  it('replaces the scenario, and choosing a scenario brings it back', () => {
    const s0 = getInitialSnapshot(burnRateMachine, {});
    const s1 = getNextSnapshot(burnRateMachine, s0, { type: 'series.load', label: 'outage.csv', csv });
    expect(s1.context.custom?.label).toBe('outage.csv');
    expect(s1.context.run.description).toContain('outage.csv');
    expect(s1.context.run.event).toBeNull();
    // A 30-minute total outage starting at 2 h: the 1h/5m page fires within minutes of it.
    const six = s1.context.run.rows[5]!;
    expect(six.missed).toBe(false);
    expect(six.detectionDelaySeconds).toBeGreaterThan(7200);
    expect(six.detectionDelaySeconds).toBeLessThan(7200 + 600);
    const s2 = getNextSnapshot(burnRateMachine, s1, { type: 'param.change', params: { scenario: 'total-outage' } });
    expect(s2.context.custom).toBeNull();
  });

  it('reports every problem of a bad file and keeps the current run', () => {
    const s0 = getInitialSnapshot(burnRateMachine, {});
    const s1 = getNextSnapshot(burnRateMachine, s0, { type: 'series.load', label: 'bad.csv', csv: 't_seconds,error_ratio\n0,2\nx,0.1' });
    expect(s1.context.csvErrors.length).toBeGreaterThanOrEqual(2);
    expect(s1.context.csvErrors.join(' ')).toMatch(/line 2/);
    expect(s1.context.run).toEqual(s0.context.run);
  });
});
