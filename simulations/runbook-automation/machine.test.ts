import { createActor, getInitialSnapshot, getNextSnapshot } from 'xstate';
import { describe, expect, it } from 'vitest';
import { CONNECTION_POOL_TEXT } from './connection-pool';
import { runbookMachine } from './machine';
import { cliCommand, DEFAULT_PARAMS, paramsFromSearch, paramsToSearch } from './params';

const start = (input = {}) => getInitialSnapshot(runbookMachine, input);

describe('runbook machine: Run, Step, Reset', () => {
  it('starts idle with the whole run computed and nothing revealed', () => {
    const s = start();
    expect(s.value).toBe('idle');
    expect(s.context.params).toEqual(DEFAULT_PARAMS);
    expect(s.context.cursor).toBe(0);
    expect(s.context.run.log.length).toBeGreaterThan(5);
    expect(s.context.draft).toBe(CONNECTION_POOL_TEXT);
  });

  it('Step reveals one log line at a time and ends in done; Reset rewinds; Run reveals everything', () => {
    const actor = createActor(runbookMachine, { input: {} }).start();
    const total = actor.getSnapshot().context.run.log.length;
    actor.send({ type: 'run.step' });
    expect(actor.getSnapshot().value).toBe('stepping');
    expect(actor.getSnapshot().context.cursor).toBe(1);
    for (let i = 1; i < total; i++) actor.send({ type: 'run.step' });
    expect(actor.getSnapshot().value).toBe('done');
    expect(actor.getSnapshot().context.cursor).toBe(total);
    actor.send({ type: 'run.reset' });
    expect(actor.getSnapshot().value).toBe('idle');
    expect(actor.getSnapshot().context.cursor).toBe(0);
    actor.send({ type: 'run.all' });
    expect(actor.getSnapshot().value).toBe('done');
    expect(actor.getSnapshot().context.cursor).toBe(total);
  });

  it('a success chance of 0 for terminating sessions makes the run roll back; back to 90% removes the override', () => {
    const s1 = getNextSnapshot(runbookMachine, start({ seed: 1 }), { type: 'chance.set', stepId: 'terminate_long_queries', chance: 0 });
    expect(s1.context.params.chances).toEqual({ terminate_long_queries: 0 });
    expect(s1.context.run.outcome).toBe('rolled-back');
    expect(s1.context.run.execution!.rolledBack).toEqual(['terminate_long_queries', 'identify_long_queries', 'check_connection_pool']);
    const s2 = getNextSnapshot(runbookMachine, s1, { type: 'chance.set', stepId: 'terminate_long_queries', chance: 0.9 });
    expect(s2.context.params.chances).toEqual({});
  });

  it('refuses a bad seed or an unknown step with a reason, and keeps the run', () => {
    const s0 = getNextSnapshot(runbookMachine, start(), { type: 'run.all' });
    const s1 = getNextSnapshot(runbookMachine, s0, { type: 'param.change', params: { seed: -3 } });
    expect(s1.context.error).toMatch(/seed must be a whole number/);
    expect(s1.context.run).toBe(s0.context.run);
    expect(s1.value).toBe('done');
    const s2 = getNextSnapshot(runbookMachine, s1, { type: 'chance.set', stepId: 'ghost', chance: 0.5 });
    expect(s2.context.error).toBe('the runbook has no step "ghost"');
  });

  it('keeps a draft with an error, reports the line, and keeps running the previous runbook', () => {
    const bad = 'name: mine\nsteps:\n  - id: only\n    action: do it\n    retries: many\n';
    const s1 = getNextSnapshot(runbookMachine, start(), { type: 'draft.edit', text: bad });
    const s2 = getNextSnapshot(runbookMachine, s1, { type: 'draft.apply' });
    expect(s2.context.draftErrors).toEqual(["line 5: steps[0].retries must be a whole number from 0 to 10, got 'many'"]);
    expect(s2.context.draft).toBe(bad);
    expect(s2.context.own).toBe(false);
    expect(s2.context.runbook.name).toBe('database_connection_recovery');

    const fixed = bad.replace('many', '2');
    const s3 = getNextSnapshot(runbookMachine, getNextSnapshot(runbookMachine, s2, { type: 'draft.edit', text: fixed }), { type: 'draft.apply' });
    expect(s3.context.draftErrors).toEqual([]);
    expect(s3.context.own).toBe(true);
    expect(s3.context.runbook.name).toBe('mine');
    expect(s3.context.run.outcome).toBe('succeeded'); // one step, default success chance 1

    const s4 = getNextSnapshot(runbookMachine, s3, { type: 'draft.builtin' });
    expect(s4.context.runbook.name).toBe('database_connection_recovery');
    expect(s4.context.draft).toBe(fixed);
  });

  it('fires an alert through the orchestrator and records both rules', () => {
    const s = getNextSnapshot(runbookMachine, start(), { type: 'param.change', params: { alert: 'tue-1730-low', policy: 'common' } });
    expect(s.context.run.decision!.kind).toBe('ask-human');
    expect(s.context.run.decisions!.lesson.kind).toBe('auto');
  });

  it('New seed changes the run the same way every time', () => {
    const a = getNextSnapshot(runbookMachine, start(), { type: 'seed.next' });
    const b = getNextSnapshot(runbookMachine, start(), { type: 'seed.next' });
    expect(a.context.params.seed).toBe(48_271);
    expect(a.context.run).toEqual(b.context.run);
  });
});

describe('runbook URL parameters and command', () => {
  it('round-trip through the query string, and give the equivalent command', () => {
    const params = { seed: 7, chances: { terminate_long_queries: 0, verify_recovery: 0.45 }, alert: 'sun-0300-critical', policy: 'common' as const };
    expect(paramsFromSearch(paramsToSearch(params, '?other=1'))).toEqual({ params, problems: [] });
    expect(cliCommand(params)).toBe('npx rlab runbook --seed 7 --chance terminate_long_queries=0 --chance verify_recovery=0.45 --alert sun-0300-critical --policy common');
    expect(cliCommand(DEFAULT_PARAMS, true)).toBe('npx rlab runbook --runbook my-runbook.yaml --seed 1');
  });

  it('reads the old policy name "source" in a share link as "common"', () => {
    expect(paramsFromSearch('?rb-alert=tue-1730-low&rb-policy=source')).toMatchObject({ params: { policy: 'common' }, problems: [] });
  });

  it('reports every bad value and keeps the good ones', () => {
    const { params, problems } = paramsFromSearch('?rb-seed=abc&rb-chance=ghost:0.5,verify_recovery:2,restart_connection_pool:50%25&rb-alert=meteor&rb-policy=yolo');
    expect(params).toEqual({ ...DEFAULT_PARAMS, chances: { restart_connection_pool: 0.5 } });
    expect(problems).toEqual([
      'seed "abc" must be a whole number from 0 to 2147483646',
      'chance "ghost:0.5": the runbook has no step "ghost"',
      'the success chance of verify_recovery must be from 0 to 1 (0% to 100%), got "2"',
      'alert "meteor" is not one of the alerts offered',
      'policy "yolo" must be lesson or common',
    ]);
  });
});
