import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Action, RunSpec } from './contract';
import { canApply, drawMinute, drawnTimes, forkAt, ignoredActions, incidentEngine, postmortemMarkdown, stateAt, toResult } from './engine';
import { parseRunResult } from './result-store';
import { builtInScenarios, scenarioIds } from './scenarios';

const fixture = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8')) as RunSpec;
const sc = (id: string) => builtInScenarios[id]!;
const runOf = (spec: RunSpec, minute = 240) => stateAt(sc(spec.scenario), spec.seed, spec.actions, minute);

describe('draws', () => {
  it('are deterministic and keyed by what is drawn: the same seed gives the same times, other seeds differ', () => {
    const s = sc('database-outage');
    expect(drawnTimes(s, 42)).toEqual(drawnTimes(s, 42));
    // Detection is uniform on 2..15 (14 values): over 40 seeds we expect many distinct values.
    const detections = new Set(Array.from({ length: 40 }, (_, seed) => drawnTimes(s, seed).detectionAt));
    expect(detections.size).toBeGreaterThan(5);
    for (const d of detections) expect(d).toBeGreaterThanOrEqual(2), expect(d).toBeLessThanOrEqual(15);
  });

  it('a decision never reshuffles other draws: adding an action leaves detection and symptom times alone', () => {
    const s = sc('memory-leak');
    const quiet = stateAt(s, 7, [], 60);
    const busy = stateAt(s, 7, [{ at: 20, kind: 'acknowledge', by: 'a' }, { at: 21, kind: 'mitigate', mitigation: 'scale-up' }], 60);
    expect(busy.metrics.timeToDetect).toBe(quiet.metrics.timeToDetect);
    expect(busy.symptoms.map((x) => [x.id, x.shownAt])).toEqual(quiet.symptoms.map((x) => [x.id, x.shownAt]));
  });

  it('the same seed and actions give an identical state; the engine object is the same functions', () => {
    const spec = fixture('database-outage.good.json');
    expect(JSON.stringify(runOf(spec))).toBe(JSON.stringify(runOf(spec)));
    expect(incidentEngine.stateAt).toBe(stateAt);
  });
});

describe('database outage, seed 42, the good response (worked by hand)', () => {
  // Draws for seed 42: detection at minute 11; failover delay drawn from 3..6 is 5, and its
  // chance draw (u = 0.719) is below 0.8, so the failover works.
  const spec = fixture('database-outage.good.json');
  const state = runOf(spec);

  it('the draws are the ones the numbers below assume', () => {
    expect(drawnTimes(sc('database-outage'), 42).detectionAt).toBe(11);
    expect(drawMinute({ min: 3, max: 6 }, 42, 'database-outage', 'mitigation/failover/0/delay')).toBe(5);
  });

  it('recovers when the failover started at 16 takes effect at 16 + 5 = 21, and resolves at 25', () => {
    const m = state.metrics;
    expect(state.phase).toBe('resolved');
    expect(m.timeToDetect).toBe(11);
    expect(m.timeToAcknowledge).toBe(0); // acknowledged at 11, the minute the alert fired
    expect(m.timeToMitigate).toBe(16);
    expect(m.timeToRecover).toBe(21); // the course's MTTR
    expect(m.timeToResolve).toBe(25);
    expect(state.restoredAt).toBe(21);
  });

  it('customer impact, failed requests and error budget follow from 50% errors ramping over 2 minutes', () => {
    // Minute 0 is half-ramped: 0.5 * 1/2 = 0.25; minutes 1..20 at 0.5: 20 * 0.5 = 10. Total 10.25.
    // Failed requests: 10.25 * 200 req/s * 60 s = 123,000.
    // Budget for 99.9% over 30 days: 0.001 * 200 * 86,400 * 30 = 518,400 failed requests; 123,000 / 518,400 = 0.2373.
    const m = state.metrics;
    expect(m.customerImpactMinutes).toBe(10.25);
    expect(m.failedRequests).toBe(123_000);
    expect(m.errorBudgetSpent).toBeCloseTo(0.2373, 4);
    expect(state.signals.slice(0, 3).map((p) => p.errorRatio)).toEqual([0.25, 0.5, 0.5]);
    expect(state.signals.slice(20).map((p) => p.errorRatio)).toEqual([0.5, 0, 0, 0, 0]);
  });

  it('passes every practice check, and the severity matches', () => {
    expect(state.metrics.severity).toEqual({ declared: 1, expected: 1, matches: true });
    expect(state.metrics.practice.checks.filter((c) => !c.passed)).toEqual([]);
    expect(state.metrics.practice.score).toBe(100);
    expect(state.metrics.practice.checks.map((c) => c.name)).toContain('Answered "VP asks for an ETA"');
  });
});

