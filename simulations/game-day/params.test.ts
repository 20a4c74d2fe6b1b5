import { describe, expect, it } from 'vitest';
import { engine, gameDayScenarios } from './engine';
import { compareResults, readResultFile } from './compare';
import { setupFromSearch, setupToSearch } from './params';
import { resultFileName } from './results';
import type { Action } from '../incident/contract';

const ids = gameDayScenarios.map((s) => s.id);

describe('console link parameters', () => {
  it('round-trip a setup, keeping other parameters', () => {
    const setup = { scenario: 'memory-leak', seed: 42, team: 'Blue team', speed: '2s' as const, stress: 'low' as const };
    const search = setupToSearch(setup, '?other=1');
    expect(search).toBe('?other=1&gd-scenario=memory-leak&gd-seed=42&gd-team=Blue+team&gd-speed=2s&gd-stress=low');
    expect(setupFromSearch(search, ids)).toEqual({ params: setup, problems: [] });
  });

  it('reports each bad value and keeps the default for it', () => {
    const { params, problems } = setupFromSearch('?gd-scenario=meteor&gd-seed=-3&gd-speed=warp&gd-stress=panic&gd-team=Red', ids);
    expect(params).toEqual({ scenario: 'database-outage', seed: 1, team: 'Red', speed: '10s', stress: 'off' });
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^gd-scenario "meteor" is not a built-in scenario/);
  });
});

describe('results from the engine', () => {
  const scenario = gameDayScenarios.find((s) => s.id === 'database-outage')!;
  const detection = engine.stateAt(scenario, 7, [], 240).metrics.timeToDetect!;

  it('two teams on the same scenario and seed compare; the faster acknowledgement is marked best', () => {
    const ack = (minute: number): Action[] => [{ at: minute, kind: 'acknowledge', by: 'Ana' }];
    // Team Fast acknowledges 1 minute after the alert, team Slow 9 minutes after: MTTA 1 vs 9.
    const fast = engine.toResult(engine.stateAt(scenario, 7, ack(detection + 1), 60), 'Fast', '2025-01-01T00:00:00.000Z');
    const slow = engine.toResult(engine.stateAt(scenario, 7, ack(detection + 9), 60), 'Slow', '2025-01-01T00:00:00.000Z');
    const files = [fast, slow].map((r) => readResultFile(resultFileName(r, 'json'), JSON.stringify(r)));
    expect(files.map((f) => f.ok)).toEqual([true, true]);
    expect(files[0]!.name).toBe('game-day-database-outage-seed-7-fast.json');
    const out = compareResults(files.flatMap((f) => (f.ok ? [f] : [])));
    expect(out.ok).toBe(true);
    if (out.ok) expect(out.comparison.rows.find((r) => r.key === 'timeToAcknowledge')).toMatchObject({ cells: ['1 min', '9 min'], best: [0] });
  });
});
