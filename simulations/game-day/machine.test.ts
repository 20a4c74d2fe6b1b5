import { createActor, SimulatedClock } from 'xstate';
import { describe, expect, it } from 'vitest';
import { engine, gameDayScenarios } from './engine';
import { liveGame, gameDayMachine } from './machine';
import { MS_PER_MINUTE } from './clock';
import { stressSchedule } from './stress';
import { teamPicture } from './team-view';

const scenario = gameDayScenarios.find((s) => s.id === 'database-outage')!;
/** The mitigation that fixes this scenario (failover, which works with a drawn chance). */
const fix = scenario.mitigations.find((m) => m.effect === 'fixes')!;

function start(input: { seed?: number; stress?: 'off' | 'low' | 'high' } = {}) {
  const clock = new SimulatedClock();
  const actor = createActor(gameDayMachine, { input: { engine, scenarios: gameDayScenarios, scenarioId: 'database-outage', seed: 7, ...input }, clock }).start();
  /** Advances the simulated clock by `n` minutes at the current speed. */
  const minutes = (n: number) => {
    for (let i = 0; i < n; i++) clock.increment(MS_PER_MINUTE[actor.getSnapshot().context.speed]);
  };
  return { actor, clock, minutes, ctx: () => actor.getSnapshot().context };
}

