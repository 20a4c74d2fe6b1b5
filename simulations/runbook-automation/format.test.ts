import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONNECTION_POOL_RUNBOOK, CONNECTION_POOL_TEXT, SOURCE_ORIGINAL_TEXT } from './connection-pool';
import { findCycle, parseRunbook, STEP_DEFAULTS, type ParseResult } from './format';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const errors = (r: ParseResult) => (r.ok ? [] : r.errors);

describe('the built-in runbooks', () => {
  it('are the fixture files, byte for byte (the CLI and the browser run the same text)', () => {
    expect(CONNECTION_POOL_TEXT).toBe(fixture('connection-pool.yaml'));
    expect(SOURCE_ORIGINAL_TEXT).toBe(fixture('source-original.yaml'));
  });

  it("read the lesson's corrected connection-pool runbook: six steps, its timeouts, retries and prerequisites", () => {
    const steps = CONNECTION_POOL_RUNBOOK.steps;
    expect(steps.map((s) => s.id)).toEqual([
      'check_connection_pool',
      'identify_long_queries',
      'terminate_long_queries',
      'restart_connection_pool',
      'wait_for_rollout',
      'verify_recovery',
    ]);
    // The lesson's values: timeouts 30, 30, 60, 30, 330 s, and for the health check the 10 s that
    // curl's --max-time really allows (the lesson's 60 s never comes into play); retries 3, 3, 1, 0, 0, 5.
    expect(steps.map((s) => s.timeoutSeconds)).toEqual([30, 30, 60, 30, 330, 10]);
    expect(steps.map((s) => s.retries)).toEqual([3, 3, 1, 0, 0, 5]);
    expect(steps.map((s) => s.prerequisites)).toEqual([[], [], ['identify_long_queries'], ['terminate_long_queries'], ['restart_connection_pool'], []]);
    expect(steps[2]!.requiresApproval).toBe(true);
    expect(steps[2]!.rollback).toEqual({ kind: 'irreversible', why: 'terminated sessions and their rolled-back transactions cannot be restored' });
    expect(steps[4]!.action).toContain('kubectl rollout status'); // after `rollout restart`, as the lesson corrects
    expect(steps[4]!.duration).toEqual({ min: 60, max: 240 });
  });
});

