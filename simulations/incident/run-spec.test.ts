import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Action, RunSpec } from './contract';
import { cliCommand, decodeActions, encodeActions, linkFromSearch, linkToSearch, parseActions, parseRunFile } from './run-spec';
import { builtInScenarios, scenarioIds } from './scenarios';

const fixture = (name: string) => JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8')) as RunSpec;
const defaults = { scenario: 'database-outage', seed: 1, actions: [] as Action[], minute: 0 };

describe('compact action encoding', () => {
  it('round-trips every fixture, including punctuation, quotes and non-ASCII text', () => {
    for (const id of scenarioIds) {
      const { actions } = fixture(`${id}.good.json`);
      expect(decodeActions(encodeActions(actions), builtInScenarios[id])).toEqual({ ok: true, actions });
    }
    const odd: Action[] = [{ at: 3, kind: 'note', text: "a.b*c_d%e f-g (h) 'i' ~ ü 😀" }, { at: 4, kind: 'mitigate', mitigation: 'failover', target: 'db-2' }, { at: 5, kind: 'resolve' }];
    expect(decodeActions(encodeActions(odd))).toEqual({ ok: true, actions: odd });
  });

  it('survives URLSearchParams unchanged (no escaping needed) and is compact', () => {
    const { actions } = fixture('database-outage.good.json');
    const text = encodeActions(actions);
    expect(new URLSearchParams({ l: text }).toString()).toBe(`l=${text}`);
    expect(text.length).toBeLessThan(JSON.stringify(actions).length * 0.8);
  });

  it('reports bad tokens with their position', () => {
    expect(decodeActions('12q.x*3a')).toEqual({
      ok: false,
      errors: ['action 1 ("12q.x") must start with a minute and a kind letter (advrugmexnj), e.g. 12m', 'action 2 ("3a"): a acknowledge needs 1 field; got 0'],
    });
    expect(decodeActions('5m.reboot')).toEqual({ ok: false, errors: [expect.stringMatching(/^action 1\.mitigation must be one of failover/)] });
  });
});

describe('links', () => {
  it('round-trip scenario, seed, log and minute, keeping other parameters', () => {
    const spec = fixture('memory-leak.good.json');
    const link = { scenario: spec.scenario, seed: spec.seed, actions: spec.actions, minute: 35 };
    const search = linkToSearch(link, '?gs-seed=3');
    expect(search).toContain('gs-seed=3');
    expect(linkFromSearch(search, builtInScenarios, defaults)).toEqual({ link, problems: [] });
  });
  it('bad parameters are reported and skipped', () => {
    const r = linkFromSearch('?in-scenario=volcano&in-seed=-1&in-log=9z&in-t=999', builtInScenarios, defaults);
    expect(r.link).toEqual(defaults);
    expect(r.problems).toEqual([
      expect.stringMatching(/^in-scenario "volcano" is not a scenario/),
      expect.stringMatching(/^in-seed "-1" must be a whole number/),
      expect.stringMatching(/^in-log: action 1 \("9z"\)/),
      'in-t "999" must be a minute from 0 to 240',
    ]);
  });
  it('the CLI command quotes the log for the shell', () => {
    expect(cliCommand({ scenario: 'bad-deploy', seed: 7, actions: [{ at: 3, kind: 'acknowledge', by: 'omar' }, { at: 4, kind: 'resolve' }], minute: 5 })).toBe(
      "npx rlab incident --scenario bad-deploy --seed 7 --log '3a.omar*4x' --until 5",
    );
  });
});

describe('action logs from files', () => {
  it('report every problem with its path, including unknown checks and injects of the scenario', () => {
    const r = parseRunFile(JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'bad-actions.invalid.json'), 'utf8')), builtInScenarios);
    expect(r).toEqual({
      ok: false,
      errors: [
        'seed must be a whole number from 0 to 2147483646; got "42"',
        'actions[0].by must be a non-empty string; got ""',
        "actions[1].at is 3, before the previous action's minute 5: actions must be in time order",
        'actions[1].severity must be 1, 2, 3 or 4; got 5',
        expect.stringMatching(/^actions\[2\]\.mitigation must be one of failover/),
        expect.stringMatching(/^actions\[3\]\.check "Check the moon" is not a check of scenario database-outage/),
        expect.stringMatching(/^actions\[4\]\.inject "meteor" is not an inject of scenario database-outage/),
        expect.stringMatching(/^actions\[5\]\.kind must be one of acknowledge/),
      ],
    });
  });
  it('unknown fields are named', () => {
    expect(parseActions([{ at: 1, kind: 'resolve', by: 'me' }])).toEqual({ ok: false, errors: ['actions[0].by is not a field of a resolve action (fields: at, kind)'] });
  });
});