describe('memory leak, seed 42, restart then rollback (worked by hand)', () => {
  // Detection at 9; restart at 15 with delay 5 takes effect at 20 and would relapse 35 minutes
  // later (55); the rollback started at 20 (delay 12) takes effect at 32 and cancels the relapse.
  const spec = fixture('memory-leak.good.json');
  const state = runOf(spec);

  it('recovers at 20 through the restart, and the fix holds thanks to the rollback', () => {
    const m = state.metrics;
    expect([m.timeToDetect, m.timeToMitigate, m.timeToRecover, m.timeToResolve]).toEqual([9, 15, 20, 35]);
    expect(m.practice.checks.find((c) => c.name === 'The fix holds')?.passed).toBe(true);
  });

  it('impact follows the 30-minute ramp: sum of 0.3 * (t + 1) / 30 for t = 0..19 = 0.01 * 210 = 2.1 minutes', () => {
    // Failed requests: 2.1 * 80 * 60 = 10,080; budget 0.001 * 80 * 86,400 * 30 = 207,360; 10,080 / 207,360 = 0.0486.
    expect(state.metrics.customerImpactMinutes).toBe(2.1);
    expect(state.metrics.failedRequests).toBe(10_080);
    expect(state.metrics.errorBudgetSpent).toBeCloseTo(0.0486, 4);
  });

  it('a restart alone only buys time: the leak returns at 20 + 35 = 55 and ramps up again', () => {
    const onlyRestart = spec.actions.filter((a) => !(a.kind === 'mitigate' && a.mitigation === 'rollback') && a.kind !== 'resolve');
    const s = stateAt(sc('memory-leak'), 42, onlyRestart, 70);
    expect(s.signals[54]!.errorRatio).toBe(0);
    expect(s.signals[55]!.errorRatio).toBeCloseTo(0.3 / 30, 6); // first minute of the new ramp
    expect(s.restoredAt).toBeNull();
    expect(s.metrics.practice.checks.find((c) => c.name === 'The fix holds')).toMatchObject({ passed: false });
    expect(s.messages.some((m) => m.at === 55 && /back/.test(m.text))).toBe(true);
  });
});

describe('each built-in scenario reaches recovery with its good fixture', () => {
  it.each(scenarioIds)('%s', (id) => {
    const spec = fixture(`${id}.good.json`);
    expect(spec.scenario).toBe(id);
    const state = runOf(spec);
    expect(ignoredActions(sc(id), spec.seed, spec.actions, 240)).toEqual([]);
    expect(state.phase).toBe('resolved');
    expect(state.restoredAt).not.toBeNull();
    expect(state.metrics.severity.matches).toBe(true);
    expect(state.metrics.practice.score).toBe(100);
  });
});