describe('parseRunbook: the YAML-like format', () => {
  it('fills defaults, reads flow and block lists, quotes, comments and percentages', () => {
    const r = parseRunbook(`# a comment line
name: demo   # trailing comment
steps:
  - id: a
    action: "echo '#not a comment'"
  - id: b
    action: 'it''s fine'
    prerequisites:
      - a
    successChance: 80%
    durationSeconds: 7
    rollback: undo b
`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [a, b] = r.runbook.steps;
    expect(a).toMatchObject({ id: 'a', action: "echo '#not a comment'", prerequisites: [], timeoutSeconds: 300, retries: 3, backoffSeconds: 1, successChance: 1 });
    expect(a!.duration).toEqual(STEP_DEFAULTS.duration);
    expect(b).toMatchObject({ action: "it's fine", prerequisites: ['a'], successChance: 0.8, duration: { min: 7, max: 7 }, rollback: { kind: 'command', command: 'undo b' } });
    expect(r.runbook.jitter).toBe(false);
  });

  it('reads the same runbook from JSON', () => {
    // The YAML step starts on line 4 (name, jitter, steps:, then "- id: a"); JSON has no lines.
    const yaml = parseRunbook('name: x\njitter: true\nsteps:\n  - id: a\n    action: go\n    retries: 2\n    durationSeconds: 1-3\n    prerequisites: []\n');
    const json = parseRunbook('{"name":"x","jitter":true,"steps":[{"id":"a","action":"go","retries":2,"durationSeconds":"1-3","prerequisites":[]}]}');
    expect(yaml.ok && json.ok).toBe(true);
    if (!yaml.ok || !json.ok) return;
    expect({ ...json.runbook, steps: json.runbook.steps.map((s) => ({ ...s, line: 4 })) }).toEqual(yaml.runbook);
  });

  it('names the line and the field of each bad value, and reports them all at once', () => {
    // bad-retries.yaml: line 9 "retries: many", line 10 "successChance: 1.5", line 11 an unknown prerequisite.
    expect(errors(parseRunbook(fixture('bad-retries.yaml')))).toEqual([
      "line 9: steps[1].retries must be a whole number from 0 to 10, got 'many'",
      "line 10: steps[1].successChance must be a number from 0 to 1, got '1.5'",
      "line 11: steps[1].prerequisites names 'warm_cache', which is not a step id; the steps are: restart, check",
    ]);
  });

  it('finds a cycle in prerequisites and says where it starts', () => {
    // drain needs cordon (line 5), cordon needs drain (line 8).
    expect(errors(parseRunbook(fixture('bad-cycle.yaml')))).toEqual(['line 5: steps[0].prerequisites form a cycle: drain -> cordon -> drain']);
    expect(errors(parseRunbook('name: x\nsteps:\n  - id: a\n    action: go\n    prerequisites: [a]\n'))).toEqual(['line 5: steps[0].prerequisites form a cycle: a -> a']);
  });

  it('refuses a prerequisite written after the step (it could never have run first)', () => {
    const r = parseRunbook('name: x\nsteps:\n  - id: a\n    action: go\n    prerequisites: [b]\n  - id: b\n    action: go\n');
    expect(errors(r)).toEqual(["line 5: steps[0].prerequisites names 'b', which comes later (steps[1]); steps run in the order written, so 'a' would always be skipped"]);
  });

  it.each([
    ['name: x\nsteps:\n  - id: a\n    action: go\n  - id: a\n    action: again\n', "line 5: steps[1].id 'a' is already used by steps[0] (line 3)"],
    ['name: x\nsteps:\n  - id: a\n    action: go\n    retry: 2\n', "line 5: steps[0].retry is not a step field; did you mean 'retries'?"],
    ['name: x\nsteps:\n  - id: a\n    action: go\n    timeoutSeconds: -5\n', "line 5: steps[0].timeoutSeconds must be a number from 0.1 to 86400 seconds, got '-5'"],
    ['name: x\nsteps:\n  - id: a\n    action: go\n    durationSeconds: 9-2\n', "line 5: steps[0].durationSeconds: the range '9-2' ends before it starts"],
    ['name: x\nsteps:\n  - id: a\n    action: go\n    requiresApproval: yes\n', "line 5: steps[0].requiresApproval must be true or false, got 'yes'"],
    ['name: x\nsteps:\n  - id: 1st\n    action: go\n', "line 3: steps[0].id must start with a letter and use only letters, digits, _ and - (at most 40), got '1st'"],
    ['name: x\nsteps:\n  - id: a\n', "line 3: steps[0] needs an 'action' (what the step does)"],
    ['name: x\n', "line 1: the runbook needs 'steps', a list of at least one step"],
    ['steps:\n  - id: a\n    action: go\n', "line 1: the runbook needs a 'name'"],
    ['name: x\nsteps:\n  - id: a\n\taction: go\n', 'line 4: indent with spaces, not tabs'],
    ['name: x\nsteps:\n  - id: a\n    action: "go\n', 'line 4: the string starting with " is not closed'],
    ['name: x\nsteps:\n  - id: a\n      action: go\n', 'line 4: unexpected indentation (expected 4 spaces)'],
    ['name: x\nname: y\n', "line 2: 'name' is given twice (first on line 1)"],
    ['', 'the runbook is empty'],
  ])('%j -> %s', (text, message) => {
    expect(errors(parseRunbook(text))).toContain(message);
  });

  it('turns a JSON syntax error into a line number', () => {
    // bad-syntax.json has a trailing comma before "}" on line 4.
    expect(errors(parseRunbook(fixture('bad-syntax.json')))[0]).toMatch(/^line 4: not valid JSON/);
  });

  it('reports an unknown prerequisite even when other fields are wrong too', () => {
    const r = parseRunbook('name: x\nsteps:\n  - id: a\n    action: go\n    retries: lots\n    prerequisites: [ghost]\n');
    expect(errors(r)).toEqual([
      "line 5: steps[0].retries must be a whole number from 0 to 10, got 'lots'",
      "line 6: steps[0].prerequisites names 'ghost', which is not a step id; the steps are: a",
    ]);
  });
});

describe('findCycle', () => {
  it('returns the path of a cycle, or null', () => {
    expect(findCycle([{ id: 'a', prerequisites: [] }, { id: 'b', prerequisites: ['a'] }])).toBeNull();
    expect(findCycle([{ id: 'a', prerequisites: ['c'] }, { id: 'b', prerequisites: ['a'] }, { id: 'c', prerequisites: ['b'] }])).toEqual(['a', 'c', 'b', 'a']);
  });
});
