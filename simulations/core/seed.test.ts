import { describe, expect, it } from 'vitest';
import { paramsFromSearch as burnRateParams } from '../burn-rate/params';
import { paramsFromSearch as canaryParams } from '../canary/params';
import { paramsFromSearch as goldenSignalsParams } from '../golden-signals/params';
import { linkFromSearch } from '../incident/run-spec';
import { builtInScenarios, DEFAULT_SCENARIO_ID } from '../incident/scenarios';
import { paramsFromSearch as runbookParams } from '../runbook-automation/params';
import { MAX_SEED, parseSeed } from './seed';

describe('parseSeed', () => {
  it.each([
    ['7', 7],
    ['007', 7],
    [' 7 ', 7],
    ['0', 0],
    [String(MAX_SEED), MAX_SEED],
    [String(MAX_SEED + 1), null],
    ['7.0', null],
    ['0x7', null],
    ['1e3', null],
    ['-1', null],
    ['abc', null],
    ['', null],
    ['9'.repeat(400), null],
  ])('%j -> %j', (text, seed) => {
    expect(parseSeed(text)).toBe(seed);
  });

  it('every page reads a seed in its URL with it, so a link and the CLI agree', () => {
    for (const text of ['007', '7.0', 'abc']) {
      const expected = parseSeed(text) ?? 1;
      expect(burnRateParams(`?seed=${text}`).params.seed).toBe(expected);
      expect(goldenSignalsParams(`?gs-seed=${text}`).params.seed).toBe(expected);
      expect(canaryParams(`?cn-seed=${text}`).params.seed).toBe(expected);
      expect(runbookParams(`?rb-seed=${text}`).params.seed).toBe(expected);
      const defaults = { scenario: DEFAULT_SCENARIO_ID, seed: 1, actions: [], minute: 0 };
      expect(linkFromSearch(`?in-seed=${text}`, builtInScenarios, defaults).link.seed).toBe(expected);
    }
  });
});