describe('wrong mitigations have consequences', () => {
  it('retry storm: restart makes errors 1.5 times worse, scale-up 1.3 times more, and the rate limit fixes it', () => {
    const state = runOf(fixture('retry-storm.bad.json'));
    // Restart at 8 (delay 5) hits at 13: 0.35 -> 0.525. Scale-up at 14 (delay 8) at 22: 0.525 * 1.3 = 0.6825.
    // The rate limit could only start at 22, when the scale-up finished (one change at a time); delay 2 -> restored at 24.
    expect(state.signals[12]!.errorRatio).toBe(0.35);
    expect(state.signals[13]!.errorRatio).toBe(0.525);
    expect(state.signals[22]!.errorRatio).toBe(0.6825);
    expect(state.metrics.timeToRecover).toBe(24);
  });

  it('database outage: changes that do nothing cost time, block other changes, and early resolve is refused', () => {
    const spec = fixture('database-outage.bad.json');
    const refused = ignoredActions(sc('database-outage'), 42, spec.actions, 240);
    expect(refused.map((r) => [r.action.at, r.action.kind, r.reason])).toEqual([
      [25, 'mitigate', 'one change at a time: restart is still in progress until minute 27'],
      [34, 'resolve', 'service is not restored yet: users are still affected (resolve only after recovery)'],
    ]);
    const state = runOf(spec);
    // The failover could start only at 34, when the scale-up started at 27 (delay 7) had finished: 34 + 5 = 39.
    expect(state.metrics.timeToRecover).toBe(39);
    expect(state.metrics.severity).toEqual({ declared: 3, expected: 1, matches: false });
    const failed = state.metrics.practice.checks.filter((c) => !c.passed).map((c) => c.name);
    expect(failed).toEqual(['Roles delegated', 'Someone keeps the timeline', 'Commander not hands-on', 'Declared at the right severity', 'Stakeholder updates on cadence', 'Customer updates on cadence']);
  });

  it('a second failure adds errors until its mitigation clears it, and blocks recovery meanwhile', () => {
    const s = sc('database-outage');
    const actions: Action[] = [
      { at: 11, kind: 'acknowledge', by: 'a' },
      { at: 12, kind: 'inject', inject: 'inventory-cache' },
      { at: 12, kind: 'mitigate', mitigation: 'failover' },
    ];
    const mid = stateAt(s, 42, actions, 30);
    // Failover takes effect at 17; the cache failure (0.1) remains, so service is not restored.
    expect(mid.signals[16]!.errorRatio).toBe(0.6);
    expect(mid.signals[17]!.errorRatio).toBe(0.1);
    expect(mid.restoredAt).toBeNull();
    const cleared = stateAt(s, 42, [...actions, { at: 17, kind: 'mitigate', mitigation: 'scale-up' }], 40);
    // scale-up delay is drawn from 5..8 for seed 42: 7, so restored at 24.
    expect(cleared.restoredAt).toBe(17 + drawMinute({ min: 5, max: 8 }, 42, 'database-outage', 'mitigation/scale-up/0/delay'));
    expect(cleared.restoredAt).toBe(24);
  });

  it('a failover that misses its chance does nothing, and a retry is a fresh draw', () => {
    const s = sc('database-outage');
    // Find a seed whose first failover fails (chance 0.8): the draws are keyed by attempt.
    const seed = Array.from({ length: 100 }, (_, i) => i).find((i) => {
      const st = stateAt(s, i, [{ at: 15, kind: 'acknowledge', by: 'a' }, { at: 15, kind: 'mitigate', mitigation: 'failover' }], 30);
      return st.restoredAt === null;
    })!;
    expect(seed).toBeDefined();
    const st = stateAt(s, seed, [{ at: 15, kind: 'acknowledge', by: 'a' }, { at: 15, kind: 'mitigate', mitigation: 'failover' }], 30);
    expect(st.messages.some((m) => /did not work this time/.test(m.text))).toBe(true);
  });
});