describe('game-day console machine', () => {
  it('has the database outage built in, with a mitigation that fixes it', () => {
    expect(scenario).toBeTruthy();
    expect(fix).toBeTruthy();
  });

  it('runs the clock one simulated minute per 10 s, pauses, and speeds up', () => {
    const { actor, clock, ctx } = start();
    expect(actor.getSnapshot().value).toBe('setup');
    clock.increment(60_000);
    expect(ctx().minute).toBe(0); // the clock does not run before the start
    actor.send({ type: 'game.start' });
    clock.increment(9_999);
    expect(ctx().minute).toBe(0);
    clock.increment(1);
    expect(ctx().minute).toBe(1);
    for (let i = 0; i < 5; i++) clock.increment(10_000); // 5 more minutes at 10 s each
    expect(ctx().minute).toBe(6);
    actor.send({ type: 'game.pause' });
    clock.increment(100_000);
    expect(ctx().minute).toBe(6);
    actor.send({ type: 'game.resume' });
    actor.send({ type: 'speed.set', speed: '1s' });
    for (let i = 0; i < 10; i++) clock.increment(1_000); // 10 minutes at 1 s each
    expect(ctx().minute).toBe(16);
    expect(ctx().state.minute).toBe(16);
  });

  it('refuses what the engine refuses, with its reason, and keeps the log unchanged', () => {
    const { actor, ctx } = start();
    actor.send({ type: 'game.start' });
    actor.send({ type: 'action.record', action: { kind: 'resolve' } });
    expect(ctx().error).toMatch(/^Not recorded: /);
    expect(ctx().actions).toEqual([]);
    expect(actor.getSnapshot().value).toBe('running');
  });

  it('records a full response that leads to recovery; resolving ends the game in the debrief', () => {
    const { actor, minutes, ctx } = start();
    actor.send({ type: 'game.start' });
    // Run until the first alert fires (the drawn detection minute for seed 7).
    while (ctx().state.phase === 'undetected') minutes(1);
    const detectedAt = ctx().minute;
    expect(ctx().state.metrics.timeToDetect).toBe(detectedAt);
    minutes(2);
    const record = (action: Parameters<typeof actor.send>[0]) => {
      actor.send(action);
      expect(ctx().error).toBeNull();
    };
    record({ type: 'action.record', action: { kind: 'acknowledge', by: 'Ana' } });
    record({ type: 'action.record', action: { kind: 'declare', severity: scenario.expectedSeverity, title: scenario.title } });
    record({ type: 'action.record', action: { kind: 'assign-role', role: 'incident-commander', person: 'Ana' } });
    record({ type: 'action.record', action: { kind: 'assign-role', role: 'operations', person: 'Ben' } });
    // The executive asks for an ETA (a distraction, not a second failure).
    record({ type: 'inject.fire', inject: scenario.injects.find((i) => i.kind === 'stakeholder')!.id });
    record({ type: 'action.record', action: { kind: 'mitigate', mitigation: fix.mitigation } });
    const mitigatedAt = ctx().minute;
    // Acknowledged 2 minutes after the alert: MTTA = 2.
    expect(ctx().state.metrics.timeToAcknowledge).toBe(2);
    // Failover works with a drawn chance: try again whenever the engine allows, until service is back.
    let guard = 0;
    while (ctx().state.restoredAt === null && guard++ < 120) {
      minutes(1);
      const retry = { at: ctx().minute, kind: 'mitigate' as const, mitigation: fix.mitigation };
      if (ctx().state.restoredAt === null && engine.canApply(ctx().state, retry).ok) actor.send({ type: 'action.record', action: { kind: 'mitigate', mitigation: fix.mitigation } });
    }
    expect(ctx().state.restoredAt).not.toBeNull();
    expect(ctx().state.restoredAt!).toBeGreaterThan(mitigatedAt);
    record({ type: 'action.record', action: { kind: 'resolve' } });
    expect(actor.getSnapshot().value).toBe('ended');
    const endedAt = ctx().minute;
    minutes(10);
    expect(ctx().minute).toBe(endedAt); // the clock stops in the debrief
    // The console's state is exactly the engine's replay of the log.
    expect(ctx().state).toEqual(engine.stateAt(scenario, 7, ctx().actions, endedAt));
    const result = engine.toResult(ctx().state, 'Blue', '2025-01-01T00:00:00.000Z');
    expect(result.metrics.timeToRecover).toBe(ctx().state.restoredAt);
    expect(result.run).toEqual({ scenario: 'database-outage', seed: 7, actions: ctx().actions });
  });

  it('fires each inject once: a second press is refused', () => {
    const { actor, ctx } = start();
    actor.send({ type: 'game.start' });
    actor.send({ type: 'inject.fire', inject: scenario.injects[0]!.id });
    expect(ctx().actions).toHaveLength(1);
    actor.send({ type: 'inject.fire', inject: scenario.injects[0]!.id });
    expect(ctx().error).toBe('Not recorded: that inject has already fired.');
    expect(ctx().actions).toHaveLength(1);
  });

  it('the stress dial fires its seeded schedule as the clock passes, same seed same injects', () => {
    const run = (seed: number) => {
      const { actor, minutes, ctx } = start({ seed, stress: 'high' });
      actor.send({ type: 'game.start' });
      minutes(60);
      return ctx().actions.filter((a) => a.kind === 'inject');
    };
    const expected = stressSchedule(scenario.injects, 7, 'high').filter((s) => s.at <= 60);
    expect(run(7)).toEqual(expected.map((s) => ({ at: s.at, kind: 'inject', inject: s.inject })));
    expect(run(7)).toEqual(run(7));
  });

  it('ends at the facilitator’s word too, and a new game day starts from minute 0 with the same setup', () => {
    const { actor, minutes, ctx } = start();
    actor.send({ type: 'setup.team', team: 'Red' });
    actor.send({ type: 'game.start' });
    minutes(5);
    actor.send({ type: 'game.end' });
    expect(actor.getSnapshot().value).toBe('ended');
    expect(liveGame(ctx(), 'ended')).toMatchObject({ team: 'Red', minute: 5, ended: true, running: false });
    actor.send({ type: 'game.reset' });
    expect(actor.getSnapshot().value).toBe('setup');
    expect(ctx()).toMatchObject({ minute: 0, actions: [], team: 'Red', seed: 7 });
  });

  it('resumes a game read back from storage, paused at its minute', () => {
    const { actor, ctx } = start();
    const actions = [{ at: 20, kind: 'note' as const, text: 'war room open' }];
    actor.send({ type: 'game.restore', game: { source: { kind: 'built-in', id: scenario.id }, scenario, seed: 3, team: 'Blue', actions, minute: 25, speed: '2s', stress: 'off' } });
    expect(actor.getSnapshot().value).toBe('paused');
    expect(ctx()).toMatchObject({ seed: 3, minute: 25, team: 'Blue', speed: '2s' });
    expect(ctx().state).toEqual(engine.stateAt(scenario, 3, ctx().actions, 25));
  });

  it('the team picture never holds the root cause, facilitator notes or hidden symptoms', () => {
    const { actor, minutes, ctx } = start();
    actor.send({ type: 'game.start' });
    minutes(60);
    const state = ctx().state;
    const text = JSON.stringify(teamPicture(state, 'Blue'));
    expect(text).not.toContain(scenario.rootCause);
    for (const note of scenario.facilitatorNotes) expect(text).not.toContain(note);
    for (const s of state.symptoms.filter((x) => x.visibleToTeam === false)) expect(text).not.toContain(s.text);
    for (const t of state.timeline.filter((x) => !x.visibleToTeam)) expect(text).not.toContain(t.text);
  });
});
