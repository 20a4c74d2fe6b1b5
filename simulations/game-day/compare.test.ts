import { describe, expect, it } from 'vitest';
import type { RunResult } from '../incident/contract';
import { compareResults, readResultFile } from './compare';

/** A result as a team's console exports it (values chosen for easy arithmetic). */
function result(team: string, over: { recover: number | null; ack: number; budget: number; score: number; declared: 1 | 2 | null }, run: Partial<RunResult['run']> = {}): RunResult {
  return {
    format: 'reliability-lab-incident-result',
    version: 1,
    team,
    run: { scenario: 'database-outage', seed: 7, actions: [{ at: 5, kind: 'acknowledge', by: 'Ana' }], ...run },
    scenarioTitle: 'Primary database connection failure',
    endedAt: 40,
    metrics: {
      timeToDetect: 3,
      timeToAcknowledge: over.ack,
      timeToMitigate: over.recover === null ? null : over.recover - 2,
      timeToRecover: over.recover,
      timeToResolve: over.recover === null ? null : over.recover + 5,
      customerImpactMinutes: 12.5,
      failedRequests: 150_000,
      errorBudgetSpent: over.budget,
      severity: { declared: over.declared, expected: 1, matches: over.declared === 1 },
      practice: { score: over.score, checks: [{ name: 'IC assigned', passed: true, detail: 'minute 6' }] },
    },
    timeline: [{ at: 3, source: 'system', kind: 'alert', text: 'DB connection errors', visibleToTeam: true }],
    rootCause: 'Primary database ran out of connections',
    exportedAt: '2025-01-01T00:00:00.000Z',
  };
}

const file = (name: string, r: unknown) => readResultFile(name, JSON.stringify(r));

describe('reading result files', () => {
  it('accepts a good file', () => {
    const read = file('blue.json', result('Blue', { recover: 30, ack: 2, budget: 0.1, score: 80, declared: 1 }));
    expect(read.ok).toBe(true);
  });

  it('names the file and the field of every problem', () => {
    const bad = result('Blue', { recover: 30, ack: 2, budget: 0.1, score: 80, declared: 1 }) as unknown as Record<string, any>;
    bad.metrics.timeToRecover = 'soon';
    bad.run.seed = 1.5;
    bad.timeline[0].source = 'robot';
    const read = file('blue.json', bad);
    expect(read.ok).toBe(false);
    if (!read.ok)
      expect(read.errors).toEqual([
        'blue.json: run.seed must be a whole number (found 1.5)',
        'blue.json: metrics.timeToRecover must be a number of at least 0 (found "soon")',
        'blue.json: timeline[0].source must be one of system, team, facilitator (found "robot")',
      ]);
  });

  it('explains files that are not JSON or not a result', () => {
    const notJson = readResultFile('notes.txt', 'hello');
    expect(!notJson.ok && notJson.errors[0]).toMatch(/^notes\.txt: not valid JSON/);
    const other = file('pm.json', { format: 'reliability-lab-postmortem' });
    expect(!other.ok && other.errors[0]).toBe('pm.json: format must be "reliability-lab-incident-result" (found "reliability-lab-postmortem"): is this an incident result file?');
  });
});

describe('comparing teams', () => {
  const blue = { name: 'blue.json', result: result('Blue', { recover: 30, ack: 2, budget: 0.12, score: 80, declared: 1 }) };
  const red = { name: 'red.json', result: result('Red', { recover: 45, ack: 6, budget: 0.2, score: 60, declared: 2 }) };
  const green = { name: 'green.json', result: result('Green', { recover: null, ack: 4, budget: 0.35, score: 90, declared: 1 }) };

  it('sets metrics side by side and marks the best team per row', () => {
    const out = compareResults([blue, red, green]);
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const row = (key: string) => out.comparison.rows.find((r) => r.key === key)!;
    // Recovery 30 vs 45 vs never: Blue (index 0) is best; Green never recovered.
    expect(row('timeToRecover')).toMatchObject({ cells: ['30 min', '45 min', 'not reached'], best: [0] });
    expect(row('timeToAcknowledge').best).toEqual([0]);
    // Budget 12% < 20% < 35%.
    expect(row('errorBudgetSpent')).toMatchObject({ cells: ['12%', '20%', '35%'], best: [0] });
    // Practice: higher is better, Green's 90.
    expect(row('practiceScore').best).toEqual([2]);
    // Blue and Green declared SEV-1 as expected.
    expect(row('severity')).toMatchObject({ cells: ['SEV-1 (SEV-1), matches', 'SEV-2 (SEV-1)', 'SEV-1 (SEV-1), matches'], best: [0, 2] });
    // Everyone detected at minute 3: a tie marks nobody.
    expect(row('timeToDetect').best).toEqual([]);
    expect(out.comparison.teams.map((t) => t.team)).toEqual(['Blue', 'Red', 'Green']);
  });

  it('refuses to mix scenarios or seeds, naming both files', () => {
    const otherSeed = { name: 'red.json', result: result('Red', { recover: 45, ack: 6, budget: 0.2, score: 60, declared: 2 }, { seed: 8 }) };
    const out = compareResults([blue, otherSeed]);
    expect(out).toEqual({
      ok: false,
      error:
        'Cannot compare: red.json is scenario "database-outage" with seed 8, but blue.json is "database-outage" with seed 7. Load results of the same scenario and seed; the numbers of different incidents do not compare.',
    });
    const otherScenario = { name: 'leak.json', result: result('Leak', { recover: 45, ack: 6, budget: 0.2, score: 60, declared: 2 }, { scenario: 'memory-leak' }) };
    expect(compareResults([blue, otherScenario]).ok).toBe(false);
  });
});