describe('canApply', () => {
  const s = sc('database-outage');
  it('refuses impossible actions with reasons', () => {
    const at0 = stateAt(s, 42, [], 5);
    expect(canApply(at0, { at: 5, kind: 'acknowledge', by: 'a' })).toEqual({ ok: false, reason: 'nothing has paged yet and nobody has reported a problem' });
    const at11 = stateAt(s, 42, [{ at: 11, kind: 'acknowledge', by: 'a' }], 11);
    expect(canApply(at11, { at: 11, kind: 'assign-role', role: 'operations', person: 'b' })).toMatchObject({ ok: false, reason: 'declare the incident first, then hand out roles' });
    expect(canApply(at11, { at: 11, kind: 'diagnose', check: 'Check the moon' })).toMatchObject({ ok: false });
    expect(canApply(at11, { at: 11, kind: 'resolve' })).toMatchObject({ ok: false, reason: expect.stringContaining('not restored') });
    expect(canApply(at11, { at: 11, kind: 'mitigate', mitigation: 'failover' })).toEqual({ ok: true });
    expect(canApply(at11, { at: 10, kind: 'note', text: 'x' })).toMatchObject({ ok: false, reason: expect.stringContaining('time order') });
  });
  it('a customer report lets the team start before any alert; then there is no time to acknowledge', () => {
    const c = sc('certificate-expiry');
    // Seed 42: customers report at minute 5, the first alert fires at 17.
    const st = stateAt(c, 42, [{ at: 5, kind: 'acknowledge', by: 'a' }], 20);
    expect(st.metrics.timeToDetect).toBe(5);
    expect(st.metrics.timeToAcknowledge).toBeNull();
  });
});

describe('replay and fork', () => {
  it('the state at minute m of the full run equals the state of the log truncated at m', () => {
    for (const id of scenarioIds) {
      const spec = fixture(`${id}.good.json`);
      for (const m of [0, 5, 12, 17, 21]) {
        const full = stateAt(sc(id), spec.seed, spec.actions, m);
        const truncated = stateAt(sc(id), spec.seed, spec.actions.filter((a) => a.at <= m), m);
        expect(truncated).toEqual(full);
      }
    }
  });
  it('forking keeps the actions before m, and continuing differently changes only what follows', () => {
    const spec = fixture('retry-storm.good.json');
    const forked = [...forkAt(spec.actions, 10), { at: 10, kind: 'mitigate', mitigation: 'restart' } as Action];
    const original = runOf(spec, 12);
    const other = stateAt(sc('retry-storm'), 42, forked, 12);
    expect(other.signals.slice(0, 10)).toEqual(original.signals.slice(0, 10));
    expect(other.restoredAt).toBeNull();
    expect(original.restoredAt).toBe(11);
  });
});

describe('result and post-mortem draft', () => {
  const state = runOf(fixture('database-outage.good.json'));
  const result = toResult(state, 'Blue team', '2025-01-01T00:00:00.000Z');
  it('the result carries the run to replay it and validates', () => {
    expect(result.run).toEqual({ scenario: 'database-outage', seed: 42, actions: fixture('database-outage.good.json').actions });
    expect(result.endedAt).toBe(25);
    expect(parseRunResult(JSON.parse(JSON.stringify(result)))).toMatchObject({ ok: true });
    expect(parseRunResult({ ...result, metrics: { ...result.metrics, timeToRecover: 'soon' } })).toEqual({ ok: false, errors: ['metrics.timeToRecover must be minutes or null; got "soon"'] });
  });
  it('the Markdown draft has the sections, MTTR, the P0 note (over 20% of budget) and the deadlines table', () => {
    const md = postmortemMarkdown(result);
    for (const h of ['## Summary', '## Impact', '## Metrics', '## Timeline', '## Root cause', '## 5 Whys', '## Action items']) expect(md).toContain(h);
    expect(md).toContain('| **time to recover, this course\'s MTTR** (impact start to service restored) | 21 min |');
    expect(md).toContain('Error budget spent: 23.7%');
    expect(md).toContain('at least one P0 action item');
    expect(md).toMatch(/\| P0 \|.*\| 3 days \|/);
    expect(md).toMatch(/\| P1 \|.*\| 7 days \|/);
    expect(md).toMatch(/\| P2 \|.*\| 31 days \|/);
    expect(md).toMatch(/\| P3 \|.*\| no deadline \|/);
  });
});
